package io.github.sparkbitbucket.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A Bearer token or Basic {@code email:apiToken}: the same header every time. */
final class StaticCredentials implements Credentials {
  private final String header;

  private StaticCredentials(String header) {
    this.header = header;
  }

  static StaticCredentials bearer(String token) {
    return new StaticCredentials("Bearer " + token);
  }

  static StaticCredentials basic(String user, String password) {
    return new StaticCredentials(basicHeader(user, password));
  }

  static String basicHeader(String user, String password) {
    return "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String authorization(RequestStats stats) {
    return header;
  }

  @Override
  public boolean renewAfterUnauthorized(String rejected, RequestStats stats) {
    return false;
  }

  @Override
  public String toString() {
    return "StaticCredentials[***]";
  }
}
