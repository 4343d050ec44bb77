package io.github.sparkbitbucket.api;

import java.util.Locale;
import okhttp3.HttpUrl;

/** Scheme, host and port: credentials are only ever sent to the origin they belong to. */
record Origin(String scheme, String host, int port) {
  static Origin of(HttpUrl url) {
    return new Origin(url.scheme(), url.host().toLowerCase(Locale.ROOT), url.port());
  }

  @Override
  public String toString() {
    return scheme + "://" + host + ":" + port;
  }
}
