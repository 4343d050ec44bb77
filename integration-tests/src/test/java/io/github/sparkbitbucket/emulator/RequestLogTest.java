package io.github.sparkbitbucket.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The request log, the in-flight peak and the onRequest hook. */
class RequestLogTest extends EmulatorTestBase {

  @Test
  void logsMethodPathDecodedQueryStatusAndTiming() {
    EMU.requestLog().clear();
    String repo = EMU.store().repositories("acme").get(0);
    get("/repositories/acme/" + repo + "/pullrequests?state=MERGED&state=OPEN&q=" + enc("title ~ \"fix\"") + "&pagelen=5");
    send("GET", "/user", null, null);
    List<LoggedRequest> entries = EMU.requestLog().entries();
    assertEquals(2, entries.size());
    assertEquals(2, EMU.requestLog().size());
    LoggedRequest first = entries.get(0);
    assertEquals("GET", first.method());
    assertEquals("/2.0/repositories/acme/" + repo + "/pullrequests", first.path());
    assertEquals(List.of("MERGED", "OPEN"), first.query().get("state"));
    assertEquals(List.of("title ~ \"fix\""), first.query().get("q"));
    assertEquals(200, first.status());
    assertTrue(first.durationNanos() > 0);
    assertEquals(401, entries.get(1).status());
    assertTrue(entries.get(1).startNanos() >= first.startNanos());
    EMU.requestLog().clear();
    assertEquals(0, EMU.requestLog().size());
  }

  @Test
  void concurrentRequestsAreServedConcurrentlyAndThePeakIsMeasured() {
    EMU.faults().latency(Duration.ofMillis(400));
    EMU.requestLog().resetPeak();
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < 8; i++) {
      calls.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url("/user"))).header("Authorization", bearer()).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    calls.forEach(c -> assertEquals(200, c.join().statusCode()));
    long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(8, EMU.requestLog().peakInFlight(), "all 8 were in flight at once");
    assertTrue(elapsedMs < 8 * 400, "served in parallel, not one after another: " + elapsedMs + " ms");
    EMU.faults().latency(Duration.ZERO);
    EMU.requestLog().resetPeak();
    get("/user");
    assertEquals(1, EMU.requestLog().peakInFlight());
  }

  @Test
  void onRequestHookRunsAfterEachRequestAndCanMutateTheStore() {
    AtomicBoolean active = new AtomicBoolean(true);
    List<String> seen = new CopyOnWriteArrayList<>();
    String repo = EMU.store().repositories("acme").get(2);
    EMU.onRequest(r -> {
      if (active.get() && r.path().endsWith("/" + repo + "/refs/tags")) {
        seen.add(r.path());
        // Between the first and the second page a tag appears, as if someone pushed one.
        if (seen.size() == 1) {
          String head = EMU.store().get("acme", repo, "branches", "main").get("target").get("hash").asText();
          EMU.store().create("acme", repo, "tags", JSON.createObjectNode().put("name", "aaa-hook")
              .set("target", JSON.createObjectNode().put("hash", head)));
        }
      }
    });
    try {
      int before = get("/repositories/acme/" + repo + "/refs/tags?pagelen=1").json().get("size").asInt();
      int after = get("/repositories/acme/" + repo + "/refs/tags?pagelen=1&page=2").json().get("size").asInt();
      assertEquals(before + 1, after);
      assertEquals(2, seen.size());
    } finally {
      active.set(false);
      EMU.store().delete("acme", repo, "tags", "aaa-hook");
    }
  }
}
