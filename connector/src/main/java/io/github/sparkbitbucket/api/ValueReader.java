package io.github.sparkbitbucket.api;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Consumes one element of a paginated list's {@code values} array, straight from the streaming
 * parser. The parser is positioned on the element's {@code START_OBJECT}; the reader must leave it
 * on the matching {@code END_OBJECT} (or call {@link JsonParser#skipChildren()}).
 */
@FunctionalInterface
public interface ValueReader {
  void read(JsonParser parser) throws IOException;
}
