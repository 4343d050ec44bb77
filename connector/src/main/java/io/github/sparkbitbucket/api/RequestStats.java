package io.github.sparkbitbucket.api;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters for the requests made on behalf of one unit of work (a Spark task, a planning step),
 * and that unit's request budget if it has one. The client adds to the stats object passed with
 * each request and, when it carries a {@link RequestBudget}, takes a slot from it before every
 * attempt (retries included); Spark custom metrics read the counters. Thread-safe.
 */
public final class RequestStats {
  private final RequestBudget budget;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong rateLimitWaitNanos = new AtomicLong();
  private final AtomicLong bytesRead = new AtomicLong();

  /** Counters for work that may send as many requests as it needs. */
  public RequestStats() {
    this(null);
  }

  /** Counters for work whose requests must stay within {@code budget} (null: no limit). */
  public RequestStats(RequestBudget budget) {
    this.budget = budget;
  }

  /**
   * Counters for work allowed {@code requestsPerHour} requests in any hour (see
   * {@link RequestBudget#perHour}); 0 or less: no limit.
   */
  public static RequestStats withBudget(long requestsPerHour) {
    return new RequestStats(requestsPerHour > 0 ? RequestBudget.perHour(requestsPerHour) : null);
  }

  /** The budget every request of this unit of work takes a slot from, or null for none. */
  public RequestBudget budget() { return budget; }

  public void addRequest() { requests.incrementAndGet(); }
  public void addRetry() { retries.incrementAndGet(); }
  public void addRateLimitWait(long nanos) { rateLimitWaitNanos.addAndGet(nanos); }
  public void addBytes(long bytes) { bytesRead.addAndGet(bytes); }

  /** HTTP requests sent, retries included. */
  public long requests() { return requests.get(); }
  /** Requests that were repeats of a failed attempt. */
  public long retries() { return retries.get(); }
  /** Time spent waiting because of 429 answers or a rate-limit budget. */
  public long rateLimitWaitNanos() { return rateLimitWaitNanos.get(); }
  /** Response body bytes received. */
  public long bytesRead() { return bytesRead.get(); }

  @Override
  public String toString() {
    return "RequestStats[requests=" + requests() + ", retries=" + retries()
        + ", rateLimitWaitMs=" + rateLimitWaitNanos() / 1_000_000 + ", bytes=" + bytesRead() + "]";
  }
}
