package io.github.sparkbitbucket.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * The scopes each Bitbucket endpoint needs, read from the official OpenAPI document (the test
 * resource {@code openapi/bitbucket-openapi.json.gz}, a checked copy of the shared one): an
 * operation's {@code security} entry for scheme {@code oauth2} (the scopes of OAuth 2.0 consumers
 * and of repository, project and workspace access tokens) and its
 * {@code x-atlassian-oauth2-scopes} (the granular scopes of Atlassian API tokens).
 */
final class EndpointScopes {
  private static final String COPY = "/openapi/bitbucket-openapi.json.gz";

  /** Scopes of one operation; both lists empty when the document names none. */
  record Scopes(String method, String path, List<String> oauth, List<String> apiToken) {}

  private final Map<String, JsonNode> operations = new LinkedHashMap<>();

  private EndpointScopes(JsonNode document) {
    Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> p = paths.next();
      Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields();
      while (ops.hasNext()) {
        Map.Entry<String, JsonNode> op = ops.next();
        operations.put(op.getKey().toUpperCase(Locale.ROOT) + " " + normalize(p.getKey()),
            op.getValue());
      }
    }
  }

  static EndpointScopes load() {
    try (InputStream gz = Objects.requireNonNull(EndpointScopes.class.getResourceAsStream(COPY),
        COPY + " missing from the test resources")) {
      return new EndpointScopes(new ObjectMapper().readTree(new GZIPInputStream(gz)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the Bitbucket OpenAPI document", e);
    }
  }

  /**
   * The scopes of {@code method} on {@code pathTemplate} (the registry's form, e.g.
   * {@code /repositories/{ws}/{repo}/pullrequests/{key}}: placeholders' names do not matter).
   *
   * @throws IllegalArgumentException if the document has no such operation (the registry
   *     names an endpoint the API does not have)
   */
  Scopes of(String method, String pathTemplate) {
    JsonNode op = operations.get(method + " " + normalize(pathTemplate));
    if (op == null) {
      throw new IllegalArgumentException("The OpenAPI document has no " + method + " "
          + pathTemplate);
    }
    List<String> oauth = new ArrayList<>();
    for (JsonNode alternative : op.path("security")) {
      for (JsonNode scope : alternative.path("oauth2")) {
        oauth.add(scope.asText());
      }
    }
    List<String> granular = new ArrayList<>();
    for (JsonNode entry : op.path("x-atlassian-oauth2-scopes")) {
      for (JsonNode scope : entry.path("scopes")) {
        granular.add(scope.asText());
      }
    }
    return new Scopes(method, pathTemplate, oauth, granular);
  }

  /** {@code /a/{x}/b/} and {@code /a/{y}/b} are one path: placeholders and a final slash go. */
  private static String normalize(String path) {
    String p = path.replaceAll("\\?.*$", "").replaceAll("\\{[^}]*}", "{}");
    return p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
  }
}
