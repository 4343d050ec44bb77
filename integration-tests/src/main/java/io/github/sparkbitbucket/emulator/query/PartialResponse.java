package io.github.sparkbitbucket.emulator.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code fields=} parameter (partial responses), applied to a finished response body.
 *
 * <ul>
 *   <li>{@code -links}, {@code -values.*.links}: remove fields, keep the rest;</li>
 *   <li>{@code +values.owner}: add fields, keep the rest (the emulator already serves full objects, so this
 *       only matters after a removal, e.g. {@code -*,+foo});</li>
 *   <li>{@code values.id,values.state}: if any entry has no sign, the response starts empty and holds only the
 *       listed fields. On an envelope that drops {@code next}, {@code page}, {@code size}, {@code pagelen} and
 *       {@code previous} unless listed, exactly as the real API does (clients that page must ask for
 *       {@code next});</li>
 *   <li>{@code *} matches every field on its level; paths go through arrays element by element.</li>
 * </ul>
 * Entries apply left to right; unknown fields are ignored, like the real API. Key order follows the body.
 */
public final class PartialResponse {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PartialResponse() {
  }

  /**
   * @param body   the full response body (not modified)
   * @param fields the raw {@code fields} parameter, URL-decoded; null or empty returns {@code body} itself
   * @return a new body with the selection applied
   * @throws BbqlException when an entry has an empty path segment (e.g. {@code values..id})
   */
  public static JsonNode apply(JsonNode body, String fields) {
    if (fields == null || fields.isEmpty() || !body.isObject()) {
      return body;
    }
    List<FieldSpec> specs = FieldSpec.parseAll(fields);
    if (specs.isEmpty()) {
      return body;
    }
    if (specs.stream().allMatch(s -> s.mode() == FieldSpec.Mode.ONLY
        && !s.segments().contains(FieldSpec.WILDCARD))) {
      return select((ObjectNode) body, PathTree.of(specs)); // what clients send: one walk
    }
    return applyInOrder(body, specs);
  }

  /** The general case: entries one by one, left to right. */
  static JsonNode applyInOrder(JsonNode body, List<FieldSpec> specs) {
    boolean onlyListed = specs.stream().anyMatch(s -> s.mode() == FieldSpec.Mode.ONLY);
    ObjectNode result = onlyListed ? NODES.objectNode() : ((ObjectNode) body).deepCopy();
    for (FieldSpec spec : specs) {
      if (spec.mode() == FieldSpec.Mode.REMOVE) {
        remove(result, spec, 0);
      } else {
        include((ObjectNode) body, result, spec, 0);
      }
    }
    return orderLike(result, body);
  }

  /**
   * Listed paths without wildcards, merged into one tree: the same result as applying them one by
   * one (a path that ends on a field takes all of it, objects that end up empty are left out,
   * arrays keep their length), in one walk of the body in its own key order.
   */
  private static final class PathTree {
    final Map<String, PathTree> children = new HashMap<>();
    boolean whole;

    static PathTree of(List<FieldSpec> specs) {
      PathTree root = new PathTree();
      for (FieldSpec spec : specs) {
        PathTree node = root;
        for (String segment : spec.segments()) {
          node = node.children.computeIfAbsent(segment, k -> new PathTree());
        }
        node.whole = true;
      }
      return root;
    }
  }

