package io.github.sparkbitbucket.emulator.query;

import java.util.List;

/**
 * The legacy issue tracker's priorities are an ordered enumeration: the API documents
 * {@code priority >= "major"} as "major, critical or blocker", so they compare by severity, not alphabetically.
 */
final class IssuePriority {
  static final int NOT_RANKED = Integer.MIN_VALUE;
  private static final List<String> ORDER = List.of("trivial", "minor", "major", "critical", "blocker");

  private IssuePriority() {
  }

  /** Sign of (value - literal) by severity, or {@link #NOT_RANKED} when this is not a priority comparison. */
  static int compare(FieldPath field, String value, String literal) {
    if (!field.text().equals("priority") && !field.text().endsWith(".priority")) {
      return NOT_RANKED;
    }
    int left = ORDER.indexOf(value);
    int right = ORDER.indexOf(literal);
    return left < 0 || right < 0 ? NOT_RANKED : Integer.compare(left, right);
  }
}
