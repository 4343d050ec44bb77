package io.github.sparkbitbucket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkbitbucket.api.BitbucketApiException.Kind;
import io.github.sparkbitbucket.emulator.LoggedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Retries as the emulator's request log records them: which failures are retried, how many
 * times, and that a POST is never repeated when it may have taken effect.
 */
class RetryIT extends ClientITBase {
  private static final String PROJECTS = "/workspaces/" + WS + "/projects";

  /** Injects a fault (rate 1) for the first {@code n} requests, then serves normally. */
  private static void faultForFirst(int n, Consumer<io.github.sparkbitbucket.emulator.Faults> on) {
    on.accept(EMU.faults());
    AtomicInteger served = new AtomicInteger();
    afterEachRequest(entry -> {
      if (served.incrementAndGet() == n) {
        EMU.faults().reset();
      }
    });
  }

  private static List<Integer> statuses(String pathSuffix) {
    return logged(pathSuffix).stream().map(LoggedRequest::status).toList();
  }

  private List<JsonNode> readPullRequests(RequestStats stats, String repo) {
    List<JsonNode> values = new ArrayList<>();
    client("maxRetries", "3").get("/repositories/{ws}/{repo}/pullrequests", WS, repo)
        .query("state", List.of("OPEN", "MERGED", "DECLINED", "SUPERSEDED")).query("pagelen", 50)
        .stats(stats).page(collectInto(values));
    return values;
  }

  private static int pullRequestCount(String repo) {
    return EMU.store().list(WS, repo, "pullrequests").size();
  }

  @Test
  void serverErrorsAreRetried() {
    String repo = largestRepository("pullrequests");
    faultForFirst(2, f -> f.serverErrorRate(1.0));
    RequestStats stats = new RequestStats();
    assertEquals(pullRequestCount(repo), readPullRequests(stats, repo).size());
    List<Integer> statuses = statuses("/pullrequests");
    assertEquals(3, statuses.size());
    assertTrue(statuses.get(0) >= 500 && statuses.get(1) >= 500, statuses.toString());
    assertEquals(200, statuses.get(2));
    assertEquals(3, stats.requests());
    assertEquals(2, stats.retries());
  }

  @Test
  void status555IsRetried() {
    String repo = largestRepository("pullrequests");
    faultForFirst(2, f -> f.status555Rate(1.0));
    RequestStats stats = new RequestStats();
    readPullRequests(stats, repo);
    assertEquals(List.of(555, 555, 200), statuses("/pullrequests"));
    assertEquals(2, stats.retries());
  }

  @Test
  void connectionResetsAreRetried() {
    String repo = largestRepository("pullrequests");
    faultForFirst(2, f -> f.resetRate(1.0));
    RequestStats stats = new RequestStats();
    assertEquals(pullRequestCount(repo), readPullRequests(stats, repo).size());
    assertEquals(List.of(0, 0, 200), statuses("/pullrequests"));
    assertEquals(2, stats.retries());
  }

  @Test
  void truncatedBodiesAreRetriedAndNoValueIsHandedTwice() {
    String repo = largestRepository("pullrequests");
    faultForFirst(2, f -> f.truncateRate(1.0));
    RequestStats stats = new RequestStats();
    List<JsonNode> values = readPullRequests(stats, repo);
    assertEquals(pullRequestCount(repo), values.size());
    assertEquals(values.size(), values.stream().map(v -> v.get("id").asInt()).distinct().count());
    assertEquals(3, logged("/pullrequests").size());
    assertEquals(2, stats.retries());
  }

  @Test
  void rateLimitedRequestsWaitAndRetry() {
    EMU.faults().rateLimit(1, Duration.ofHours(1));
    BitbucketClient client = client("maxRetries", "3");
    client.get("/user").json(); // spends the budget
    AtomicInteger limited = new AtomicInteger();
    afterEachRequest(entry -> {
      if (entry.status() == 429 && limited.incrementAndGet() == 2) {
        EMU.faults().rateLimit(0, Duration.ofHours(1)); // the window "ends"
      }
    });
    RequestStats stats = new RequestStats();
    assertTrue(client.get("/user").stats(stats).json().hasNonNull("uuid"));
    assertEquals(List.of(200, 429, 429, 200), statuses("/user"));
    assertEquals(2, stats.retries());
    assertTrue(stats.rateLimitWaitNanos() > 0);
    assertEquals(1, client.rateLimit().limit());
    assertEquals(0, client.rateLimit().remaining());
    assertTrue(client.rateLimit().resetEpochSeconds() > 0);
  }

