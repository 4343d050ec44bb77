package io.github.sparkbitbucket.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.api.SharedClients;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, resource use: 100 queries in a row (five tables, pushed filters, aggregates, a LIMIT,
 * the format API and two INSERTs) on the shared SparkSession and emulator leave no growth in
 * threads, open sockets, pooled HTTP connections, shared clients or heap. Everything is compared
 * with the same figures after a warm-up of the same mix, so pools that grow to a steady size
 * (Spark's, OkHttp's, the emulator's Netty event loops) have done so before the baseline.
 */
class ResourceUseIT extends SparkEmulatorTestBase {
  private static final int QUERIES = 100;
  private static final int WARM_UP = 20;
  /**
   * Thread pools with idle timeouts (Spark's task and cleaner pools, OkHttp's dispatcher, 60 s)
   * may hold a few more threads at one sample than at another; a leak of one thread per query
   * would show 100.
   */
  private static final int THREAD_SLACK = 10;
  /** How long idle pool threads may take to end (their keep-alive is 60 s). */
  private static final java.time.Duration IDLE_WAIT = java.time.Duration.ofSeconds(90);
  /** Sockets of connections being closed or kept alive by either end; a leak would show 100. */
  private static final int SOCKET_SLACK = 10;
  /** Spark keeps each query's SQL execution data (up to 1,000) and the emulator its request log. */
  private static final long HEAP_SLACK_MB = 64;

  private final List<Sample> curve = new ArrayList<>();

  /** Threads, open sockets (client and emulator ends), pooled connections, clients, heap. */
  record Sample(int queries, int threads, long sockets, int connections, int clients,
      long heapMb) {
    @Override
    public String toString() {
      return String.format("%4d queries: %3d threads, %3d sockets, %2d pooled connections, "
          + "%d shared clients, %4d MB heap", queries, threads, sockets, connections, clients,
          heapMb);
    }
  }

  @Test
  void hundredQueriesLeaveNoGrowth() throws Exception {
    for (int i = 0; i < WARM_UP; i++) {
      query(i);
    }
    Map<String, Integer> baseThreads = threadsByName();
    Sample base = sample(0);
    curve.add(base);
    for (int i = 1; i <= QUERIES; i++) {
      query(i);
      if (i % 10 == 0) {
        curve.add(sample(i));
      }
    }
    System.out.println("ResourceUseIT curve (after a warm-up of " + WARM_UP + " queries):");
    curve.forEach(s -> System.out.println("  " + s));
    // Idle pool threads end after their keep-alive (60 s for OkHttp's dispatcher and Spark's
    // cached pools): wait for the count to come back; leaked threads never would.
    long deadline = System.nanoTime() + IDLE_WAIT.toNanos();
    Sample end = curve.get(curve.size() - 1);
    if (end.threads() > base.threads() + THREAD_SLACK) {
      // polls the condition once a second until it holds or the deadline passes
      while (liveThreads() > base.threads() + THREAD_SLACK && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000_000L);
      }
      end = sample(QUERIES);
    }
    if (end != curve.get(curve.size() - 1)) {
      System.out.println("  after pools went idle: " + end);
    }
    Map<String, Integer> grown = new TreeMap<>();
    threadsByName().forEach((name, n) -> {
      if (n > baseThreads.getOrDefault(name, 0)) {
        grown.put(name, n - baseThreads.getOrDefault(name, 0));
      }
    });
    System.out.println("  threads that grew since the baseline, by name: " + grown);

    assertTrue(end.threads() <= base.threads() + THREAD_SLACK, "threads grew: " + curve
        + "; by name: " + grown);
    assertTrue(end.sockets() <= base.sockets() + SOCKET_SLACK, "sockets grew: " + curve);
    assertEquals(base.clients(), end.clients(), "a shared client per query: " + curve);
    // each pool keeps at most max(5, maxConcurrency) = 8 idle connections (maxConcurrency 8)
    assertTrue(end.connections() <= 8 * end.clients(), "pool grew: " + curve);
    assertTrue(end.heapMb() <= base.heapMb() + HEAP_SLACK_MB, "heap grew: " + curve);
  }

  /** One query of the mix; each checks its answer is non-trivial, so the work really happened. */
  private void query(int i) {
    String repo = repositories().get(i % repositories().size());
    switch (i % 6) {
      case 0 -> assertTrue(SPARK.sql("SELECT count(*) FROM bb.acme.pullrequests WHERE state = "
          + "'OPEN'").collectAsList().get(0).getLong(0) > 0);
      case 1 -> assertTrue(SPARK.sql("SELECT repository, count(*) FROM bb.acme.commits GROUP BY "
          + "repository").collectAsList().size() > 1);
      case 2 -> assertTrue(SPARK.sql("SELECT id, title FROM bb.acme.pullrequests WHERE "
          + "repository = '" + repo + "' ORDER BY updated_on DESC LIMIT 3").collectAsList()
          .size() > 0);
      case 3 -> assertTrue(format().load("branches").where("repository = '" + repo + "'")
          .collectAsList().size() > 0);
      case 4 -> {
        List<Row> rows = SPARK.sql("SELECT slug, language FROM bb.acme.repositories")
            .collectAsList();
        assertEquals(repositories().size(), rows.size());
      }
      default -> {
        if (i == 50 || i == 98) {
          String hash = EMU.store().list(WS, repo, "commits").get(0).get("hash").asText();
          SPARK.sql("INSERT INTO bb.acme.branches (repository, name, target_hash) VALUES ('"
              + repo + "', 'resource-use/" + i + "-" + System.nanoTime() + "', '" + hash + "')");
        } else {
          assertTrue(SPARK.sql("SELECT count(*) FROM bb.acme.issues WHERE state = 'new'")
              .collectAsList().get(0).getLong(0) >= 0);
        }
      }
    }
  }

  /** Live threads by name, digits blanked (pool-7-thread-3 and pool-8-thread-1 count together). */
  private static Map<String, Integer> threadsByName() {
    Map<String, Integer> byName = new TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      byName.merge(t.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
    }
    return byName;
  }

  private static Sample sample(int queries) throws IOException {
    // twice: the first collection may only queue finalizable objects (sockets among them)
    System.gc();
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    return new Sample(queries, liveThreads(),
        openSockets(), SharedClients.openConnections(), SharedClients.count(), heap);
  }

  private static int liveThreads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  /** Sockets this JVM holds open: the connector's and the emulator's ends alike (Linux). */
  private static long openSockets() throws IOException {
    long n = 0;
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
            n++;
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor was closed between listing and reading: not open
        }
      }
    }
    return n;
  }
}
