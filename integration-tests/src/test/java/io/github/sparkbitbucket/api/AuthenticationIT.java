package io.github.sparkbitbucket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.api.BitbucketApiException.Kind;
import io.github.sparkbitbucket.config.BitbucketOptions;
import io.github.sparkbitbucket.emulator.Credentials;
import io.github.sparkbitbucket.emulator.LoggedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every way of authenticating against the emulator, including OAuth renewal and rotation. */
class AuthenticationIT extends ClientITBase {
  private static final Credentials CREDS = EMU.credentials();
  private static final String TOKEN_PATH = "/site/oauth2/access_token";

  private static Map<String, String> without(Map<String, String> options, String... keys) {
    Map<String, String> m = new HashMap<>(options);
    for (String k : keys) {
      m.remove(k);
    }
    return m;
  }

  private static Map<String, String> oauth(String... extra) {
    Map<String, String> m = without(options(extra), "token");
    m.put("oauthClientId", CREDS.oauthClientId());
    m.put("oauthClientSecret", CREDS.oauthClientSecret());
    m.put("oauthTokenUrl", EMU.oauthTokenUrl());
    return m;
  }

  /** A refresh token of our own (the emulator's initial one may be spent by other tests). */
  private static String freshRefreshToken() throws Exception {
    String basic = Base64.getEncoder().encodeToString((CREDS.oauthClientId() + ":"
        + CREDS.oauthClientSecret()).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(EMU.oauthTokenUrl())).header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body()).get("refresh_token").asText();
  }

  private static List<LoggedRequest> tokenRequests() {
    return logged(TOKEN_PATH);
  }

  @Test
  void bearerToken() {
    assertTrue(client().get("/user").json().hasNonNull("uuid"));
    assertEquals(200, logged("/user").get(0).status());
  }

  @Test
  void emailAndApiTokenAsBasic() {
    Map<String, String> options = without(options("email", CREDS.email(),
        "apiToken", CREDS.apiToken()), "token");
    assertTrue(client(options).get("/user").json().hasNonNull("uuid"));
  }

  @Test
  void oauthClientCredentialsFetchesOneTokenAndReusesIt() {
    BitbucketClient client = client(oauth());
    for (int i = 0; i < 3; i++) {
      assertTrue(client.get("/user").json().hasNonNull("uuid"));
    }
    assertEquals(1, tokenRequests().size());
    assertEquals("POST", tokenRequests().get(0).method());
    assertEquals(3, logged("/user").size());
  }

  @Test
  void oauthRefreshTokensRotateAndTheNewestIsAlwaysUsed() throws Exception {
    String refresh = freshRefreshToken();
    EMU.requestLog().clear();
    EMU.faults().tokenTtl(Duration.ofSeconds(1)); // renewed after half its life
    BitbucketClient client = client(oauth("oauthRefreshToken", refresh));
    OAuthCredentials credentials = (OAuthCredentials) client.credentials();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (credentials.grants() < 3 && System.nanoTime() < deadline) {
      assertTrue(client.get("/user").json().hasNonNull("uuid"));
    }
    assertEquals(3, credentials.grants());
    // Each grant spent the previous refresh token; the emulator accepted all three, so each
    // used the newest one.
    assertEquals(3, tokenRequests().size());
    tokenRequests().forEach(r -> assertEquals(200, r.status()));
    assertTrue(logged("/user").stream().allMatch(r -> r.status() == 200));

    // The refresh token we started from is spent: a second client holding it is refused.
    BitbucketApiException e = assertThrows(BitbucketApiException.class,
        () -> client(oauth("oauthRefreshToken", refresh, "maxRetries", "1")).get("/user").json());
    assertEquals(Kind.UNAUTHORIZED, e.kind());
    assertTrue(e.getMessage().contains("rotate on use"), e.getMessage());
    assertFalse(e.getMessage().contains(refresh));
    assertFalse(e.getMessage().contains(CREDS.oauthClientSecret()));
  }

  @Test
  void anExpiredTokenIsRenewedOnceAfterA401AndTheRequestPasses() {
    // The emulator says expires_in=0 for 300 ms; the client assumes 1 s, so some requests hit
    // the expiry on the server first and get a 401 "Access token expired".
    EMU.faults().tokenTtl(Duration.ofMillis(300));
    BitbucketClient client = client(oauth());
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (logged(r -> r.path().endsWith("/user") && r.status() == 401).isEmpty()
        && System.nanoTime() < deadline) {
      assertTrue(client.get("/user").json().hasNonNull("uuid")); // never fails
    }
    List<LoggedRequest> user = logged("/user");
    int rejected = (int) user.stream().filter(r -> r.status() == 401).count();
    assertTrue(rejected >= 1, "saw an expiry");
    // Every 401 is followed by a renewal and a passing retry of the same request.
    for (int i = 0; i < user.size(); i++) {
      if (user.get(i).status() == 401) {
        assertEquals(200, user.get(i + 1).status());
      }
    }
    assertTrue(tokenRequests().size() >= 2);
  }

  @Test
  void aWrongTokenIsUnauthorizedWithAdvice() {
    BitbucketApiException e = assertThrows(BitbucketApiException.class,
        () -> client("token", "CANARY-wrong-token").get("/user").json());
    assertEquals(Kind.UNAUTHORIZED, e.kind());
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("app passwords were removed"), e.getMessage());
    assertFalse(e.getMessage().contains("CANARY-wrong-token"));
    assertEquals(1, logged("/user").size(), "a 401 with a static token is not retried");
  }

  @Test
  void aWrongClientSecretIsUnauthorizedWithAdvice() {
    Map<String, String> options = oauth();
    options.put("oauthClientSecret", "CANARY-wrong-secret");
    BitbucketApiException e = assertThrows(BitbucketApiException.class,
        () -> client(options).get("/user").json());
    assertEquals(Kind.UNAUTHORIZED, e.kind());
    assertTrue(e.getMessage().contains("'oauthClientSecret'"), e.getMessage());
    assertFalse(e.getMessage().contains("CANARY-wrong-secret"));
    assertEquals(0, logged("/user").size(), "no API request without a token");
  }

  @Test
  void oneSharedClientPerConnectionPerJvm() {
    BitbucketOptions a = BitbucketOptions.parse(options("table", "pullrequests"));
    BitbucketOptions sameConnection = BitbucketOptions.parse(options("table", "commits"));
    BitbucketOptions otherToken = BitbucketOptions.parse(options("token",
        CREDS.readOnlyToken()));
    assertSame(BitbucketClient.shared(a), BitbucketClient.shared(sameConnection));
    assertNotSame(BitbucketClient.shared(a), BitbucketClient.shared(otherToken));
    BitbucketClient.shared(a).close(); // a shared client ignores close: still usable
    assertTrue(BitbucketClient.shared(a).get("/user").json().hasNonNull("uuid"));
  }

  @Test
  void sharedClientsThatDifferOnlyInLimitsShareOneOAuthSession() throws Exception {
    String refresh = freshRefreshToken();
    EMU.requestLog().clear();
    BitbucketClient a = BitbucketClient.shared(BitbucketOptions.parse(
        oauth("oauthRefreshToken", refresh, "maxConcurrency", "2")));
    BitbucketClient b = BitbucketClient.shared(BitbucketOptions.parse(
        oauth("oauthRefreshToken", refresh, "maxConcurrency", "3")));
    assertNotSame(a, b);
    assertTrue(a.get("/user").json().hasNonNull("uuid"));
    assertTrue(b.get("/user").json().hasNonNull("uuid")); // would fail if it spent `refresh` again
    assertEquals(1, tokenRequests().size());
  }
}
