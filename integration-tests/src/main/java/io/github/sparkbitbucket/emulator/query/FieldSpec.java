package io.github.sparkbitbucket.emulator.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** One comma-separated entry of {@code fields=}: a mode (bare, {@code +}, {@code -}) and a dotted path. */
record FieldSpec(Mode mode, List<String> segments) {
  enum Mode {
    /** {@code a.b}: only the listed fields are returned. */
    ONLY,
    /** {@code +a.b}: add to the default fields. */
    ADD,
    /** {@code -a.b}: remove from the response. */
    REMOVE
  }

  static final String WILDCARD = "*";
  private static final Pattern DOT = Pattern.compile("\\.");

  /**
   * Parses the whole parameter. Entries are not trimmed: like the real API, {@code " owner"} (a {@code +} that
   * was not URL-encoded and became a space) names no field.
   */
  static List<FieldSpec> parseAll(String fields) {
    List<FieldSpec> specs = new ArrayList<>();
    for (String entry : fields.split(",", -1)) {
      if (!entry.isEmpty()) {
        specs.add(parse(entry));
      }
    }
    return specs;
  }

  private static FieldSpec parse(String entry) {
    Mode mode = Mode.ONLY;
    String path = entry;
    if (entry.startsWith("+") || entry.startsWith("-")) {
      mode = entry.charAt(0) == '+' ? Mode.ADD : Mode.REMOVE;
      path = entry.substring(1);
    }
    String[] segments = DOT.split(path, -1);
    for (String segment : segments) {
      if (segment.isEmpty()) {
        throw new BbqlException("Invalid fields parameter: \"" + entry + "\" has an empty field name; use "
            + "comma-separated dotted paths like values.id,-links or +values.owner");
      }
    }
    return new FieldSpec(mode, List.of(segments));
  }

  boolean isLast(int index) {
    return index == segments.size() - 1;
  }

  boolean onlyWildcardsFrom(int index) {
    for (int i = index; i < segments.size(); i++) {
      if (!WILDCARD.equals(segments.get(i))) {
        return false;
      }
    }
    return true;
  }
}
