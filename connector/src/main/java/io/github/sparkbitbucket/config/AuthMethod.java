package io.github.sparkbitbucket.config;

/** How the connector authenticates; exactly one per set of options (SPEC section 2). */
public enum AuthMethod {
  /** {@code token}: sent as {@code Authorization: Bearer <token>}. */
  BEARER_TOKEN,
  /** {@code email} + {@code apiToken}: sent as Basic {@code email:apiToken}. */
  API_TOKEN,
  /** {@code oauthClientId} + {@code oauthClientSecret}: OAuth 2.0 client-credentials grant. */
  OAUTH_CLIENT_CREDENTIALS,
  /** The consumer above plus {@code oauthRefreshToken}: refresh-token grant, tokens rotate. */
  OAUTH_REFRESH_TOKEN
}
