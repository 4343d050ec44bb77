package io.github.sparkbitbucket.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the kinds of option values; each throws IllegalArgumentException on bad input. */
final class OptionValues {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern SLUG = Pattern.compile("[^\\s/?#]+");

  private OptionValues() {}

  static Function<String, Integer> intRange(int min, int max) {
    return raw -> {
      int value;
      try {
        value = Integer.parseInt(raw);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an integer");
      }
      if (value < min || value > max) {
        throw new IllegalArgumentException("out of range");
      }
      return value;
    };
  }

  static Boolean bool(String raw) {
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not a boolean");
    };
  }

  /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}; from 1 ms to 1 hour. */
  static Duration duration(String raw) {
    Matcher m = DURATION.matcher(raw);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration with a unit");
    }
    long amount = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
    if (d.isZero() || d.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("out of range");
    }
    return d;
  }

  static String slug(String raw) {
    if (!SLUG.matcher(raw).matches()) {
      throw new IllegalArgumentException("contains a space, '/', '?' or '#'");
    }
    if (raw.equals(".") || raw.equals("..")) {
      throw new IllegalArgumentException("'.' and '..' are not names");
    }
    return raw;
  }

  static List<String> slugList(String raw) {
    List<String> slugs = new ArrayList<>();
    for (String part : raw.split(",", -1)) {
      String slug = part.trim();
      if (slug.isEmpty()) {
        throw new IllegalArgumentException("an empty slug in the list");
      }
      slugs.add(slug(slug));
    }
    return List.copyOf(slugs);
  }

  /**
   * An absolute http(s) URL without credentials, query or fragment, trailing '/' removed. Plain
   * http is only accepted for loopback hosts (the emulator, a local proxy): anything else would
   * send credentials in clear text.
   */
  static String httpUrl(String raw) {
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException("not an http(s) URL");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("credentials in the URL; use the auth options instead");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("a query or fragment");
    }
    if (scheme.equals("http") && !isLoopback(uri.getHost())) {
      throw new IllegalArgumentException(
          "plain http is refused for a non-loopback host: it would send credentials in clear text;"
              + " use https");
    }
    String url = raw;
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    return url;
  }

  /** localhost, 127.0.0.0/8 or ::1, judged from the literal (no DNS lookup). */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost")) {
      return true;
    }
    boolean ipv4 = h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean ipv6 = h.contains(":") && h.matches("[0-9a-f:.]+");
    if (!ipv4 && !ipv6) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress(); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
