package io.github.sparkbitbucket.config;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A credential (token, API token, client secret, refresh token). Its {@link #toString()} is
 * {@code ***} so that it can never leak through logging, string concatenation or Spark's plan
 * printing; the value is only reachable through {@link #reveal()}, which the HTTP client calls
 * when it builds a request.
 */
public final class Secret implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps a credential value; blank values are refused by the option parser before this. */
  public static Secret of(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("A secret must not be empty");
    }
    return new Secret(value);
  }

  /** The credential itself: only for building the request that needs it. */
  public String reveal() {
    return value;
  }

  /**
   * A short, one-way fingerprint (first 16 hex digits of the SHA-256): identifies the credential
   * in connection keys and comparisons without disclosing it.
   */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "***";
  }
}
