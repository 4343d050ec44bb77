package io.github.sparkbitbucket.api;

import java.time.Duration;

/**
 * One attempt that failed in a way a retry may cure: a 429, a 5xx (555 included), an I/O error
 * or a 2xx body that did not parse (truncated). Lives only inside the retry loop; what escapes it
 * is turned into a {@link BitbucketApiException}.
 */
final class RetryableFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The response, or null for an I/O error. */
  final transient HttpResult result;
  /** The server's Retry-After, or null. */
  final transient Duration retryAfter;

  RetryableFailure(HttpResult result, Duration retryAfter, String message, Throwable cause) {
    super(message, cause, false, false);
    this.result = result;
    this.retryAfter = retryAfter;
  }

  boolean isRateLimited() {
    return result != null && result.status() == 429;
  }

  boolean isMalformedBody() {
    return result != null && result.isSuccess();
  }

  /**
   * Whether a retry is safe: idempotent requests (GET, PUT, DELETE) always; a POST only after a
   * 429, which Bitbucket answers before doing anything, so the POST had no effect.
   */
  boolean retryableFor(boolean idempotent) {
    return idempotent || isRateLimited();
  }
}
