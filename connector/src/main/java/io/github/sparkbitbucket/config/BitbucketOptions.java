package io.github.sparkbitbucket.config;

import java.io.Serializable;
import java.util.Map;

/**
 * Every option of the connector (SPEC section 2), parsed once on the driver, validated, immutable
 * and Serializable so that it travels to executors. Keys are case-insensitive. {@link #toString()}
 * never shows a secret.
 */
public final class BitbucketOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Parses options; later maps take precedence (e.g. catalog options, then per-query options).
   * Unknown keys, bad values and zero or several authentication methods are refused with an
   * {@link IllegalArgumentException} that names the option and says what to do.
   */
  @SafeVarargs
  public static BitbucketOptions parse(Map<String, String>... layers) {
    throw new UnsupportedOperationException("TODO");
  }
}
