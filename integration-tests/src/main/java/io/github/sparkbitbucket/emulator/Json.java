package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The emulator's one Jackson mapper and small JSON conveniences. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise JSON", e);
    }
  }

  /** Parses a request body; a body that is not a JSON object is the caller's 400. */
  static ObjectNode parseObject(String body) {
    if (body == null || body.isBlank()) {
      return object();
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node instanceof ObjectNode o) {
        return o;
      }
    } catch (JsonProcessingException e) {
      // fall through to the 400 below
    }
    throw new ApiException(ApiResponse.error(400, "Bad request", "The request body is not a JSON object"));
  }

  /** Walks a dotted path ("source.branch.name"); missing steps give a missing node. */
  static JsonNode at(JsonNode node, String dottedPath) {
    JsonNode cur = node;
    for (String part : dottedPath.split("\\.")) {
      if (cur == null) {
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
      }
      cur = cur.get(part);
    }
    return cur == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : cur;
  }

  static String text(JsonNode node, String dottedPath) {
    JsonNode v = at(node, dottedPath);
    return v.isValueNode() && !v.isNull() ? v.asText() : null;
  }
}
