package io.github.sparkbitbucket.spark;

/**
 * The test-only system property {@code sparkbitbucket.backoff.scale}: clients built while it is
 * set wait shorter between retries. A test sets it, builds its client, and puts back what was
 * there, so that clients other test classes build later keep the production delays.
 */
public final class BackoffScale {
  private static final String PROPERTY = "sparkbitbucket.backoff.scale";

  private BackoffScale() {}

  /** Sets the scale (e.g. {@code "0.01"}); returns the value it replaced, or null. */
  public static String set(String scale) {
    return System.setProperty(PROPERTY, scale);
  }

  /** Puts back the value {@link #set} replaced (null: none, so the property is cleared). */
  public static void restore(String before) {
    if (before == null) {
      System.clearProperty(PROPERTY);
    } else {
      System.setProperty(PROPERTY, before);
    }
  }
}
