package io.github.sparkbitbucket.api;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before a retry: exponential from a base that depends on the failure (429 starts
 * slower than 5xx and I/O errors, because Bitbucket's rate limit is per hour and its 429 carries
 * no Retry-After), doubled per retry, capped, with "equal jitter" (half fixed, half random) so
 * that parallel tasks do not retry in lockstep. A server's {@code Retry-After} wins when present,
 * up to {@code maxRetryAfter}.
 *
 * @param rateLimitBase first delay after a 429
 * @param serverErrorBase first delay after a 5xx, 555, I/O error or malformed body
 * @param cap longest computed delay
 * @param maxRetryAfter longest {@code Retry-After} honoured; longer ones are cut to this
 */
public record Backoff(Duration rateLimitBase, Duration serverErrorBase, Duration cap,
    Duration maxRetryAfter) {

  /** Production delays: 1 s after 429, 200 ms after 5xx, at most 30 s; Retry-After up to 5 min. */
  public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMillis(200),
      Duration.ofSeconds(30), Duration.ofMinutes(5));

  /** Millisecond delays for tests that retry many times. */
  public static Backoff fast() {
    return new Backoff(Duration.ofMillis(2), Duration.ofMillis(1), Duration.ofMillis(20),
        Duration.ofMillis(50));
  }

  /** The delay before retry number {@code retry} (1 = the first retry). */
  Duration delay(boolean rateLimited, int retry, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
    }
    long base = (rateLimited ? rateLimitBase : serverErrorBase).toNanos();
    int shift = Math.min(Math.max(retry - 1, 0), 30);
    long exponential = Math.min(cap.toNanos(), base << shift < 0 ? Long.MAX_VALUE : base << shift);
    long half = exponential / 2;
    return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  /**
   * {@link #DEFAULT}, scaled by the system property {@code sparkbitbucket.backoff.scale} when set
   * (e.g. {@code 0.01} in test JVMs that inject faults, so retries take milliseconds).
   */
  static Backoff fromSystemProperties() {
    String scale = System.getProperty("sparkbitbucket.backoff.scale");
    if (scale == null) {
      return DEFAULT;
    }
    double factor;
    try {
      factor = Double.parseDouble(scale);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("System property sparkbitbucket.backoff.scale must be a "
          + "number, e.g. 0.01; got '" + scale + "'");
    }
    return new Backoff(scaled(DEFAULT.rateLimitBase, factor),
        scaled(DEFAULT.serverErrorBase, factor), scaled(DEFAULT.cap, factor),
        scaled(DEFAULT.maxRetryAfter, factor));
  }

  private static Duration scaled(Duration d, double factor) {
    return Duration.ofNanos(Math.max(0, (long) (d.toNanos() * factor)));
  }
}
