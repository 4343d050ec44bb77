package io.github.sparkbitbucket.api;

/**
 * The rate-limit figures from the latest response's {@code X-RateLimit-Limit},
 * {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} headers; -1 where absent.
 */
public record RateLimitStatus(long limit, long remaining, long resetEpochSeconds) {
  public static final RateLimitStatus UNKNOWN = new RateLimitStatus(-1, -1, -1);
}
