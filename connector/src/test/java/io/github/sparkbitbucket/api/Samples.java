package io.github.sparkbitbucket.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the real recorded API responses copied into test resources. */
final class Samples {
  private Samples() {}

  static byte[] bytes(String path) {
    try (InputStream in = Samples.class.getResourceAsStream("/samples/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("No sample " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
