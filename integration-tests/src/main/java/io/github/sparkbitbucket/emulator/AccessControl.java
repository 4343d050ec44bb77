package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may call the emulator, with which scopes: the fixed tokens, Basic {@code email:apiToken},
 * and the OAuth 2.0 token endpoint (client credentials, refresh tokens that rotate, access tokens
 * that expire after {@link Faults#tokenTtl()}).
 */
final class AccessControl {
  /** Every scope a full token holds, in the order Bitbucket lists them. */
  static final List<String> FULL_SCOPES = List.of("account", "repository", "repository:write",
      "repository:admin", "repository:delete", "project", "project:admin", "pullrequest",
      "pullrequest:write", "issue", "issue:write", "pipeline", "pipeline:write", "webhook");
  /** The read-only token: no write scope and no pipeline scope. */
  static final List<String> READ_SCOPES = List.of("account", "repository", "project", "pullrequest", "issue");

  /** The caller of one request and what it may do. */
  record Principal(List<String> scopes) {
    boolean has(String scope) {
      return scopes.contains(scope);
    }
  }

  private record IssuedToken(List<String> scopes, long expiresAtMillis) {}

  private final Credentials credentials;
  private final Faults faults;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, IssuedToken> accessTokens = new ConcurrentHashMap<>();
  private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();

  AccessControl(Credentials credentials, Faults faults) {
    this.credentials = credentials;
    this.faults = faults;
    refreshTokens.add(credentials.refreshToken());
  }

  /** The caller of the request, or a 401 exactly as Bitbucket answers one. */
  Principal authenticate(ApiRequest request) {
    String auth = request.header("authorization");
    if (auth == null || auth.isBlank()) {
      throw unauthorized("This API is only accessible with the following authentication types: session, password, apppassword, api_token, repository_access_token, workspace_access_token, project_access_token, jwt");
    }
    if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = auth.substring(7).trim();
      if (token.equals(credentials.token())) {
        return new Principal(FULL_SCOPES);
      }
      if (token.equals(credentials.readOnlyToken())) {
        return new Principal(READ_SCOPES);
      }
      IssuedToken issued = accessTokens.get(token);
      if (issued != null) {
        if (System.currentTimeMillis() < issued.expiresAtMillis()) {
          return new Principal(issued.scopes());
        }
        accessTokens.remove(token);
        throw unauthorized("Access token expired. Use your refresh token to obtain a new access token.");
      }
      throw unauthorized("Token is invalid, expired, or not supported for this endpoint.");
    }
    if (auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      String[] pair = decodeBasic(auth);
      if (pair != null && pair[0].equals(credentials.email()) && pair[1].equals(credentials.apiToken())) {
        return new Principal(FULL_SCOPES);
      }
      throw unauthorized("Invalid credentials");
    }
    throw unauthorized("Unsupported authorization scheme");
  }

  /** 403 with the real scope detail ({@code required}/{@code granted}) when the scope is missing. */
  static void requireScope(Principal principal, String scope) {
    if (principal.has(scope)) {
      return;
    }
    ObjectNode detail = Json.object();
    detail.putArray("required").add(scope);
    ArrayNode granted = detail.putArray("granted");
    principal.scopes().forEach(granted::add);
    throw new ApiException(ApiResponse.error(403,
        "Your credentials lack one or more required privilege scopes.", detail));
  }

  /** {@code POST /site/oauth2/access_token}: form body, client auth by Basic or form fields. */
  ApiResponse tokenEndpoint(ApiRequest request) {
    if (!"POST".equals(request.method())) {
      return oauthError(405, "invalid_request", "The token endpoint only accepts POST");
    }
    String clientId = request.formField("client_id");
    String clientSecret = request.formField("client_secret");
    String auth = request.header("authorization");
    if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      String[] pair = decodeBasic(auth);
      if (pair != null) {
        clientId = pair[0];
        clientSecret = pair[1];
      }
    }
    if (!credentials.oauthClientId().equals(clientId) || !credentials.oauthClientSecret().equals(clientSecret)) {
      return oauthError(401, "invalid_client", "Invalid OAuth client credentials");
    }
    String grant = request.formField("grant_type");
    if ("client_credentials".equals(grant)) {
      return issue();
    }
    if ("refresh_token".equals(grant)) {
      String refresh = request.formField("refresh_token");
      // Rotation: a refresh token works once; the answer carries its successor.
      if (refresh == null || !refreshTokens.remove(refresh)) {
        return oauthError(400, "invalid_grant", "Invalid refresh_token");
      }
      return issue();
    }
    return oauthError(400, "unsupported_grant_type", "Unsupported grant type: " + grant);
  }

  private ApiResponse issue() {
    String access = "emu-oauth-" + randomToken();
    String refresh = "emu-refresh-" + randomToken();
    long ttlSeconds = faults.tokenTtl().toSeconds();
    accessTokens.put(access, new IssuedToken(FULL_SCOPES, System.currentTimeMillis() + faults.tokenTtl().toMillis()));
    refreshTokens.add(refresh);
    ObjectNode body = Json.object();
    body.put("access_token", access);
    body.put("scopes", String.join(" ", FULL_SCOPES));
    body.put("expires_in", ttlSeconds);
    body.put("refresh_token", refresh);
    body.put("token_type", "bearer");
    body.put("state", "client_credentials");
    return ApiResponse.json(200, body);
  }

  private String randomToken() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static ApiResponse oauthError(int status, String error, String description) {
    ObjectNode body = Json.object();
    body.put("error", error);
    body.put("error_description", description);
    return ApiResponse.json(status, body);
  }

  private static ApiException unauthorized(String message) {
    return new ApiException(ApiResponse.error(401, message, null)
        .withHeader("WWW-Authenticate", "Bearer realm=\"Bitbucket.org HTTP\""));
  }

  private static String[] decodeBasic(String header) {
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
