package io.github.sparkbitbucket.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One request being built: query parameters, body, stats; then executed by one of the terminal
 * methods. GET, PUT and DELETE are retried on 429, 5xx, 555 and I/O errors; a POST never is.
 * Every failure surfaces as a {@link BitbucketApiException}.
 */
public final class ApiRequest {

  /** Adds a query parameter (encoded by the client). Null values are skipped. */
  public ApiRequest query(String name, Object value) {
    throw new UnsupportedOperationException("TODO");
  }

  /** A JSON body for POST and PUT. */
  public ApiRequest body(JsonNode json) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Where this request's requests, retries, waits and bytes are counted. */
  public ApiRequest stats(RequestStats stats) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Executes, streaming the body to {@code reader}. */
  public <T> T execute(ResponseReader<T> reader) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Executes and returns the body as a tree (small responses only: single objects, errors). */
  public JsonNode json() {
    throw new UnsupportedOperationException("TODO");
  }

  /** Executes, expecting no body of interest (DELETE's 204). */
  public void send() {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Executes a paginated-list GET: each element of {@code values} goes to {@code values} as it is
   * parsed (memory bounded by one page); the envelope comes back.
   */
  public PageInfo page(ValueReader values) {
    throw new UnsupportedOperationException("TODO");
  }
}
