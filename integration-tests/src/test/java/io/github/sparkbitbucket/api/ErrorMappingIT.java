package io.github.sparkbitbucket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.api.BitbucketApiException.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every error the emulator can answer, mapped to a kind and a message that says what to do. */
class ErrorMappingIT extends ClientITBase {

  private static BitbucketApiException fails(Executable call) {
    BitbucketApiException e = assertThrows(BitbucketApiException.class, call);
    for (String secret : new String[] {EMU.credentials().token(),
        EMU.credentials().readOnlyToken(), EMU.credentials().apiToken()}) {
      assertFalse(e.getMessage().contains(secret), "secret in: " + e.getMessage());
    }
    return e;
  }

  private static String repo() {
    return EMU.store().repositories(WS).get(0);
  }

  @Test
  void unauthorized() {
    BitbucketApiException e = fails(() -> client("token", "nope-not-a-token")
        .get("/repositories/{ws}", WS).json());
    assertEquals(Kind.UNAUTHORIZED, e.kind());
    assertTrue(e.getMessage().contains("Check option 'token'"));
  }

  @Test
  void forbiddenNamesTheMissingScope() {
    BitbucketApiException e = fails(() -> client("token", EMU.credentials().readOnlyToken())
        .get("/repositories/{ws}/{repo}/pipelines", WS, repo()).json());
    assertEquals(Kind.FORBIDDEN, e.kind());
    assertEquals(403, e.status());
    assertTrue(e.getMessage().contains("lack the scope pipeline"), e.getMessage());
  }

  @Test
  void notFoundNamesTheRepository() {
    BitbucketApiException e = fails(() -> client()
        .get("/repositories/{ws}/{repo}/pullrequests", WS, "no-such-repo").json());
    assertEquals(Kind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains("repository 'acme/no-such-repo'"), e.getMessage());
    assertEquals(EMU.baseUrl() + "/repositories/acme/no-such-repo/pullrequests", e.url());
  }

  @Test
  void notFoundForAPathWithNoApi() {
    BitbucketApiException e = fails(() -> client().get("/nothing/here").json());
    assertEquals(Kind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains("Resource not found"), e.getMessage());
  }

  @Test
  void goneIssueTrackerPointsToJira() {
    EMU.issueTrackerRemoved(true);
    BitbucketApiException e = fails(() -> client()
        .get("/repositories/{ws}/{repo}/issues", WS, repo()).page(p -> p.skipChildren()));
    assertEquals(Kind.GONE, e.kind());
    assertTrue(e.getMessage().contains("removed its issue tracker"));
    assertTrue(e.getMessage().contains("Jira"));
  }

  @Test
  void goneWorkspacesAndRepositoriesPointToUserWorkspaces() {
    for (String path : new String[] {"/workspaces", "/repositories"}) {
      BitbucketApiException e = fails(() -> client().get(path).json());
      assertEquals(Kind.GONE, e.kind());
      assertTrue(e.getMessage().contains("/user/workspaces"), e.getMessage());
      assertTrue(e.getMessage().contains("CHANGE-2770"), e.getMessage());
    }
  }

  @Test
  void badRequestForAMalformedQuery() {
    BitbucketApiException e = fails(() -> client()
        .get("/repositories/{ws}/{repo}/pullrequests", WS, repo()).query("q", "title = ")
        .page(p -> p.skipChildren()));
    assertEquals(Kind.BAD_REQUEST, e.kind());
    assertTrue(e.getMessage().contains("bad request (400)"), e.getMessage());
    assertEquals(1, logged("/pullrequests").size(), "a 400 is not retried");
  }

  @Test
  void badRequestForAPagelenAboveTheCap() {
    BitbucketApiException e = fails(() -> client()
        .get("/repositories/{ws}/{repo}/pullrequests", WS, repo()).query("pagelen", 51)
        .page(p -> p.skipChildren()));
    assertEquals(Kind.BAD_REQUEST, e.kind());
    assertTrue(e.getMessage().contains("Invalid pagelen"), e.getMessage());
  }

  @Test
  void badRequestListsTheOffendingFields() {
    BitbucketApiException e = fails(() -> client()
        .post("/repositories/{ws}/{repo}/pullrequests", WS, repo())
        .body(JSON.createObjectNode().put("title", "no source")).json());
    assertEquals(Kind.BAD_REQUEST, e.kind());
    assertTrue(e.getMessage().contains("Fields: source: This field is required."),
        e.getMessage());
  }

  @Test
  void rateLimitExhaustedAfterWaitingMaxRateLimitWait() {
    EMU.faults().rateLimit(1, Duration.ofHours(1));
    BitbucketClient client = client("maxRetries", "0", "maxRateLimitWait", "200ms");
    client.get("/user").json();
    RequestStats stats = new RequestStats();
    BitbucketApiException e = fails(() -> client.get("/user").stats(stats).json());
    assertEquals(Kind.RATE_LIMITED, e.kind());
    int attempts = logged("/user").size() - 1;
    assertTrue(attempts > 2, "429s are retried whatever maxRetries says: " + attempts);
    assertTrue(e.getMessage().contains("after " + attempts + " attempts"), e.getMessage());
    assertTrue(e.getMessage().contains("Lower option 'maxConcurrency'"));
    assertTrue(e.getMessage().contains("'requestsPerHour'")
        && e.getMessage().contains("'maxRateLimitWait'"), e.getMessage());
    // the waits add up to maxRateLimitWait exactly: the last one is cut to the deadline
    assertEquals(Duration.ofMillis(200).toNanos(), stats.rateLimitWaitNanos());
  }

  @Test
  void serverErrorAfterRetriesNamesTheEndpointAndLastStatus() {
    EMU.faults().serverErrorRate(1.0);
    BitbucketApiException e = fails(() -> client("maxRetries", "1").get("/user").json());
    assertEquals(Kind.SERVER_ERROR, e.kind());
    assertTrue(e.getMessage().contains("GET " + EMU.baseUrl() + "/user answered " + e.status()
        + " after 2 attempts"), e.getMessage());
  }

  @Test
  void ioErrorAfterRetries() {
    EMU.faults().resetRate(1.0);
    BitbucketApiException e = fails(() -> client("maxRetries", "1").get("/user").json());
    assertEquals(Kind.IO, e.kind());
    assertEquals(-1, e.status());
    assertTrue(e.getMessage().contains("after 2 attempts"), e.getMessage());
    assertEquals(2, logged("/user").size());
  }

  @Test
  void nothingIsSentToAnotherOrigin() {
    String elsewhere = EMU.baseUrl().replace("127.0.0.1", "localhost") + "/user";
    BitbucketApiException e = fails(() -> client().get(elsewhere).json());
    assertEquals(Kind.OTHER, e.kind());
    assertTrue(e.getMessage().contains("would receive the credentials"));
    assertEquals(0, EMU.requestLog().size());
  }
}
