package io.github.sparkbitbucket.emulator;

/**
 * The fixed credentials an emulator accepts (documented in EMULATOR.md). {@link #toString()}
 * hides every secret.
 *
 * @param token full-scope access token (Bearer)
 * @param readOnlyToken token without write scopes and without the pipeline scope (403 on those)
 * @param email account email for Basic auth
 * @param apiToken Atlassian API token for Basic {@code email:apiToken}
 * @param oauthClientId OAuth consumer key
 * @param oauthClientSecret OAuth consumer secret
 * @param refreshToken the first valid refresh token (rotates on use)
 */
public record Credentials(String token, String readOnlyToken, String email, String apiToken,
    String oauthClientId, String oauthClientSecret, String refreshToken) {

  /** The defaults every emulator starts with. */
  public static Credentials defaults() {
    return new Credentials("emu-token-full-0001", "emu-token-read-0001", "dev@acme.example",
        "emu-api-token-0001", "emu-client-id", "emu-client-secret", "emu-refresh-0001");
  }

  @Override
  public String toString() {
    return "Credentials[email=" + email + ", oauthClientId=" + oauthClientId + ", secrets hidden]";
  }
}
