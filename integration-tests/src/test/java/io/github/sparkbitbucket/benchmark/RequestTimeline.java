package io.github.sparkbitbucket.benchmark;

import io.github.sparkbitbucket.emulator.LoggedRequest;
import java.util.List;

/**
 * How many requests the emulator was serving over a measured window, from its request log (each
 * entry's arrival and duration, latency included). The gap between a read's wall time and the
 * latency bound is time with fewer than {@code concurrency} requests in flight: before the first
 * request (planning on the driver, job start), idle holes while running (too few streams, a
 * skewed tail), and after the last response (decoding, job end). Load-independent evidence, unlike
 * the wall time itself.
 *
 * @param windowMs the measured wall time
 * @param firstMs arrival of the first request after the window opened
 * @param tailMs from the last response to the end of the window
 * @param meanInFlight time-weighted mean of requests in flight over the window
 * @param fullMs time with at least {@code concurrency} requests in flight
 * @param serveMs mean time the emulator held a request (its 50 ms latency included)
 * @param sparkline mean requests in flight per tenth of the window, one digit each (9 = 9 or more)
 */
record RequestTimeline(long windowMs, long firstMs, long tailMs, double meanInFlight, long fullMs,
    double serveMs, String sparkline) {

  private static final int BUCKETS = 40;

  static RequestTimeline of(List<LoggedRequest> entries, long windowStartNanos, long windowEndNanos,
      int concurrency) {
    long window = Math.max(1, windowEndNanos - windowStartNanos);
    // +1 at each arrival, -1 at each end, swept in time order
    long[][] events = new long[entries.size() * 2][];
    long first = Long.MAX_VALUE;
    long last = windowStartNanos;
    long busy = 0;
    int i = 0;
    for (LoggedRequest e : entries) {
      long s = Math.max(e.startNanos(), windowStartNanos);
      long end = Math.min(e.startNanos() + e.durationNanos(), windowEndNanos);
      events[i++] = new long[] {s, 1};
      events[i++] = new long[] {end, -1};
      first = Math.min(first, s);
      last = Math.max(last, end);
      busy += Math.max(0, end - s);
    }
    java.util.Arrays.sort(events, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
        : Long.compare(a[1], b[1]));
    double[] bucket = new double[BUCKETS];
    long bucketNanos = Math.max(1, window / BUCKETS);
    long full = 0;
    int inFlight = 0;
    long at = windowStartNanos;
    for (long[] ev : events) {
      long t = ev[0];
      if (t > at) {
        if (inFlight >= concurrency) {
          full += t - at;
        }
        spread(bucket, bucketNanos, at - windowStartNanos, t - windowStartNanos, inFlight);
        at = t;
      }
      inFlight += (int) ev[1];
    }
    StringBuilder line = new StringBuilder();
    for (double b : bucket) {
      line.append((char) ('0' + Math.min(9, Math.round(b / bucketNanos))));
    }
    long served = entries.stream().mapToLong(LoggedRequest::durationNanos).sum();
    return new RequestTimeline(window / 1_000_000,
        entries.isEmpty() ? 0 : (first - windowStartNanos) / 1_000_000,
        entries.isEmpty() ? 0 : (windowEndNanos - last) / 1_000_000, (double) busy / window,
        full / 1_000_000, entries.isEmpty() ? 0 : served / 1e6 / entries.size(), line.toString());
  }

  private static void spread(double[] bucket, long width, long from, long to, int inFlight) {
    if (inFlight == 0) {
      return;
    }
    for (int b = (int) Math.min(BUCKETS - 1, from / width); b < BUCKETS && from < to; b++) {
      long end = Math.min(to, (b + 1) * width);
      if (b == BUCKETS - 1) {
        end = to;
      }
      bucket[b] += (double) (end - from) * inFlight;
      from = end;
    }
  }

  @Override
  public String toString() {
    return String.format("in flight: mean %.1f, >=c for %d of %d ms; first request at %d ms,"
        + " last response %d ms before the end; emulator holds a request %.1f ms;"
        + " in flight per 1/%d of the run [%s]", meanInFlight, fullMs, windowMs, firstMs, tailMs,
        serveMs, BUCKETS, sparkline);
  }
}
