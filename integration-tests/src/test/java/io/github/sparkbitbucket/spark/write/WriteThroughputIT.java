package io.github.sparkbitbucket.spark.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Writes per second with the emulator at 50 ms latency and the default maxConcurrency of 8: each
 * writer keeps several requests in flight, within the client's per-JVM cap.
 */
class WriteThroughputIT extends WriteTestBase {

  @Test
  void eightWayConcurrencyAtFiftyMillisecondsLatency() {
    String repo = repo();
    int pr = store(repo, "pullrequests").get(4).get("id").asInt();
    String tag = unique("bulk");
    int rows = 240;
    EMU.faults().latency(Duration.ofMillis(50));
    EMU.requestLog().resetPeak();
    int logStart = EMU.requestLog().size();
    long start = System.nanoTime();
    sql("INSERT INTO bbw.acme.pullrequest_comments (repository, pullrequest_id, content_raw) "
        + "SELECT '" + repo + "', " + pr + ", concat('" + tag + "-', CAST(id AS STRING)) "
        + "FROM range(0, " + rows + ", 1, 2)");
    double seconds = (System.nanoTime() - start) / 1e9;
    int peak = EMU.requestLog().peakInFlight();
    EMU.faults().latency(Duration.ZERO);

    java.util.List<io.github.sparkbitbucket.emulator.LoggedRequest> posts =
        writesSince(logStart);
    long firstPost = posts.stream().mapToLong(r -> r.startNanos()).min().orElse(0);
    long lastPost = posts.stream().mapToLong(r -> r.startNanos() + r.durationNanos()).max()
        .orElse(0);
    double postSeconds = (lastPost - firstPost) / 1e9;
    System.out.printf("WRITE THROUGHPUT: %d inserts in %.2f s end to end = %.1f writes/s; the "
        + "%d POSTs took %.2f s = %.1f writes/s, avg %.1f ms each (emulator latency 50 ms, "
        + "maxConcurrency 8, 2 tasks, peak in flight %d)%n", rows, seconds, rows / seconds,
        posts.size(), postSeconds, posts.size() / postSeconds,
        posts.stream().mapToLong(r -> r.durationNanos()).average().orElse(0) / 1e6, peak);
    assertEquals(rows, store(repo, "pullrequest_comments",
        o -> o.path("content").path("raw").asText().startsWith(tag + "-")).size());
    assertTrue(peak <= 8, "the client's cap holds: " + peak);
    assertTrue(peak > 2, "writers keep several requests in flight per task: " + peak);
  }
}
