package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The shape of one or more JSON objects of the same kind: every field path ({@code author.links.avatar.href},
 * arrays as {@code reviewers[].uuid}) with the kinds of value seen there. Kinds refine strings by format, since a
 * client parses them: {@code uuid} ({@code {...}} in braces), {@code datetime} (ISO with offset),
 * {@code datetime-without-offset}, {@code url}, {@code hex(n)} (hashes of n digits), else {@code string}.
 *
 * <p>Comparing a recorded sample's shape with the emulator's gives the fidelity differences: a field the sample
 * has and the emulator lacks, a field the emulator invents, or a value of another kind or format. {@code null}
 * is compatible with every kind (the API uses it for absent optional values).
 */
final class JsonShape {
  private static final Pattern BRACED_UUID = Pattern.compile(
      "\\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\}");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{7,40}");
  private static final Pattern LOCAL_DATETIME = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");

  /** path -> kinds seen ("null" included) */
  private final Map<String, Set<String>> kinds = new TreeMap<>();

  private JsonShape() {
  }

  /** The union shape of {@code objects} (e.g. all {@code values} of a page, or all rows of a CSV sample). */
  static JsonShape of(Collection<? extends JsonNode> objects) {
    JsonShape shape = new JsonShape();
    for (JsonNode object : objects) {
      shape.walk(object, "");
    }
    return shape;
  }

  static JsonShape of(JsonNode object) {
    return of(List.of(object));
  }

  Set<String> paths() {
    return kinds.keySet();
  }

  Set<String> kindsAt(String path) {
    return kinds.getOrDefault(path, Set.of());
  }

  private void walk(JsonNode node, String path) {
    if (!path.isEmpty()) {
      kinds.computeIfAbsent(path, p -> new TreeSet<>()).add(kind(node));
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        walk(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        walk(element, path + "[]");
      }
    }
  }

  static String kind(JsonNode node) {
    switch (node.getNodeType()) {
      case NULL: return "null";
      case BOOLEAN: return "boolean";
      case OBJECT: return "object";
      case ARRAY: return "array";
      case NUMBER: return node.isIntegralNumber() ? "integer" : "number";
      case STRING: return stringKind(node.textValue());
      default: return node.getNodeType().name().toLowerCase();
    }
  }

  private static String stringKind(String text) {
    if (BRACED_UUID.matcher(text).matches()) {
      return "uuid";
    }
    if (HEX.matcher(text).matches() && (text.length() <= 12 || text.length() == 40)
        && (text.length() == 40 || text.chars().anyMatch(Character::isLetter))) {
      return "hex(" + text.length() + ")"; // git hashes: 40 digits, abbreviated to 7-12 in embedded commits
    }
    if (text.startsWith("http://") || text.startsWith("https://")) {
      return "url";
    }
    try {
      OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return "datetime";
    } catch (DateTimeParseException e) {
      return LOCAL_DATETIME.matcher(text).matches() ? "datetime-without-offset" : "string";
    }
  }

  /**
   * Every difference between this shape (the emulator's) and {@code expected} (a real sample's), one line each.
   *
   * @param ignored paths (prefixes, or {@code *.name} at any depth) not compared, e.g. fields removed from
   *     the API since the sample was recorded
   * @param reportExtra whether fields the emulator has and the sample lacks are differences (false when the
   *     sample is known to be trimmed or partial)
   */
  List<String> differencesFrom(JsonShape expected, Set<String> ignored, boolean reportExtra) {
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, Set<String>> entry : expected.kinds.entrySet()) {
      String path = entry.getKey();
      if (isIgnored(path, ignored)) {
        continue;
      }
      Set<String> actual = kinds.get(path);
      if (actual == null) {
        differences.add("missing " + path + " (sample: " + entry.getValue() + ")");
        continue;
      }
      Set<String> sampleKinds = nonNull(entry.getValue());
      Set<String> emulatorKinds = nonNull(actual);
      if (!sampleKinds.isEmpty() && !emulatorKinds.isEmpty() && !compatible(sampleKinds, emulatorKinds)) {
        differences.add("kind of " + path + ": sample " + sampleKinds + ", emulator " + emulatorKinds);
      }
    }
    if (reportExtra) {
      for (String path : kinds.keySet()) {
        // report the top of an invented subtree only, not each field below it
        boolean parentKnown = parentOf(path).isEmpty() || expected.kinds.containsKey(parentOf(path));
        if (!expected.kinds.containsKey(path) && parentKnown && !isIgnored(path, ignored)) {
          differences.add("extra " + path + " " + kinds.get(path) + " (no sample has it)");
        }
      }
    }
    return differences;
  }

  /** Compatible when every kind the emulator produces is one the sample shows, allowing generic strings. */
  private static boolean compatible(Set<String> sample, Set<String> emulator) {
    for (String kind : emulator) {
      if (sample.contains(kind) || sample.contains("string") && !kind.startsWith("datetime-without")) {
        continue;
      }
      if (kind.equals("integer") && sample.contains("number")) {
        continue; // a number field whose sample values happened to be fractional
      }
      return false;
    }
    return true;
  }

  private static Set<String> nonNull(Set<String> kinds) {
    Set<String> result = new TreeSet<>(kinds);
    result.remove("null");
    return result;
  }

  /** A pattern is a path prefix, or {@code *.name} for a field name at any depth. */
  private static boolean isIgnored(String path, Set<String> ignored) {
    for (String prefix : ignored) {
      if (prefix.startsWith("*.")) {
        String name = prefix.substring(2);
        if (path.equals(name) || path.endsWith("." + name) || path.contains("." + name + ".")
            || path.startsWith(name + ".") || path.contains("." + name + "[]") || path.startsWith(name + "[]")) {
          return true;
        }
        continue;
      }
      if (path.equals(prefix) || path.startsWith(prefix + ".") || path.startsWith(prefix + "[]")) {
        return true;
      }
    }
    return false;
  }

  private static String parentOf(String path) {
    String trimmed = path.endsWith("[]") ? path.substring(0, path.length() - 2) : path;
    if (trimmed.length() < path.length()) {
      return trimmed;
    }
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(0, dot);
  }
}
