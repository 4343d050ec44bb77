package io.github.sparkbitbucket.api;

import okhttp3.HttpUrl;
import okhttp3.MediaType;

/**
 * Everything needed to send one logical request, as many times as the retry policy allows.
 *
 * @param credentials where the Authorization header comes from, or null for none
 * @param bodyCheck validates a 2xx body before anyone consumes it (a failure is retried like a
 *     truncated body), or null to accept any body
 * @param idempotent whether repeating it is harmless (GET, PUT, DELETE, a POST that only reads);
 *     a request that is not is retried only after a 429
 * @param retryServerErrors false where a 5xx or I/O error may hide a side effect (OAuth
 *     refresh-token grant: the refresh token may already be spent)
 */
record Exchange(String method, HttpUrl url, byte[] body, MediaType mediaType,
    Credentials credentials, RequestStats stats, BodyCheck bodyCheck, boolean retryServerErrors,
    boolean idempotent) {

  /** Validates a buffered 2xx body. */
  @FunctionalInterface
  interface BodyCheck {
    void check(byte[] body) throws java.io.IOException;
  }
}
