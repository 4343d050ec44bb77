package io.github.sparkbitbucket.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Headers;

/**
 * Reads the real recorded API responses copied into test resources, and makes responses as the
 * client buffers them.
 */
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

  /** A JSON response whose body is the recorded error {@code samples/errors/<sample>}. */
  static HttpResult json(int status, String sample) {
    return new HttpResult(status, Headers.of("Content-Type", "application/json"),
        bytes("errors/" + sample));
  }

  /** A response with this content type and body. */
  static HttpResult text(int status, String type, String body) {
    return new HttpResult(status, Headers.of("Content-Type", type),
        body.getBytes(StandardCharsets.UTF_8));
  }
}