  private static ObjectNode select(ObjectNode source, PathTree tree) {
    ObjectNode out = NODES.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      PathTree sub = tree.children.get(field.getKey());
      if (sub == null) {
        continue;
      }
      JsonNode child = field.getValue();
      if (sub.whole || child.isNull()) {
        out.set(field.getKey(), child.deepCopy());
      } else if (child.isObject()) {
        ObjectNode selected = select((ObjectNode) child, sub);
        if (!selected.isEmpty()) {
          out.set(field.getKey(), selected);
        }
      } else if (child.isArray()) {
        ArrayNode selected = out.putArray(field.getKey());
        for (JsonNode element : child) {
          selected.add(element.isObject() ? select((ObjectNode) element, sub) : element.deepCopy());
        }
      }
    }
    return out;
  }

  /** Copies what {@code spec} selects from {@code source} into {@code target}, its counterpart in the result. */
  private static void include(ObjectNode source, ObjectNode target, FieldSpec spec, int index) {
    for (String name : names(source, spec.segments().get(index))) {
      JsonNode child = source.get(name);
      if (spec.isLast(index) || child.isNull() || (child.isValueNode() && spec.onlyWildcardsFrom(index + 1))) {
        target.set(name, child.deepCopy());
      } else if (child.isObject()) {
        includeInObject((ObjectNode) child, target, name, spec, index + 1);
      } else if (child.isArray()) {
        includeInArray((ArrayNode) child, arrayChild(target, name, (ArrayNode) child), spec, index + 1);
      }
    }
  }

  private static void includeInArray(ArrayNode source, ArrayNode target, FieldSpec spec, int index) {
    for (int i = 0; i < source.size(); i++) {
      JsonNode element = source.get(i);
      if (element.isObject()) {
        include((ObjectNode) element, (ObjectNode) target.get(i), spec, index);
      }
    }
  }

  private static void remove(ObjectNode target, FieldSpec spec, int index) {
    for (String name : names(target, spec.segments().get(index))) {
      if (spec.isLast(index)) {
        target.remove(name);
        continue;
      }
      JsonNode child = target.get(name);
      if (child.isObject()) {
        remove((ObjectNode) child, spec, index + 1);
      } else if (child.isArray()) {
        for (JsonNode element : child) {
          if (element.isObject()) {
            remove((ObjectNode) element, spec, index + 1);
          }
        }
      }
    }
  }

  private static List<String> names(ObjectNode node, String segment) {
    List<String> names = new ArrayList<>();
    if (FieldSpec.WILDCARD.equals(segment)) {
      node.fieldNames().forEachRemaining(names::add);
    } else if (node.has(segment)) {
      names.add(segment);
    }
    return names;
  }

  /**
   * Includes into the result's counterpart of {@code source}; an object created only to hold the selection is
   * kept only if something was selected in it ({@code values.*.uuid} must not add empty {@code links}).
   */
  private static void includeInObject(ObjectNode source, ObjectNode parent, String name, FieldSpec spec, int index) {
    JsonNode existing = parent.get(name);
    if (existing != null && existing.isObject()) {
      include(source, (ObjectNode) existing, spec, index);
      return;
    }
    ObjectNode created = NODES.objectNode();
    include(source, created, spec, index);
    if (!created.isEmpty()) {
      parent.set(name, created);
    }
  }

  /** The result's counterpart of a source array: same length, objects as (initially empty) placeholders. */
  private static ArrayNode arrayChild(ObjectNode parent, String name, ArrayNode source) {
    JsonNode existing = parent.get(name);
    if (existing != null && existing.isArray() && existing.size() == source.size()) {
      return (ArrayNode) existing;
    }
    ArrayNode created = parent.putArray(name);
    for (JsonNode element : source) {
      created.add(element.isObject() ? NODES.objectNode() : element.deepCopy());
    }
    return created;
  }

  /** Rebuilds {@code result} with its keys in {@code body}'s order, whatever order the entries were listed in. */
  private static JsonNode orderLike(JsonNode result, JsonNode body) {
    if (result.isObject() && body.isObject()) {
      ObjectNode ordered = NODES.objectNode();
      for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        JsonNode value = result.get(name);
        if (value != null) {
          ordered.set(name, orderLike(value, body.get(name)));
        }
      }
      return ordered;
    }
    if (result.isArray() && body.isArray() && result.size() == body.size()) {
      ArrayNode ordered = NODES.arrayNode(result.size());
      for (int i = 0; i < result.size(); i++) {
        ordered.add(orderLike(result.get(i), body.get(i)));
      }
      return ordered;
    }
    return result;
  }
}
