package io.github.sparkbitbucket.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bitbucket's error body, {@code {"type":"error","error":{"message","detail","fields"}}}, or an
 * OAuth token endpoint error {@code {"error":"invalid_grant","error_description":"..."}}.
 * {@code detail} is a string or, for missing scopes, {@code {"required":[...],"granted":[...]}};
 * {@code fields} maps a field to a message or a list of messages.
 */
record ErrorBody(String message, JsonNode detail, JsonNode fields) {

  static Optional<ErrorBody> parse(byte[] body, ObjectMapper mapper) {
    if (body.length == 0 || body.length > 1 << 20) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (IOException e) {
      return Optional.empty(); // HTML pages, plain text 429s...
    }
    if (root == null || !root.isObject()) {
      return Optional.empty();
    }
    JsonNode error = root.get("error");
    if (error != null && error.isObject()) {
      return Optional.of(new ErrorBody(text(error.get("message")), error.get("detail"),
          error.get("fields")));
    }
    if (error != null && error.isTextual()) { // OAuth 2.0 token endpoint (RFC 6749 section 5.2)
      String description = text(root.get("error_description"));
      return Optional.of(new ErrorBody(error.asText()
          + (description == null ? "" : ": " + description), null, null));
    }
    return Optional.empty();
  }

  /** Scopes from a 403's detail, e.g. {@code ["project"]}. */
  List<String> requiredScopes() {
    return strings(detail == null ? null : detail.get("required"));
  }

  List<String> grantedScopes() {
    return strings(detail == null ? null : detail.get("granted"));
  }

  /** The detail when it is text. */
  String detailText() {
    return detail != null && detail.isTextual() ? detail.asText() : null;
  }

  /** {@code field: message} pairs from {@code fields}, e.g. {@code source: branch not found}. */
  List<String> fieldMessages() {
    List<String> out = new ArrayList<>();
    if (fields == null || !fields.isObject()) {
      return out;
    }
    for (Map.Entry<String, JsonNode> field : fields.properties()) {
      List<String> messages = field.getValue().isArray() ? strings(field.getValue())
          : List.of(field.getValue().asText());
      out.add(field.getKey() + ": " + String.join("; ", messages));
    }
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
