package io.github.sparkbitbucket.emulator;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load and fault knobs of a running emulator. Thread-safe; every setter takes effect on the
 * next request. Rates are probabilities per request in {@code [0, 1]}.
 */
public final class Faults {
  /** What the dispatcher does to a request before (or instead of) serving it. */
  enum Injection { NONE, SERVER_ERROR, STATUS_555, RESET, TRUNCATE }

  private static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(2);

  private volatile Duration latency = Duration.ZERO;
  private volatile double serverErrorRate;
  private volatile double status555Rate;
  private volatile double resetRate;
  private volatile double truncateRate;
  private volatile int rateLimitRequests;
  private volatile Duration rateLimitWindow = Duration.ofHours(1);
  private volatile int failWritesAfter = -1;
  private final AtomicInteger responsesToLose = new AtomicInteger();
  private volatile Duration tokenTtl = DEFAULT_TOKEN_TTL;

  private final AtomicInteger writesSeen = new AtomicInteger();
  private final Object windowLock = new Object();
  private long windowStartNanos = System.nanoTime();
  private int windowCount;

  /** Added to every request (0 = none). */
  public Faults latency(Duration latency) {
    this.latency = requireNonNegative(latency, "latency");
    return this;
  }

  public Duration latency() {
    return latency;
  }

  /** Share of requests answered 500, 502 or 503 without being served. */
  public Faults serverErrorRate(double rate) {
    this.serverErrorRate = rate(rate, "serverErrorRate");
    return this;
  }

  /** Share of requests answered 555 (Bitbucket's "try again" for long-running requests). */
  public Faults status555Rate(double rate) {
    this.status555Rate = rate(rate, "status555Rate");
    return this;
  }

  /** Share of requests whose connection is dropped before a complete response. */
  public Faults resetRate(double rate) {
    this.resetRate = rate(rate, "resetRate");
    return this;
  }

  /** Share of requests whose body is cut short (Content-Length promises more, then the socket closes). */
  public Faults truncateRate(double rate) {
    this.truncateRate = rate(rate, "truncateRate");
    return this;
  }

  /**
   * After {@code requests} requests in a fixed {@code window}, answer 429 (text/plain) until the
   * window ends; {@code X-RateLimit-*} headers go on every response while a limit is set. 0 = off.
   */
  public Faults rateLimit(int requests, Duration window) {
    if (requests < 0) {
      throw new IllegalArgumentException("rateLimit requests must be >= 0 (0 = off), got " + requests);
    }
    if (requests > 0 && (window == null || window.isZero() || window.isNegative())) {
      throw new IllegalArgumentException("rateLimit window must be positive, got " + window);
    }
    synchronized (windowLock) {
      this.rateLimitRequests = requests;
      this.rateLimitWindow = window == null ? Duration.ofHours(1) : window;
      this.windowStartNanos = System.nanoTime();
      this.windowCount = 0;
    }
    return this;
  }

  /** The (n+1)-th and later POST/PUT/DELETE answer 500 without changing state; -1 = off. */
  public Faults failWritesAfter(int n) {
    if (n < -1) {
      throw new IllegalArgumentException("failWritesAfter must be >= -1 (-1 = off), got " + n);
    }
    this.failWritesAfter = n;
    writesSeen.set(0);
    return this;
  }

  /**
   * The next {@code n} successful POST/PUT/DELETE requests change the state as usual, then lose
   * their answer: the connection closes before the body arrives, so the client cannot tell
   * whether the write happened. 0 = off.
   */
  public Faults loseResponseOfNextWrites(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("loseResponseOfNextWrites must be >= 0, got " + n);
    }
    responsesToLose.set(n);
    return this;
  }

  /** True when the answer of this applied write must be lost (counts it). */
  boolean loseThisWriteResponse() {
    return responsesToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  /** Lifetime of OAuth access tokens issued from now on (default 2 hours). */
  public Faults tokenTtl(Duration ttl) {
    this.tokenTtl = requireNonNegative(ttl, "tokenTtl");
    return this;
  }

  public Duration tokenTtl() {
    return tokenTtl;
  }

  /** Back to no latency, no faults, no rate limit, writes allowed, 2 h tokens. */
  public Faults reset() {
    latency = Duration.ZERO;
    serverErrorRate = 0;
    status555Rate = 0;
    resetRate = 0;
    truncateRate = 0;
    rateLimit(0, Duration.ofHours(1));
    failWritesAfter(-1);
    responsesToLose.set(0);
    tokenTtl = DEFAULT_TOKEN_TTL;
    return this;
  }

  /** Draws the fault for one request. */
  Injection draw() {
    double total = serverErrorRate + status555Rate + resetRate + truncateRate;
    if (total <= 0) {
      return Injection.NONE;
    }
    double r = ThreadLocalRandom.current().nextDouble();
    if ((r -= serverErrorRate) < 0) {
      return Injection.SERVER_ERROR;
    }
    if ((r -= status555Rate) < 0) {
      return Injection.STATUS_555;
    }
    if ((r -= resetRate) < 0) {
      return Injection.RESET;
    }
    if ((r -= truncateRate) < 0) {
      return Injection.TRUNCATE;
    }
    return Injection.NONE;
  }

  /** True when this write must fail (counts the write). */
  boolean failThisWrite() {
    int limit = failWritesAfter;
    return limit >= 0 && writesSeen.incrementAndGet() > limit;
  }

  /** Counts one request against the rate limit; null when no limit is set. */
  RateLimitDecision countRequest() {
    synchronized (windowLock) {
      if (rateLimitRequests <= 0) {
        return null;
      }
      long now = System.nanoTime();
      long windowNanos = rateLimitWindow.toNanos();
      if (now - windowStartNanos >= windowNanos) {
        windowStartNanos = now;
        windowCount = 0;
      }
      windowCount++;
      long resetEpochSeconds = (System.currentTimeMillis() + (windowNanos - (now - windowStartNanos)) / 1_000_000 + 999) / 1000;
      int remaining = Math.max(0, rateLimitRequests - windowCount);
      return new RateLimitDecision(windowCount > rateLimitRequests, rateLimitRequests, remaining, resetEpochSeconds);
    }
  }

  record RateLimitDecision(boolean exceeded, int limit, int remaining, long resetEpochSeconds) {}

  private static double rate(double r, String name) {
    if (!(r >= 0 && r <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, got " + r);
    }
    return r;
  }

  private static Duration requireNonNegative(Duration d, String name) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be zero or positive, got " + d);
    }
    return d;
  }
}
