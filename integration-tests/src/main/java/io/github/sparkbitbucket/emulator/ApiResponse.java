package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: status, content type, body and extra headers. */
record ApiResponse(int status, String contentType, byte[] body, JsonNode json, Map<String, String> headers) {

  static final String JSON = "application/json; charset=utf-8";

  /** A JSON response; the node is kept so that {@code fields=} can trim it before serialising. */
  static ApiResponse json(int status, JsonNode node) {
    return new ApiResponse(status, JSON, null, node, new LinkedHashMap<>());
  }

  static ApiResponse text(int status, String text) {
    return new ApiResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), null,
        new LinkedHashMap<>());
  }

  static ApiResponse noContent() {
    return new ApiResponse(204, null, new byte[0], null, new LinkedHashMap<>());
  }

  /** The real error shape: {@code {"type":"error","error":{"message":...,"detail":...}}}. */
  static ApiResponse error(int status, String message, Object detail) {
    ObjectNode body = Json.object();
    body.put("type", "error");
    ObjectNode error = body.putObject("error");
    error.put("message", message);
    if (detail instanceof String s) {
      error.put("detail", s);
    } else if (detail instanceof JsonNode n) {
      error.set("detail", n);
    }
    return json(status, body);
  }

  /** A 400 naming the offending field, as in samples/errors/error-badrequest-nobranch.json. */
  static ApiResponse fieldError(String field, String problem) {
    ApiResponse r = error(400, field + ": " + problem, null);
    ((ObjectNode) r.json().get("error")).putObject("fields").putArray(field).add(problem);
    return r;
  }

  ApiResponse withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  ApiResponse withJson(JsonNode replacement) {
    return new ApiResponse(status, contentType, body, replacement, headers);
  }

  byte[] bodyBytes() {
    return json != null ? Json.bytes(json) : body;
  }
}
