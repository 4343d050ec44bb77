package io.github.sparkbitbucket.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkbitbucket.api.BitbucketApiException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;

/**
 * OAuth 2.0 access tokens from Bitbucket's token endpoint: the client-credentials grant, or the
 * refresh-token grant when a refresh token was given. Bitbucket rotates refresh tokens on use, so
 * the newest one is kept. A token is renewed shortly before it expires and once after a 401 that
 * shows it expired early. Only one renewal runs at a time (shared clients share one instance per
 * consumer and refresh token per JVM): other threads wait on the lock and reuse the result.
 */
final class OAuthCredentials implements Credentials {
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  private static final Duration MAX_MARGIN = Duration.ofSeconds(60);

  private final RequestExecutor executor;
  private final ObjectMapper mapper;
  private final Redactor redactor;
  private final HttpUrl tokenUrl;
  private final StaticCredentials consumer;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong grants = new AtomicLong();

  private volatile AccessToken current;
  private String refreshToken; // guarded by lock; null for the client-credentials grant

  /** An access token and when to stop using it. */
  private record AccessToken(String header, long renewAtNanos) {
    boolean isDue() {
      return System.nanoTime() - renewAtNanos >= 0;
    }
  }

  OAuthCredentials(RequestExecutor executor, ObjectMapper mapper, Redactor redactor,
      HttpUrl tokenUrl, String clientId, String clientSecret, String refreshToken) {
    this.executor = executor;
    this.mapper = mapper;
    this.redactor = redactor;
    this.tokenUrl = tokenUrl;
    this.consumer = StaticCredentials.basic(clientId, clientSecret);
    this.refreshToken = refreshToken;
  }

  /** How many tokens were obtained so far (for tests and metrics). */
  long grants() {
    return grants.get();
  }

  @Override
  public String authorization(RequestStats stats) {
    AccessToken token = current;
    if (token == null || token.isDue()) {
      token = renew(token, stats);
    }
    return token.header();
  }

  @Override
  public boolean renewAfterUnauthorized(String rejected, RequestStats stats) {
    AccessToken token = current;
    if (token != null && !token.header().equals(rejected)) {
      return true; // another thread renewed it meanwhile
    }
    renew(token, stats);
    return true;
  }

  private AccessToken renew(AccessToken seen, RequestStats stats) {
    lock.lock();
    try {
      AccessToken now = current;
      if (now != null && now != seen && !now.isDue()) {
        return now; // renewed by the thread we waited for
      }
      AccessToken fresh = requestToken(stats);
      current = fresh;
      return fresh;
    } finally {
      lock.unlock();
    }
  }

  private AccessToken requestToken(RequestStats stats) {
    FormBody.Builder form = new FormBody.Builder();
    boolean refreshGrant = refreshToken != null;
    if (refreshGrant) {
      form.add("grant_type", "refresh_token").add("refresh_token", refreshToken);
    } else {
      form.add("grant_type", "client_credentials");
    }
    byte[] body = ApiRequest.formBytes(form.build());
    HttpResult result;
    try {
      // A refresh-token grant is never repeated after a 5xx or I/O error: the server may have
      // spent the refresh token already. A 429 means nothing happened: safe to repeat.
      result = executor.run(new Exchange("POST", tokenUrl, body, FORM, consumer, stats,
          this::checkTokenResponse, !refreshGrant, !refreshGrant));
    } catch (BitbucketApiException e) {
      throw tokenFailure(e, refreshGrant);
    }
    JsonNode json;
    try {
      json = mapper.readTree(result.body());
    } catch (IOException e) {
      throw new IllegalStateException("checked before", e);
    }
    String access = json.get("access_token").asText();
    redactor.add(access);
    JsonNode rotated = json.get("refresh_token");
    if (rotated != null && rotated.isTextual() && !rotated.asText().isEmpty()) {
      refreshToken = rotated.asText(); // the old one stops working on Bitbucket
      redactor.add(refreshToken);
    } else if (refreshGrant) {
      refreshToken = null; // nothing to rotate to; fall back to the client-credentials grant
    }
    JsonNode expiresIn = json.get("expires_in");
    long lifetimeSeconds = expiresIn != null && expiresIn.canConvertToLong()
        ? Math.max(1, expiresIn.asLong()) : 3600;
    Duration lifetime = Duration.ofSeconds(lifetimeSeconds);
    // Renew when less than min(60 s, half the lifetime) is left, so a token is never sent at
    // the edge of its life, and a short-lived token is still used for a while.
    Duration margin = lifetime.dividedBy(2).compareTo(MAX_MARGIN) < 0
        ? lifetime.dividedBy(2) : MAX_MARGIN;
    grants.incrementAndGet();
    return new AccessToken("Bearer " + access,
        System.nanoTime() + lifetime.minus(margin).toNanos());
  }

  private void checkTokenResponse(byte[] body) throws IOException {
    JsonNode json = mapper.readTree(body);
    if (json == null || !json.hasNonNull("access_token")) {
      throw new IOException("no access_token in the token endpoint's answer");
    }
  }

  private BitbucketApiException tokenFailure(BitbucketApiException e, boolean refreshGrant) {
    if (e.kind() == Kind.BAD_REQUEST || e.kind() == Kind.UNAUTHORIZED
        || e.kind() == Kind.FORBIDDEN) {
      String advice = refreshGrant
          ? " Check 'oauthClientId' and 'oauthClientSecret', and that 'oauthRefreshToken' is the "
              + "newest one: Bitbucket refresh tokens rotate on use, so a refresh token that was "
              + "already used (by another job or JVM) no longer works."
          : " Check 'oauthClientId' and 'oauthClientSecret' (the OAuth consumer key and secret), "
              + "and that the consumer is private (client-credentials grant).";
      return new BitbucketApiException(Kind.UNAUTHORIZED, e.status(), e.method(), e.url(),
          redactor.redact("Could not obtain an OAuth access token from " + tokenUrl + " ("
              + e.status() + ")." + advice + " Details: " + e.getMessage()), null);
    }
    return e;
  }

  @Override
  public String toString() {
    return "OAuthCredentials[" + tokenUrl + ", ***]";
  }
}
