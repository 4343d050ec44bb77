package io.github.sparkbitbucket.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every request the emulator served, in order of completion, plus the peak number of requests in
 * flight at once (what a client's concurrency cap is checked against). Thread-safe. Bounded: the
 * oldest entries are dropped past {@link #CAPACITY} so that long benchmarks cannot exhaust memory.
 */
public final class RequestLog {
  /** How many entries are kept at most. */
  public static final int CAPACITY = 1_000_000;

  private final ConcurrentLinkedQueue<LoggedRequest> entries = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  /** A snapshot of the entries, oldest first. */
  public List<LoggedRequest> entries() {
    return new ArrayList<>(entries);
  }

  public void clear() {
    entries.clear();
    size.set(0);
  }

  public int size() {
    return size.get();
  }

  /** The highest number of requests being served at the same time since start or {@link #resetPeak()}. */
  public int peakInFlight() {
    return peak.get();
  }

  /** Starts a new peak measurement from the requests in flight now. */
  public void resetPeak() {
    peak.set(inFlight.get());
  }

  /** Requests being served right now. */
  public int inFlight() {
    return inFlight.get();
  }

  void begin() {
    int now = inFlight.incrementAndGet();
    peak.accumulateAndGet(now, Math::max);
  }

  void end(LoggedRequest entry) {
    inFlight.decrementAndGet();
    entries.add(entry);
    if (size.incrementAndGet() > CAPACITY && entries.poll() != null) {
      size.decrementAndGet();
    }
  }
}
