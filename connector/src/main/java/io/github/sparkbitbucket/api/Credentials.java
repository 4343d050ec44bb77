package io.github.sparkbitbucket.api;

/** Supplies the {@code Authorization} header value for API requests. */
interface Credentials {

  /** The header value to send now (may fetch or refresh an OAuth token first). */
  String authorization(RequestStats stats);

  /**
   * Called after a 401 to a request sent with {@code rejected}: returns true when fresh
   * credentials were obtained (or another thread already did), so the request is worth one
   * more try; false when nothing can change (static tokens).
   */
  boolean renewAfterUnauthorized(String rejected, RequestStats stats);
}
