package io.github.sparkbitbucket.api;

import java.nio.charset.StandardCharsets;
import okhttp3.Headers;

/** A complete HTTP response, its body buffered so that parsing can be retried as a whole. */
record HttpResult(int status, Headers headers, byte[] body) {
  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  String contentType() {
    String type = headers.get("Content-Type");
    return type == null ? "none" : type;
  }

  /** The first ~200 bytes, printable, for error messages about unexpected bodies. */
  String excerpt() {
    int n = Math.min(body.length, 200);
    String text = new String(body, 0, n, StandardCharsets.UTF_8)
        .replaceAll("[\\p{Cntrl}&&[^\\t]]", " ").replaceAll("\\s+", " ").trim();
    return body.length > n ? text + "..." : text;
  }
}
