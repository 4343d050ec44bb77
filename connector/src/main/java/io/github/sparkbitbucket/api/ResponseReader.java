package io.github.sparkbitbucket.api;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/** Turns a successful response body into a value, reading it as a stream. */
@FunctionalInterface
public interface ResponseReader<T> {
  /**
   * @param parser positioned before the first token of the body (call {@code nextToken()} first)
   * @param status the HTTP status (2xx)
   */
  T read(JsonParser parser, int status) throws IOException;
}
