package io.github.sparkbitbucket.emulator.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A dotted field path such as {@code source.branch.name}. Resolving it walks through arrays transparently, so
 * {@code reviewers.uuid} yields the uuid of every reviewer: BBQL and {@code fields=} both treat a path through a
 * list as "any element".
 */
final class FieldPath {
  private static final Pattern SEPARATOR = Pattern.compile("\\.");
  private final String text;
  private final String[] segments;

  FieldPath(String text) {
    this.text = text;
    this.segments = SEPARATOR.split(text, -1);
  }

  String text() {
    return text;
  }

  /**
   * Every value the path reaches in {@code root}; missing fields contribute nothing and JSON nulls are kept,
   * so an empty list means "absent". Arrays met on the way, or at the end, are flattened.
   */
  List<JsonNode> resolve(JsonNode root) {
    if (segments.length == 1) {
      // the common case (id, state, updated_on): one lookup, no intermediate lists; filters run
      // it on every row of a list for every page served
      JsonNode node = root.isObject() ? root.get(segments[0]) : null;
      if (node == null) {
        return List.of();
      }
      if (!node.isArray()) {
        return List.of(node);
      }
    }
    List<JsonNode> current = new ArrayList<>(1);
    current.add(root);
    for (String segment : segments) {
      List<JsonNode> next = new ArrayList<>(current.size());
      for (JsonNode node : current) {
        if (node.isObject()) {
          addFlattened(node.get(segment), next);
        }
      }
      if (next.isEmpty()) {
        return next;
      }
      current = next;
    }
    return current;
  }

  private static void addFlattened(JsonNode node, List<JsonNode> out) {
    if (node == null) {
      return;
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        addFlattened(element, out);
      }
    } else {
      out.add(node);
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
