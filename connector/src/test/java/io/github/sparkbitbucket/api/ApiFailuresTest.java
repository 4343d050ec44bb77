package io.github.sparkbitbucket.api;

import static io.github.sparkbitbucket.api.Samples.json;
import static io.github.sparkbitbucket.api.Samples.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkbitbucket.api.BitbucketApiException.Kind;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Error bodies recorded from Bitbucket, mapped to messages that say what to do. */
class ApiFailuresTest {
  private static final String CANARY = "CANARY-tok-9d2";
  private static final HttpUrl ENDPOINT = HttpUrl.get("https://api.bitbucket.org/2.0");

  private final Redactor redactor = new Redactor();
  private final ApiFailures failures;

  ApiFailuresTest() {
    redactor.add(CANARY);
    failures = new ApiFailures(new ObjectMapper(), redactor, ENDPOINT);
  }

  private static HttpUrl url(String path) {
    return HttpUrl.get("https://api.bitbucket.org/2.0" + path);
  }


  private BitbucketApiException map(String method, String path, HttpResult result) {
    BitbucketApiException e = failures.forStatus(method, url(path), result, 1);
    assertFalse(e.getMessage().contains(CANARY), e.getMessage());
    assertEquals(result.status(), e.status());
    assertEquals(method, e.method());
    assertEquals(url(path).toString(), e.url());
    return e;
  }

  @Test
  void unauthorizedSaysToCheckTheCredentialsAndThatAppPasswordsAreGone() {
    BitbucketApiException e = map("GET", "/user", text(401, "text/plain", "Unauthorized"));
    assertEquals(Kind.UNAUTHORIZED, e.kind());
    assertTrue(e.getMessage().contains("'token'"));
    assertTrue(e.getMessage().contains("'apiToken'"));
    assertTrue(e.getMessage().contains("app passwords were removed on 2026-07-28"));
  }

  @Test
  void forbiddenNamesTheMissingScopeFromTheDetail() {
    BitbucketApiException e = map("POST", "/workspaces/acme/projects",
        json(403, "error-privileges.json"));
    assertEquals(Kind.FORBIDDEN, e.kind());
    assertTrue(e.getMessage().contains("lack one or more required privilege scopes"));
    assertTrue(e.getMessage().contains("lack the scope project (granted: runner:write, "
        + "pipeline:variable, issue:write, pullrequest:write, account)"), e.getMessage());
    assertTrue(e.getMessage().contains("with scope project"));
  }

  @Test
  void forbiddenWithATextDetailShowsIt() {
    BitbucketApiException e = map("GET", "/repositories/acme/api", text(403, "application/json",
        "{\"type\":\"error\",\"error\":{\"message\":\"Access denied\","
            + "\"detail\":\"You must be an admin\"}}"));
    assertTrue(e.getMessage().contains("Access denied") && e.getMessage().contains("admin"));
  }

