package io.github.sparkbitbucket.api;

import static io.github.sparkbitbucket.testing.ScriptedServer.Answer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.api.BitbucketApiException.Kind;
import io.github.sparkbitbucket.config.BitbucketOptions;
import io.github.sparkbitbucket.testing.ScriptedServer.Answer;
import io.github.sparkbitbucket.testing.ScriptedServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OAuth 2.0 against a token endpoint that behaves like Bitbucket's: client-credentials and
 * refresh-token grants, refresh tokens that rotate (the old one stops working), tokens that
 * expire or are revoked (401).
 */
class OAuthTest {
  private static final String CLIENT_ID = "consumer-key";
  private static final String CLIENT_SECRET = "CANARY-client-secret-77";
  private static final String FIRST_REFRESH = "CANARY-refresh-0";

  private ScriptedServer server;
  private final AtomicInteger issued = new AtomicInteger();
  private final Set<String> validAccess = ConcurrentHashMap.newKeySet();
  private final Set<String> validRefresh = ConcurrentHashMap.newKeySet();
  private final List<String> grantsSeen = new ArrayList<>();
  private volatile int expiresIn = 7200;

  @BeforeEach
  void start() throws IOException {
    server = new ScriptedServer();
    validRefresh.add(FIRST_REFRESH);
    server.handler("/site/oauth2/access_token", this::token);
    server.handler("/2.0/user", seen -> validAccess.contains(bearer(seen.authorization()))
        ? json(200, "{\"display_name\":\"Ada\"}")
        : json(401, "{\"type\":\"error\",\"error\":{\"message\":\"Access token expired.\"}}"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private synchronized Answer token(ScriptedServer.Seen seen) {
    String expected = "Basic " + Base64.getEncoder().encodeToString(
        (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(seen.authorization())) {
      return json(401, "{\"error\":\"invalid_client\",\"error_description\":\"bad client\"}");
    }
    Map<String, String> form = new HashMap<>();
    for (String pair : seen.body().split("&")) {
      String[] kv = pair.split("=", 2);
      form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    String grant = form.get("grant_type");
    grantsSeen.add(grant);
    if (grant.equals("refresh_token") && !validRefresh.remove(form.get("refresh_token"))) {
      return json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid refresh "
          + "token\"}");
    }
    int n = issued.incrementAndGet();
    String access = "CANARY-access-" + n;
    String refresh = "CANARY-refresh-" + n;
    validAccess.add(access);
    validRefresh.add(refresh);
    return json(200, "{\"access_token\":\"" + access + "\",\"scopes\":\"account\","
        + "\"expires_in\":" + expiresIn + ",\"refresh_token\":\"" + refresh + "\","
        + "\"token_type\":\"bearer\"}");
  }

  private static String bearer(String header) {
    return header == null || !header.startsWith("Bearer ") ? "" : header.substring(7);
  }

  private BitbucketClient client(boolean withRefreshToken) {
    Map<String, String> options = new HashMap<>(Map.of("endpoint", server.base() + "/2.0",
        "oauthTokenUrl", server.base() + "/site/oauth2/access_token",
        "oauthClientId", CLIENT_ID, "oauthClientSecret", CLIENT_SECRET, "maxRetries", "2"));
    if (withRefreshToken) {
      options.put("oauthRefreshToken", FIRST_REFRESH);
    }
    return BitbucketClient.create(BitbucketOptions.parse(options), Backoff.fast());
  }

  private OAuthCredentials credentials(BitbucketClient client) {
    return (OAuthCredentials) client.credentials();
  }

  @Test
  void clientCredentialsGrantGivesABearerTokenUsedUntilItIsRejected() {
    try (BitbucketClient client = client(false)) {
      assertEquals("Ada", client.get("/user").json().get("display_name").asText());
      client.get("/user").json();
      assertEquals(1, credentials(client).grants());
      assertEquals(List.of("client_credentials"), grantsSeen);

      validAccess.clear(); // the token expired early: a 401, one renewal, the request passes
      assertEquals("Ada", client.get("/user").json().get("display_name").asText());
      assertEquals(2, credentials(client).grants());
      assertEquals(4, server.count("/2.0/user")); // 3 that passed, 1 rejected with 401
      assertEquals(2, server.count("/site/oauth2/access_token"));
    }
  }

  @Test
  void refreshTokensRotateAndTheNewestIsUsed() {
    try (BitbucketClient client = client(true)) {
      client.get("/user").json();
      validAccess.clear();
      client.get("/user").json(); // needs CANARY-refresh-1, since CANARY-refresh-0 was spent
      validAccess.clear();
      client.get("/user").json(); // needs CANARY-refresh-2
      assertEquals(List.of("refresh_token", "refresh_token", "refresh_token"), grantsSeen);
      assertEquals(3, credentials(client).grants());
      assertFalse(validRefresh.contains(FIRST_REFRESH));
    }
  }

  @Test
  void aSpentRefreshTokenFailsWithAdviceAndNoSecret() {
    validRefresh.clear();
    try (BitbucketClient client = client(true)) {
      BitbucketApiException e = assertThrows(BitbucketApiException.class,
          () -> client.get("/user").json());
      assertEquals(Kind.UNAUTHORIZED, e.kind());
      assertTrue(e.getMessage().contains("rotate on use"), e.getMessage());
      assertTrue(e.getMessage().contains("invalid_grant"), e.getMessage());
      assertFalse(e.getMessage().contains("CANARY"), e.getMessage());
      assertEquals(1, server.count("/site/oauth2/access_token"), "a 400 grant is not retried");
    }
  }

  @Test
  void aTokenIsRenewedBeforeItExpires() {
    expiresIn = 1; // renewed when half its life is left: after 0.5 s
    try (BitbucketClient client = client(false)) {
      client.get("/user").json();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (credentials(client).grants() < 2 && System.nanoTime() < deadline) {
        client.get("/user").json(); // the server never rejects: renewal is proactive
      }
      assertEquals(2, credentials(client).grants());
      assertEquals(0, server.seen().stream().filter(s -> s.path().equals("/2.0/user")
          && !validAccess.contains(bearer(s.authorization()))).count());
    }
  }

  @Test
  void oneRenewalAtATimeAndEveryThreadReusesIt() throws Exception {
    try (BitbucketClient client = client(true)) {
      int threads = 16;
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        calls.add(pool.submit(() -> {
          start.await();
          return client.get("/user").json();
        }));
      }
      start.countDown();
      for (Future<?> call : calls) {
        call.get();
      }
      pool.shutdown();
      assertEquals(1, credentials(client).grants());
      assertEquals(1, server.count("/site/oauth2/access_token"));
      assertEquals(threads, server.count("/2.0/user"));
    }
  }
}
