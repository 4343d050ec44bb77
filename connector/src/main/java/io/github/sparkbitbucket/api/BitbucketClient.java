package io.github.sparkbitbucket.api;

import io.github.sparkbitbucket.config.BitbucketOptions;

/**
 * The one place that talks to Bitbucket: authentication, paging, retries, the concurrency limit
 * and error mapping. Knows nothing of Spark. One instance per JVM per connection settings
 * ({@link #shared}), shared by every task in that JVM.
 *
 * <p>Usage: {@code client.get("/repositories/{ws}/{repo}/pullrequests", ws, repo)
 * .query("pagelen", "50").stats(stats).page(parser -> ...)}.
 */
public final class BitbucketClient implements AutoCloseable {

  /** The JVM-wide client for these connection settings (endpoint, auth, limits). */
  public static BitbucketClient shared(BitbucketOptions options) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * A GET. {@code pathTemplate} is relative to the endpoint ({@code /repositories/{ws}/{repo}})
   * with {@code {...}} placeholders filled in order from {@code args}, each percent-encoded as one
   * path segment; or an absolute URL on the endpoint's origin (a {@code next} link), used as is.
   */
  public ApiRequest get(String pathTemplate, Object... args) {
    throw new UnsupportedOperationException("TODO");
  }

  public ApiRequest post(String pathTemplate, Object... args) {
    throw new UnsupportedOperationException("TODO");
  }

  public ApiRequest put(String pathTemplate, Object... args) {
    throw new UnsupportedOperationException("TODO");
  }

  public ApiRequest delete(String pathTemplate, Object... args) {
    throw new UnsupportedOperationException("TODO");
  }

  /** The latest {@code X-RateLimit-*} figures seen by this client. */
  public RateLimitStatus rateLimit() {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public void close() {}
}
