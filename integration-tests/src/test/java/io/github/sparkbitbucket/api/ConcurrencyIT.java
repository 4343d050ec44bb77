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
}
