package io.github.sparkbitbucket.api;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Removes known credential values from text that may reach an exception message (response body
 * excerpts, I/O error texts): a server or proxy echoing a token must not leak it.
 */
final class Redactor {
  private final Set<String> secrets = new CopyOnWriteArraySet<>();

  void add(String secret) {
    if (secret != null && secret.length() >= 4) {
      secrets.add(secret);
    }
  }

  String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, "***");
    }
    return result;
  }
}
