package io.github.sparkbitbucket.write;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a writer's row changes several at a time (at most {@code limit} in flight), so that one
 * Spark task keeps the client's concurrency busy even when Spark runs few tasks. The client still
 * caps requests per JVM. The first failure stops new work; {@link #awaitAll()} reports it.
 */
final class InFlightRequests implements AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final int limit;
  private final Semaphore slots;
  private final ExecutorService pool;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  InFlightRequests(int limit) {
    this.limit = limit;
    this.slots = new Semaphore(limit);
    this.pool = Executors.newFixedThreadPool(limit, r -> {
      Thread t = new Thread(r, "bitbucket-writer-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code change} when a slot is free; false (and nothing run) once something failed. */
  boolean submit(Runnable change) throws InterruptedException {
    if (failure.get() != null) {
      return false;
    }
    slots.acquire();
    if (failure.get() != null) {
      slots.release();
      return false;
    }
    pool.execute(() -> {
      try {
        change.run();
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      } finally {
        slots.release();
      }
    });
    return true;
  }

  /** Waits until nothing is in flight; returns the first failure, or null. */
  Throwable awaitAll() throws InterruptedException {
    slots.acquire(limit);
    slots.release(limit);
    return failure.get();
  }

  Throwable failure() {
    return failure.get();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
