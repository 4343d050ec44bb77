package io.github.sparkbitbucket.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/**
 * One incoming request, independent of MockServer's model: method, path as received, decoded
 * query parameters (in order), headers (lower-case names) and the body text.
 */
final class ApiRequest {
  private final String method;
  private final String path;
  private final Map<String, List<String>> query;
  private final Map<String, String> headers;
  private final String body;
  private Map<String, List<String>> form;

  ApiRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
      String body) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.headers = headers;
    this.body = body == null ? "" : body;
  }

  String method() {
    return method;
  }

  String path() {
    return path;
  }

  Map<String, List<String>> query() {
    return query;
  }

  String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  String body() {
    return body;
  }

  boolean isWrite() {
    return !"GET".equals(method) && !"HEAD".equals(method);
  }

  /** The first value of a query parameter, or null. */
  String param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  List<String> params(String name) {
    return query.getOrDefault(name, List.of());
  }

  /** An integer query parameter; a value that is not a number is the real API's 400. */
  int intParam(String name, int defaultValue) {
    String v = param(name);
    if (v == null || v.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("Invalid " + name + ": '" + v + "' is not a number");
    }
  }

  /** Form fields of an {@code application/x-www-form-urlencoded} body. */
  Map<String, List<String>> form() {
    if (form == null) {
      form = parseForm(body);
    }
    return form;
  }

  String formField(String name) {
    List<String> values = form().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  boolean isForm() {
    String ct = header("content-type");
    return ct != null && ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  static Map<String, List<String>> parseForm(String text) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(v);
    }
    return out;
  }

  /** The query as an unmodifiable copy, for the request log. */
  Map<String, List<String>> queryCopy() {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    for (Entry<String, List<String>> e : query.entrySet()) {
      copy.put(e.getKey(), List.copyOf(e.getValue()));
    }
    return Collections.unmodifiableMap(copy);
  }
}