  @Test
  void retriesStopAtMaxRetries() {
    EMU.faults().status555Rate(1.0);
    RequestStats stats = new RequestStats();
    BitbucketApiException e = assertThrows(BitbucketApiException.class,
        () -> client("maxRetries", "2").get("/user").stats(stats).json());
    assertEquals(Kind.SERVER_ERROR, e.kind());
    assertEquals(List.of(555, 555, 555), statuses("/user"));
    assertEquals(2, stats.retries());
    assertEquals(0, logged("/user").size() - 3);
  }

  @Test
  void aPostIsNotRetriedAfterAServerError() {
    EMU.faults().serverErrorRate(1.0);
    ObjectNode project = JSON.createObjectNode().put("key", "RTRY5").put("name", "Retry 5xx");
    BitbucketApiException e = assertThrows(BitbucketApiException.class,
        () -> client("maxRetries", "5").post(PROJECTS).body(project).json());
    assertEquals(Kind.SERVER_ERROR, e.kind());
    assertEquals(1, logged(PROJECTS).size());
    assertTrue(e.getMessage().contains("A POST is not retried automatically"));
  }

  @Test
  void aPostIsNotRetriedAfterAConnectionReset() {
    EMU.faults().resetRate(1.0);
    ObjectNode project = JSON.createObjectNode().put("key", "RTRYIO").put("name", "Retry IO");
    BitbucketApiException e = assertThrows(BitbucketApiException.class,
        () -> client("maxRetries", "5").post(PROJECTS).body(project).json());
    assertEquals(Kind.IO, e.kind());
    assertEquals(1, logged(PROJECTS).size());
    // The emulator did create it before the connection dropped: exactly why no blind retry.
    assertNotNull(EMU.store().get(WS, null, "projects", "RTRYIO"));
    EMU.store().delete(WS, null, "projects", "RTRYIO");
  }

  @Test
  void aPostIsRetriedAfterA429BecauseNothingHappened() {
    EMU.faults().rateLimit(1, Duration.ofHours(1));
    BitbucketClient client = client("maxRetries", "3");
    client.get("/user").json();
    afterEachRequest(entry -> {
      if (entry.status() == 429) {
        EMU.faults().rateLimit(0, Duration.ofHours(1));
      }
    });
    ObjectNode project = JSON.createObjectNode().put("key", "RTRY429").put("name", "Retry 429");
    JsonNode created = client.post(PROJECTS).body(project).json();
    assertEquals("RTRY429", created.get("key").asText());
    assertEquals(List.of(429, 201), statuses(PROJECTS));
    client.delete(PROJECTS + "/{key}", "RTRY429").send();
    assertNull(EMU.store().get(WS, null, "projects", "RTRY429"));
  }

  @Test
  void putIsRetriedAndDeleteAfterALostAnswerCountsAsDone() {
    BitbucketClient client = client("maxRetries", "3");
    client.post(PROJECTS).body(JSON.createObjectNode().put("key", "RTRYPD").put("name", "P"))
        .json();
    faultForFirst(1, f -> f.serverErrorRate(1.0));
    JsonNode updated = client.put(PROJECTS + "/{key}", "RTRYPD")
        .body(JSON.createObjectNode().put("name", "P").put("description", "changed")).json();
    assertEquals("changed", updated.get("description").asText());
    assertEquals(2, logged(r -> r.method().equals("PUT")).size());

    EMU.requestLog().clear();
    // A 5xx from a server that did delete it (the hook deletes it behind the failed answer):
    // the retry finds nothing, which is what the caller wanted.
    EMU.faults().serverErrorRate(1.0);
    afterEachRequest(entry -> {
      EMU.faults().reset();
      EMU.store().delete(WS, null, "projects", "RTRYPD");
    });
    client.delete(PROJECTS + "/{key}", "RTRYPD").send();
    List<Integer> statuses = statuses("/projects/RTRYPD");
    assertEquals(2, statuses.size());
    assertTrue(statuses.get(0) >= 500);
    assertEquals(404, statuses.get(1));
    assertNull(EMU.store().get(WS, null, "projects", "RTRYPD"));
  }
}
