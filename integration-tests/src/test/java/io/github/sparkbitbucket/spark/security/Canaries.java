package io.github.sparkbitbucket.spark.security;

import io.github.sparkbitbucket.emulator.BitbucketEmulator;
import io.github.sparkbitbucket.emulator.Credentials;
import io.github.sparkbitbucket.emulator.Dataset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Canary secrets, one per secret option, that an emulator accepts as its real credentials: every
 * request authenticates, so each secret travels through the whole connector, and any place that
 * prints one is caught by {@link #leaksIn}.
 */
final class Canaries {
  static final String TOKEN = "CANARY-token-5a1f0c";
  static final String API_TOKEN = "CANARY-apitoken-8be2d4";
  static final String CLIENT_SECRET = "CANARY-clientsecret-3c97aa";
  static final String REFRESH_TOKEN = "CANARY-refresh-e61b05";
  static final String EMAIL = "dev@acme.example";
  static final String CLIENT_ID = "emu-client-id";
  static final String WS = "acme";

  private Canaries() {}

  /** An emulator (small dataset) whose credentials are the canaries. */
  static BitbucketEmulator emulator() {
    return BitbucketEmulator.builder().port(0).seed(7L).dataset(Dataset.small())
        .credentials(new Credentials(TOKEN, "emu-token-read-0001", EMAIL, API_TOKEN, CLIENT_ID,
            CLIENT_SECRET, REFRESH_TOKEN))
        .start();
  }

  /** Options for each way of authenticating, every one with its canary, keyed by a label. */
  static Map<String, Map<String, String>> authMethods(BitbucketEmulator emu) {
    Map<String, Map<String, String>> m = new LinkedHashMap<>();
    m.put("token", Map.of("token", TOKEN));
    m.put("apiToken", Map.of("email", EMAIL, "apiToken", API_TOKEN));
    m.put("oauthClientSecret", Map.of("oauthClientId", CLIENT_ID,
        "oauthClientSecret", CLIENT_SECRET, "oauthTokenUrl", emu.oauthTokenUrl()));
    m.put("oauthRefreshToken", Map.of("oauthClientId", CLIENT_ID,
        "oauthClientSecret", CLIENT_SECRET, "oauthRefreshToken", REFRESH_TOKEN,
        "oauthTokenUrl", emu.oauthTokenUrl()));
    return m;
  }

  /** Every form a canary could leak in: raw, and inside the Basic header's base64. */
  static List<String> needles() {
    String basic = Base64.getEncoder().encodeToString(
        (EMAIL + ":" + API_TOKEN).getBytes(StandardCharsets.UTF_8));
    String client = Base64.getEncoder().encodeToString(
        (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    return List.of(TOKEN, API_TOKEN, CLIENT_SECRET, REFRESH_TOKEN, basic, client,
        // the secrets' distinctive middles: a value cut or re-encoded still shows them
        "5a1f0c", "8be2d4", "3c97aa", "e61b05");
  }

  /** The needles found in {@code text}: empty when nothing leaked. */
  static List<String> leaksIn(String text) {
    List<String> found = new ArrayList<>();
    for (String n : needles()) {
      if (text.contains(n)) {
        found.add(n);
      }
    }
    return found;
  }
}
