package io.github.sparkbitbucket.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps method and path to a handler. Patterns are slash-separated; {@code {name}} captures one
 * segment and a final {@code {name+}} captures the rest (branch names hold slashes). Each route
 * names the OAuth scope it needs ({@code null}: any authenticated caller).
 */
final class Router {
  /** Handles one request with the captured path variables. */
  @FunctionalInterface
  interface Handler {
    ApiResponse handle(ApiRequest request, Map<String, String> vars);
  }

  record Route(String method, String[] pattern, String scope, Handler handler) {}

  record Match(Route route, Map<String, String> vars) {}

  private final List<Route> routes = new ArrayList<>();

  Router add(String method, String pattern, String scope, Handler handler) {
    routes.add(new Route(method, split(pattern), scope, handler));
    return this;
  }

  /** The route for the request, or the API's 404 (no such path) / 405 (path without this method). */
  Match match(String method, String path) {
    String[] segments = split(path);
    boolean pathKnown = false;
    for (Route r : routes) {
      Map<String, String> vars = matchPattern(r.pattern(), segments);
      if (vars != null) {
        pathKnown = true;
        if (r.method().equals(method)) {
          return new Match(r, vars);
        }
      }
    }
    if (pathKnown) {
      throw new ApiException(ApiResponse.error(405, "Method not allowed",
          method + " is not supported on " + path));
    }
    throw new ApiException(ApiResponse.error(404, "Resource not found", "There is no API hosted at this URL"));
  }

  private static Map<String, String> matchPattern(String[] pattern, String[] segments) {
    Map<String, String> vars = null;
    for (int i = 0; i < pattern.length; i++) {
      String p = pattern[i];
      if (p.startsWith("{") && p.endsWith("+}")) {
        if (i >= segments.length) {
          return null;
        }
        vars = vars == null ? new HashMap<>() : vars;
        vars.put(p.substring(1, p.length() - 2),
            decode(String.join("/", java.util.Arrays.copyOfRange(segments, i, segments.length))));
        return vars;
      }
      if (i >= segments.length) {
        return null;
      }
      if (p.startsWith("{")) {
        vars = vars == null ? new HashMap<>() : vars;
        vars.put(p.substring(1, p.length() - 1), decode(segments[i]));
      } else if (!p.equals(segments[i])) {
        return null;
      }
    }
    if (pattern.length != segments.length) {
      return null;
    }
    return vars == null ? Map.of() : vars;
  }

  /** Percent-decoding of a path segment ('+' stays a plus, unlike form decoding). */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String[] split(String path) {
    String p = path;
    while (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.startsWith("/")) {
      p = p.substring(1);
    }
    return p.isEmpty() ? new String[0] : p.split("/");
  }
}
