package io.github.sparkbitbucket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.config.BitbucketOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The per-JVM cap on requests in flight, measured at the emulator, and connection reuse. */
class ConcurrencyIT extends ClientITBase {

  @Test
  void manyCallersNeverExceedMaxConcurrencyAtTheServer() throws Exception {
    EMU.faults().latency(Duration.ofMillis(40));
    // The shared client, as Spark tasks use it; requestTimeout makes its connection key unique.
    BitbucketClient client = BitbucketClient.shared(BitbucketOptions.parse(
        options("maxConcurrency", "4", "requestTimeout", "17s")));
    int callers = 24;
    int each = 3;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    List<Future<?>> calls = new ArrayList<>();
    long began = System.nanoTime();
    for (int i = 0; i < callers; i++) {
      calls.add(pool.submit(() -> {
        start.await();
        for (int j = 0; j < each; j++) {
          client.get("/user").json();
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> call : calls) {
      call.get();
    }
    long elapsedMs = (System.nanoTime() - began) / 1_000_000;
    pool.shutdown();

    int peak = EMU.requestLog().peakInFlight();
    assertEquals(callers * each, logged("/user").size());
    assertTrue(peak <= 4, "peak in flight " + peak + " > maxConcurrency 4");
    assertTrue(peak >= 3, "the cap is used, not just respected: peak " + peak);
    // 72 requests of 40 ms, 4 at a time, take at least 18 x 40 ms.
    assertTrue(elapsedMs >= 18 * 40, "took " + elapsedMs + " ms");
    assertTrue(client.openConnections() <= 4, "connections are reused: "
        + client.openConnections());
    System.out.printf("concurrency: %d requests, peak in flight %d, %d ms, %d connections%n",
        callers * each, peak, elapsedMs, client.openConnections());
  }

  @Test
  void connectionsAreReusedAcrossManyRequests() throws Exception {
    BitbucketClient client = client("maxConcurrency", "8");
    String repo = largestRepository("pullrequests");
    int threads = 8;
    int each = 100;
    for (int i = 0; i < 200; i++) { // warm up (JIT, connections) so the figure means something
      client.get("/repositories/{ws}/{repo}/pullrequests", WS, repo).query("pagelen", 10)
          .page(p -> p.skipChildren());
    }
    EMU.requestLog().clear();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> calls = new ArrayList<>();
    RequestStats stats = new RequestStats();
    long began = System.nanoTime();
    for (int i = 0; i < threads; i++) {
      calls.add(pool.submit(() -> {
        for (int j = 0; j < each; j++) {
          client.get("/repositories/{ws}/{repo}/pullrequests", WS, repo).query("pagelen", 10)
              .stats(stats).page(p -> p.skipChildren());
        }
        return null;
      }));
    }
    for (Future<?> call : calls) {
      call.get();
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    pool.shutdown();
    assertEquals(threads * each, stats.requests());
    assertEquals(0, stats.retries());
    assertTrue(client.openConnections() <= 8, "at most one connection per slot: "
        + client.openConnections());
    double serverMs = logged("/pullrequests").stream().mapToLong(r -> r.durationNanos())
        .average().orElse(0) / 1e6;
    System.out.printf("server time per request %.2f ms%n", serverMs);
    System.out.printf("throughput: %d page requests in %.2f s = %.0f requests/s, %d connections,"
        + " %d bytes%n", threads * each, seconds, threads * each / seconds,
        client.openConnections(), stats.bytesRead());
  }
}
