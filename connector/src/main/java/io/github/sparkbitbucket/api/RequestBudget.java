package io.github.sparkbitbucket.api;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * At most {@code limit} requests in any window of length {@code window}: each request first asks
 * {@link #acquire()} for a slot, and waits when the window is full. Used per Spark task with the
 * share of {@code requestsPerHour} the driver planned for it, and on the driver for planning.
 *
 * <p>A sliding window rather than a token bucket: a token bucket lets up to capacity + rate x
 * window through in one window, so staying under a per-hour limit would cost either the burst or
 * the steady rate. Here slot k is granted no earlier than one window after slot k - limit, which
 * is exactly "never more than limit in any window" and lets a small job run at full speed. It
 * remembers at most the last {@code limit} grant times.
 *
 * <p>Thread-safe: a slot is reserved under the lock (possibly in the future) and waited for
 * outside it, so threads sharing one budget queue in order without holding the lock asleep.
 */
public final class RequestBudget {
  /** Waits a number of nanoseconds (tests advance a fake clock instead). */
  @FunctionalInterface
  public interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  /** The window of {@code requestsPerHour}. */
  public static final Duration HOUR = Duration.ofHours(1);

  private final long limit;
  private final long windowNanos;
  private final LongSupplier clock;
  private final Sleeper sleeper;
  // The latest grant times, oldest first: a ring of at most `limit` entries, grown on demand.
  private long[] grants;
  private int head;
  private int size;

  /** {@code limit} requests per {@code window}, on the system clock. */
  public RequestBudget(long limit, Duration window) {
    this(limit, window, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
  }

  /**
   * {@code limit} requests per {@code window}, on {@code clock} (nanoseconds, monotonic), waiting
   * with {@code sleeper}; tests pass a fake clock and a sleeper that advances it.
   */
  public RequestBudget(long limit, Duration window, LongSupplier clock, Sleeper sleeper) {
    if (limit < 1) {
      throw new IllegalArgumentException("A request budget needs at least 1 request per window,"
          + " got " + limit);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("A request budget's window must be positive: " + window);
    }
    this.limit = limit;
    this.grants = new long[(int) Math.min(limit, 16)];
    this.windowNanos = window.toNanos();
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * A budget of {@code limit} requests per hour. The system property
   * {@code sparkbitbucket.budget.scale} shrinks the hour (e.g. {@code 0.001}: 3.6 s) so that
   * tests can watch a budget fill and refill; like {@code sparkbitbucket.backoff.scale}, it is
   * for tests only.
   */
  public static RequestBudget perHour(long limit) {
    String scale = System.getProperty("sparkbitbucket.budget.scale");
    Duration window = HOUR;
    if (scale != null) {
      try {
        double factor = Double.parseDouble(scale);
        window = Duration.ofNanos(Math.max(1, (long) (HOUR.toNanos() * factor)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("System property sparkbitbucket.budget.scale must be "
            + "a number, e.g. 0.001; got '" + scale + "'");
      }
    }
    return new RequestBudget(limit, window);
  }

  /**
   * Each task's share of a job's budget: what planning left, divided equally between the tasks
   * and rounded down, so that the tasks together never exceed the budget.
   *
   * @param perHour the job's budget ({@code requestsPerHour})
   * @param spent requests the driver already made for this job (planning)
   * @param tasks how many tasks share the rest
   * @throws IllegalArgumentException when a task would get less than one request per hour,
   *     saying how large the budget must be
   */
  public static long taskShare(long perHour, long spent, int tasks) {
    if (tasks <= 0) {
      return perHour;
    }
    long share = Math.max(0, perHour - spent) / tasks;
    if (share < 1) {
      throw new IllegalArgumentException("Option 'requestsPerHour' (" + perHour + ") is too "
          + "small for this job: planning used " + spent + " request(s) and " + tasks
          + " task(s) need at least one each. Set it to at least " + (spent + tasks)
          + ", or read less (filters on repository or key columns) so that fewer tasks run.");
    }
    return share;
  }

  /** Requests per window. */
  public long limit() {
    return limit;
  }

  /**
   * Takes one slot, waiting until the window has room; returns the nanoseconds waited (0 when
   * there was room at once).
   *
   * @throws InterruptedException when interrupted while waiting (the slot stays spent, so the
   *     budget is never exceeded)
   */
  public long acquire() throws InterruptedException {
    long at = reserve();
    long waited = 0;
    long now = clock.getAsLong();
    while (now < at) {
      sleeper.sleepNanos(at - now);
      long after = clock.getAsLong();
      waited += after - now;
      now = after;
    }
    return waited;
  }

  /** Reserves the earliest slot that keeps every window within the limit; returns its time. */
  private synchronized long reserve() {
    long now = clock.getAsLong();
    // Grants older than one window no longer constrain anything.
    while (size > 0 && grants[head] <= now - windowNanos) {
      dropOldest();
    }
    long at = now;
    if (size > 0) {
      at = Math.max(at, grants[(head + size - 1) % grants.length]); // keep grants in order
    }
    if (size == limit) {
      at = Math.max(at, grants[head] + windowNanos); // one window after the limit-th latest
      dropOldest(); // only the latest `limit` grants ever matter
    }
    append(at);
    return at;
  }

  private void dropOldest() {
    head = (head + 1) % grants.length;
    size--;
  }

  private void append(long at) {
    if (size == grants.length) {
      long[] bigger = new long[(int) Math.min(limit, (long) grants.length * 2)];
      for (int i = 0; i < size; i++) {
        bigger[i] = grants[(head + i) % grants.length];
      }
      grants = bigger;
      head = 0;
    }
    grants[(head + size) % grants.length] = at;
    size++;
  }

  @Override
  public String toString() {
    return "RequestBudget[" + limit + " per " + Duration.ofNanos(windowNanos) + "]";
  }
}