  @Test
  void notFoundNamesTheResourceFromJsonError() {
    BitbucketApiException e = map("GET", "/repositories/dev/null", json(404, "error.json"));
    assertEquals(Kind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains("repository 'dev/null' does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("Repository dev/null not found"));
    BitbucketApiException pr = map("GET", "/repositories/acme/api/pullrequests/7/comments/3",
        json(404, "error-noapi.json"));
    assertTrue(pr.getMessage().contains(
        "comments '3' of pullrequests '7' of repository 'acme/api'"), pr.getMessage());
    assertTrue(pr.getMessage().contains("There is no API hosted at this URL")
        || pr.getMessage().contains("Resource not found"));
    assertTrue(map("GET", "/workspaces/nope", json(404, "error.json")).getMessage()
        .contains("workspace 'nope'"));
    assertTrue(map("GET", "/repositories/acme/api/refs/branches/main", json(404, "error.json"))
        .getMessage().contains("branches 'main' of repository 'acme/api'"));
  }

  @Test
  void notFoundAsAnHtmlPageSuggestsCheckingTheEndpoint() {
    BitbucketApiException e = map("GET", "/repositories/acme/api", text(404,
        "text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>Page not found"));
    assertEquals(Kind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains("text/html"));
    assertTrue(e.getMessage().contains("<!DOCTYPE html>"));
    assertTrue(e.getMessage().contains("check option 'endpoint'"));
  }

  @Test
  void goneForIssuesPointsToJira() {
    BitbucketApiException e = map("GET", "/repositories/acme/api/issues",
        text(410, "application/json", "{\"type\":\"error\",\"error\":{\"message\":\"Gone\"}}"));
    assertEquals(Kind.GONE, e.kind());
    assertTrue(e.getMessage().contains("removed its issue tracker"));
    assertTrue(e.getMessage().contains("2026-08-20"));
    assertTrue(e.getMessage().contains("Jira"));
  }

  @Test
  void goneForWorkspacesAndRepositoriesPointsToUserWorkspaces() {
    for (String path : new String[] {"/workspaces", "/repositories"}) {
      BitbucketApiException e = map("GET", path, text(410, "application/json",
          "{\"type\":\"error\",\"error\":{\"message\":\"This API is no longer supported.\"}}"));
      assertEquals(Kind.GONE, e.kind());
      assertTrue(e.getMessage().contains("/user/workspaces"), e.getMessage());
      assertTrue(e.getMessage().contains("CHANGE-2770"));
    }
  }

  @Test
  void badRequestListsTheFields() {
    BitbucketApiException e = map("POST", "/repositories/acme/api/pullrequests",
        json(400, "error-badrequest-nobranch.json"));
    assertEquals(Kind.BAD_REQUEST, e.kind());
    assertTrue(e.getMessage().contains("source: branch not found: dummy"), e.getMessage());
    BitbucketApiException plain = map("PUT", "/workspaces/acme/projects/X",
        json(400, "error-badrequest.json"));
    assertTrue(plain.getMessage().contains("links.avatar: required key not provided"),
        plain.getMessage());
  }

  @Test
  void rateLimitAfterRetriesSaysHowToGetOut() {
    BitbucketApiException e = failures.forStatus("GET", url("/repositories/acme"),
        text(429, "text/plain", "Rate limit for this resource has been exceeded"), 7);
    assertEquals(Kind.RATE_LIMITED, e.kind());
    assertTrue(e.getMessage().contains("after 7 attempts"));
    assertTrue(e.getMessage().contains("'maxConcurrency'"));
    assertTrue(e.getMessage().contains("scaled rate limits"));
  }

  @Test
  void serverErrorsNameTheEndpointAndLastStatus() {
    BitbucketApiException e = failures.forStatus("GET", url("/repositories/acme/api/commits"),
        text(555, "text/plain", ""), 3);
    assertEquals(Kind.SERVER_ERROR, e.kind());
    assertTrue(e.getMessage().contains("GET https://api.bitbucket.org/2.0/repositories/acme/api/"
        + "commits answered 555 after 3 attempts"), e.getMessage());
    BitbucketApiException post = failures.forStatus("POST", url("/repositories/acme/api/"
        + "pullrequests"), text(500, "text/plain", ""), 1);
    assertTrue(post.getMessage().contains("A POST is not retried automatically"));
  }

  @Test
  void malformedResponsesShowTheUrlAndTheFirstBytes() {
    String html = "<html><body>" + "x".repeat(400) + "</body></html>";
    BitbucketApiException e = failures.forMalformed("GET", url("/repositories/acme"),
        text(200, "text/html", html), "Unexpected character '<'", 3);
    assertEquals(Kind.MALFORMED_RESPONSE, e.kind());
    assertTrue(e.getMessage().contains("https://api.bitbucket.org/2.0/repositories/acme"));
    assertTrue(e.getMessage().contains("<html><body>xxx"));
    assertFalse(e.getMessage().contains("x".repeat(250)), "only the first ~200 bytes");
  }

  @Test
  void aSecretEchoedByTheServerIsRedacted() {
    BitbucketApiException e = failures.forStatus("GET", url("/user"), text(418, "text/plain",
        "I saw Authorization: Bearer " + CANARY), 1);
    assertEquals(Kind.OTHER, e.kind());
    assertTrue(e.getMessage().contains("Bearer ***"), e.getMessage());
    BitbucketApiException io = failures.forIo("GET", url("/user"),
        new SocketTimeoutException("timeout talking about " + CANARY), 2);
    assertFalse(io.getMessage().contains(CANARY));
    assertEquals(Kind.IO, io.kind());
    assertTrue(io.getMessage().contains("'requestTimeout'"));
  }

  @Test
  void oauthErrorBodiesAreUnderstood() throws IOException {
    ErrorBody body = ErrorBody.parse("{\"error\":\"invalid_grant\",\"error_description\":\"bad\"}"
        .getBytes(StandardCharsets.UTF_8), new ObjectMapper()).orElseThrow();
    assertEquals("invalid_grant: bad", body.message());
  }
}
