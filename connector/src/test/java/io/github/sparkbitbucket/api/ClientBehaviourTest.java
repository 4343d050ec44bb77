package io.github.sparkbitbucket.api;

import static io.github.sparkbitbucket.testing.ScriptedServer.Answer.json;
import static io.github.sparkbitbucket.testing.ScriptedServer.Answer.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkbitbucket.api.BitbucketApiException.Kind;
import io.github.sparkbitbucket.config.BitbucketOptions;
import io.github.sparkbitbucket.testing.ScriptedServer.Answer;
import io.github.sparkbitbucket.testing.ScriptedServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a scripted loopback server: retries and what is never retried, bodies cut
 * short, Retry-After, rate-limit headers, credentials never sent to another origin.
 */
class ClientBehaviourTest {
  private static final String TOKEN = "CANARY-bearer-51c";
  private static final String PAGE = "{\"pagelen\":2,\"size\":3,\"page\":1,\"values\":[{\"id\":1},"
      + "{\"id\":2}],\"next\":\"NEXT\"}";

  private ScriptedServer server;
  private BitbucketClient client;

  @BeforeEach
  void start() throws IOException {
    server = new ScriptedServer();
    client = client(Map.of());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private BitbucketClient client(Map<String, String> extra) {
    Map<String, String> options = new HashMap<>(Map.of("endpoint", server.base() + "/2.0",
        "token", TOKEN, "maxRetries", "3", "requestTimeout", "5s"));
    options.putAll(extra);
    return BitbucketClient.create(BitbucketOptions.parse(options), Backoff.fast());
  }

  private static List<Integer> ids(List<JsonNode> values) {
    return values.stream().map(v -> v.get("id").asInt()).toList();
  }

  private PageInfo readPage(String path, List<JsonNode> into, RequestStats stats) {
    ObjectMapper mapper = new ObjectMapper();
    return client.get(path).stats(stats).page(p -> into.add(mapper.readTree(p)));
  }

  @Test
  void serverErrorsAreRetriedUntilTheyPass() {
    server.script("/2.0/things", text(503, "busy"), text(555, ""), json(200, PAGE));
    RequestStats stats = new RequestStats();
    List<JsonNode> values = new ArrayList<>();
    PageInfo page = readPage("/things", values, stats);
    assertEquals(List.of(1, 2), ids(values));
    assertEquals(new PageInfo(3, 1, 2, "NEXT", 2), page);
    assertEquals(3, server.count("/2.0/things"));
    assertEquals(3, stats.requests());
    assertEquals(2, stats.retries());
    assertEquals("Bearer " + TOKEN, server.seen().get(0).authorization());
  }

  @Test
  void aBodyCutShortIsRetriedAndNoValueIsHandedTwice() {
    server.script("/2.0/things", Answer.truncated(PAGE), Answer.connectionReset(), json(200, PAGE));
    List<JsonNode> values = new ArrayList<>();
    RequestStats stats = new RequestStats();
    readPage("/things", values, stats);
    assertEquals(List.of(1, 2), ids(values));
    assertEquals(3, server.count("/2.0/things"));
    assertEquals(2, stats.retries());
  }

  @Test
  void truncatedJsonWithAMatchingLengthIsRetriedToo() {
    server.script("/2.0/things", json(200, PAGE.substring(0, 40)), json(200, PAGE));
    List<JsonNode> values = new ArrayList<>();
    readPage("/things", values, new RequestStats());
    assertEquals(List.of(1, 2), ids(values));
    assertEquals(2, server.count("/2.0/things"));
  }

  @Test
  void retriesStopAtMaxRetriesWithTheLastStatus() {
    server.script("/2.0/things", text(502, "bad gateway"));
    RequestStats stats = new RequestStats();
    BitbucketApiException e = assertThrows(BitbucketApiException.class,
        () -> readPage("/things", new ArrayList<>(), stats));
    assertEquals(Kind.SERVER_ERROR, e.kind());
    assertEquals(502, e.status());
    assertEquals(4, server.count("/2.0/things")); // 1 + maxRetries
    assertEquals(3, stats.retries());
    assertTrue(e.getMessage().contains("after 4 attempts"), e.getMessage());
  }

  @Test
  void malformedBodiesEndAsMalformedResponseWithTheFirstBytes() {
    server.script("/2.0/things", new Answer(200, Map.of("Content-Type", "text/html"),
        "<html>maintenance</html>", false, false));
    BitbucketApiException e = assertThrows(BitbucketApiException.class,
        () -> readPage("/things", new ArrayList<>(), new RequestStats()));
    assertEquals(Kind.MALFORMED_RESPONSE, e.kind());
    assertTrue(e.getMessage().contains("<html>maintenance</html>"), e.getMessage());
    assertTrue(e.getMessage().contains(server.base() + "/2.0/things"));
  }

  @Test
  void clientErrorsAreNotRetried() {
    server.script("/2.0/things", json(404, "{\"type\":\"error\",\"error\":{\"message\":\"x\"}}"));
    BitbucketApiException e = assertThrows(BitbucketApiException.class,
        () -> client.get("/things").json());
    assertEquals(Kind.NOT_FOUND, e.kind());
    assertEquals(1, server.count("/2.0/things"));
  }

  @Test
  void aPostIsNotRetriedAfterAServerErrorOrAReset() {
    server.script("/2.0/things", text(500, "oops"));
    BitbucketApiException e = assertThrows(BitbucketApiException.class,
        () -> client.post("/things").body(new ObjectMapper().createObjectNode()).json());
    assertEquals(Kind.SERVER_ERROR, e.kind());
    assertEquals(1, server.count("/2.0/things"));

    server.script("/2.0/other", Answer.connectionReset(), json(201, "{}"));
    BitbucketApiException io = assertThrows(BitbucketApiException.class,
        () -> client.post("/other").json());
    assertEquals(Kind.IO, io.kind());
    assertEquals(1, server.count("/2.0/other"));
    assertTrue(io.getMessage().contains("may have taken effect"));
  }

  @Test
  void aPostIsRetriedAfterA429BecauseNothingHappened() {
    server.script("/2.0/things", text(429, "Rate limit for this resource has been exceeded"),
        json(201, "{\"id\":9}"));
    JsonNode created = client.post("/things").body(new ObjectMapper().createObjectNode()
        .put("title", "t")).json();
    assertEquals(9, created.get("id").asInt());
    assertEquals(2, server.count("/2.0/things"));
    assertEquals("{\"title\":\"t\"}", server.seen().get(1).body());
  }

  @Test
  void aPostMarkedAsAReadIsRetriedAndSendsItsForm() {
    server.script("/2.0/repositories/acme/api/commits", text(503, ""), json(200, PAGE));
    List<JsonNode> values = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    client.post("/repositories/{ws}/{repo}/commits", "acme", "api")
        .form("include", List.of("main", "feature/x")).form("exclude", "old").idempotent()
        .page(p -> values.add(mapper.readTree(p)));
    assertEquals(List.of(1, 2), ids(values));
    assertEquals(2, server.count("/2.0/repositories/acme/api/commits"));
    assertEquals("include=main&include=feature%2Fx&exclude=old", server.seen().get(1).body());
  }

  @Test
  void aServerThatDoesNotAnswerTimesOutAfterRequestTimeout() throws Exception {
    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
    server.handler("/2.0/hang", seen -> {
      try {
        never.await(); // released when the test ends
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return json(200, "{}");
    });
    try (BitbucketClient impatient = client(Map.of("requestTimeout", "300ms",
        "maxRetries", "1"))) {
      long start = System.nanoTime();
      BitbucketApiException e = assertThrows(BitbucketApiException.class,
          () -> impatient.get("/hang").json());
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      assertEquals(Kind.IO, e.kind());
      assertTrue(e.getMessage().contains("'requestTimeout'"), e.getMessage());
      assertTrue(e.getMessage().contains("after 2 attempts"), e.getMessage());
      assertTrue(elapsedMs >= 600 && elapsedMs < 5_000, elapsedMs + " ms");
      assertEquals(2, server.count("/2.0/hang"));
    } finally {
      never.countDown();
    }
  }

  @Test
  void putAndDeleteAreRetried() {
    server.script("/2.0/things/1", text(503, ""), json(200, "{\"id\":1}"));
    client.put("/things/{id}", 1).body(new ObjectMapper().createObjectNode()).json();
    server.script("/2.0/things/2", Answer.connectionReset(), new Answer(204, Map.of(), "", false, false));
    client.delete("/things/{id}", 2).send();
    assertEquals(2, server.count("/2.0/things/1"));
    assertEquals(2, server.count("/2.0/things/2"));
  }

  @Test
  void rateLimitWaitsAreCountedAndRetryAfterIsHonoured() {
    server.script("/2.0/things", text(429, "Rate limit for this resource has been exceeded")
        .withHeader("Retry-After", "0"), text(429, "slow down"), json(200, PAGE)
        .withHeader("X-RateLimit-Limit", "1000").withHeader("X-RateLimit-Remaining", "997")
        .withHeader("X-RateLimit-Reset", "1790000000"));
    RequestStats stats = new RequestStats();
    readPage("/things", new ArrayList<>(), stats);
    assertEquals(2, stats.retries());
    assertTrue(stats.rateLimitWaitNanos() > 0, "the backoff after the second 429 is counted");
    assertEquals(new RateLimitStatus(1000, 997, 1790000000L), client.rateLimit());
  }

  @Test
  void rateLimitExhaustedSaysWhatToDo() {
    server.script("/2.0/things", text(429, "Rate limit for this resource has been exceeded"));
    RequestStats stats = new RequestStats();
    try (BitbucketClient patient = client(Map.of("maxRateLimitWait", "100ms"))) {
      BitbucketApiException e = assertThrows(BitbucketApiException.class,
          () -> patient.get("/things").stats(stats).json());
      assertEquals(Kind.RATE_LIMITED, e.kind());
      assertTrue(e.getMessage().contains("'maxConcurrency'"));
      assertTrue(e.getMessage().contains("'maxRateLimitWait'"));
    }
    // 429s do not spend maxRetries (3): they are retried until 100 ms of waiting, exactly
    assertTrue(server.count("/2.0/things") > 4, "attempts: " + server.count("/2.0/things"));
    assertEquals(100_000_000L, stats.rateLimitWaitNanos());
  }

  @Test
  void aBudgetCountsEveryAttemptAndItsWaitIsARateLimitWait() {
    server.script("/2.0/things", text(503, ""), text(503, ""), json(200, PAGE));
    AtomicLong clock = new AtomicLong();
    RequestBudget budget = new RequestBudget(2, Duration.ofHours(1), clock::get,
        clock::addAndGet);
    RequestStats stats = new RequestStats(budget);
    readPage("/things", new ArrayList<>(), stats);
    // two attempts fill the (fake) hour; the third waits for the window to slide
    assertEquals(3, server.count("/2.0/things"));
    assertEquals(3, stats.requests());
    assertEquals(Duration.ofHours(1).toNanos(), stats.rateLimitWaitNanos());
  }

  @Test
  void pathValuesAreEncodedAsOneSegment() {
    server.script("/2.0/repositories/acme/a b/refs/branches/feature/x", json(200, "{}"));
    client.get("/repositories/{ws}/{repo}/refs/branches/{name}", "acme", "a b", "feature/x")
        .query("q", "name ~ \"x\"").query("state", List.of("OPEN", "MERGED"))
        .query("skipped", null).json();
    ScriptedServer.Seen seen = server.seen().get(0);
    assertEquals("/2.0/repositories/acme/a%20b/refs/branches/feature%2Fx", seen.rawPath());
    assertEquals("q=name%20%7E%20%22x%22&state=OPEN&state=MERGED", seen.query());
    assertThrows(IllegalArgumentException.class, () -> client.get("/r/{a}/{b}", "x"));
    assertThrows(IllegalArgumentException.class, () -> client.get("/r/{a}", ".."));
  }

  @Test
  void aNextLinkToAnotherOriginIsRefusedBeforeAnyRequest() throws IOException {
    try (ScriptedServer other = new ScriptedServer()) {
      other.script("/2.0/things", json(200, PAGE));
      BitbucketApiException e = assertThrows(BitbucketApiException.class,
          () -> client.get(other.base() + "/2.0/things?page=2"));
      assertTrue(e.getMessage().contains("would receive the credentials"), e.getMessage());
      assertFalse(e.getMessage().contains(TOKEN));
      assertEquals(0, other.seen().size());
    }
    server.script("/2.0/things", json(200, PAGE));
    client.get(server.base() + "/2.0/things?page=2").json(); // same origin: fine
    assertEquals("page=2", server.seen().get(0).query());
  }

  @Test
  void aRedirectToAnotherOriginCarriesNoCredentials() throws IOException {
    try (ScriptedServer other = new ScriptedServer()) {
      other.script("/2.0/moved", json(200, "{\"ok\":true}"));
      server.script("/2.0/things", new Answer(302, Map.of("Location",
          other.base() + "/2.0/moved"), "", false, false));
      JsonNode body = client.get("/things").json();
      assertTrue(body.get("ok").asBoolean());
      assertEquals("Bearer " + TOKEN, server.seen().get(0).authorization());
      assertNull(other.seen().get(0).authorization());
    }
  }

  @Test
  void theNumberOfRequestsInFlightNeverExceedsMaxConcurrency() throws Exception {
    try (BitbucketClient capped = client(Map.of("maxConcurrency", "3"))) {
      java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
      AtomicMax peak = new AtomicMax();
      server.handler("/2.0/slow", seen -> {
        peak.record(server.inFlight.get());
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return json(200, "{}");
      });
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(10);
      List<java.util.concurrent.Future<JsonNode>> calls = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        calls.add(pool.submit(() -> capped.get("/slow").json()));
      }
      // Wait (on conditions) until 3 requests are at the server and 7 callers queue for a permit.
      long deadline = System.nanoTime() + 10_000_000_000L;
      while ((server.inFlight.get() < 3 || capped.executor().waitingForPermit() < 7)
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertEquals(3, server.inFlight.get());
      assertEquals(7, capped.executor().waitingForPermit());
      release.countDown();
      for (var call : calls) {
        call.get();
      }
      pool.shutdown();
      // never more than 3 at the server (the handlers record what they see; which of them sees
      // exactly 3 depends on when each runs, so only the bound is asserted)
      assertTrue(peak.get() <= 3, "peak " + peak.get());
      assertEquals(10, server.count("/2.0/slow"));
    }
  }

  @Test
  void aCallerInterruptedWhileWaitingForASlotStopsWithoutRetrying() throws Exception {
    try (BitbucketClient capped = client(Map.of("maxConcurrency", "1"))) {
      java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
      server.handler("/2.0/slow", seen -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return json(200, "{}");
      });
      Thread holder = new Thread(() -> capped.get("/slow").json());
      holder.start();
      java.util.concurrent.atomic.AtomicReference<Throwable> failure =
          new java.util.concurrent.atomic.AtomicReference<>();
      Thread waiter = new Thread(() -> {
        try {
          capped.get("/slow").json();
        } catch (Throwable t) {
          failure.set(t);
        }
      });
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (server.inFlight.get() < 1 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      waiter.start();
      while (capped.executor().waitingForPermit() < 1 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      waiter.interrupt();
      waiter.join(10_000);
      release.countDown();
      holder.join(10_000);
      BitbucketApiException e = (BitbucketApiException) failure.get();
      assertEquals(Kind.IO, e.kind());
      assertTrue(e.getMessage().startsWith("Interrupted"), e.getMessage());
      assertEquals(1, server.count("/2.0/slow"), "the interrupted caller sent nothing");
    }
  }

  /** Largest value seen. */
  static final class AtomicMax {
    private final java.util.concurrent.atomic.AtomicInteger max =
        new java.util.concurrent.atomic.AtomicInteger();

    void record(int value) {
      max.accumulateAndGet(value, Math::max);
    }

    int get() {
      return max.get();
    }
  }
}
