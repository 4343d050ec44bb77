package io.github.sparkbitbucket.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkbitbucket.emulator.BitbucketEmulator;
import io.github.sparkbitbucket.emulator.Dataset;
import io.github.sparkbitbucket.forked.ForkedJvm;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, resource use: a large read completes in a 512 MB heap, so pages are streamed rather
 * than gathered. The emulator (and its rows) stays in this JVM; Spark {@code local[2]} and the
 * connector run in a forked JVM with {@code -Xmx512m} ({@link BoundedMemoryReadDriver}).
 *
 * <p>CI reads {@value #DEFAULT_ROWS} commits; {@code -DboundedRead.rows=1000000} runs the
 * million-row check (see the README for its command and figures).
 */
class BoundedMemoryReadIT {
  static final int DEFAULT_ROWS = 30_000;
  private static final String WS = "acme";

  @Test
  void readsEveryRowWithA512MegabyteHeap() throws Exception {
    int rows = Integer.getInteger("boundedRead.rows", DEFAULT_ROWS);
    long generation = System.nanoTime();
    // Commits are cursor pages served as a slice of the stored list: the emulator's cost per page
    // stays flat however large the repository. Nearly every other row is left out.
    Dataset dataset = Dataset.builder().repositories(20).commits(rows).pullRequests(20)
        .pullRequestComments(0).branches(20).tags(0).pipelines(0).issues(0).issueComments(0)
        .skew(0.1).build();
    try (BitbucketEmulator emu = BitbucketEmulator.builder().port(0).seed(7L).dataset(dataset)
        .latency(Duration.ZERO).start()) {
      generation = (System.nanoTime() - generation) / 1_000_000;
      long chars = 0;
      long count = 0;
      for (String repo : emu.store().repositories(WS)) {
        for (ObjectNode c : emu.store().list(WS, repo, "commits")) {
          chars += c.get("message").asText().codePoints().count(); // as Spark's length()
          count++;
        }
      }
      assertEquals(rows, count, "the emulator holds the asked number of commits");

      ForkedJvm.Result run = ForkedJvm.main(BoundedMemoryReadDriver.class).heap("512m")
          .logDir(Path.of("target", "bounded-memory-read"))
          .args(emu.baseUrl(), emu.credentials().token(), WS)
          .run(Duration.ofMinutes(30));

      assertEquals(rows + "\t" + rows + "\t" + chars, run.fact("RESULT"),
          "count, distinct hashes and total message length equal the emulator's");
      long maxHeap = Long.parseLong(run.fact("HEAP_MAX_MB"));
      assertTrue(maxHeap <= 512, "the driver ran with at most 512 MB of heap, had " + maxHeap);
      System.out.printf("BoundedMemoryReadIT: %,d commits, generated in %,d ms; read in %s ms"
          + " (JVM wall %,d ms), heap max %d MB, sum of heap pool peaks %s MB%n", rows, generation,
          run.fact("MILLIS"), run.took().toMillis(), maxHeap, run.fact("HEAP_PEAK_MB"));
    }
  }
}
