package io.github.sparkbitbucket.emulator.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;

/** {@code a AND b AND ...}: every part must match. */
final class Conjunction implements BbqlQuery {
  private final List<BbqlQuery> parts;

  Conjunction(List<BbqlQuery> parts) {
    this.parts = List.copyOf(parts);
  }

  @Override
  public boolean matches(JsonNode object) {
    for (BbqlQuery part : parts) {
      if (!part.matches(object)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public long[] integerBounds(String field) {
    long[] out = null;
    for (BbqlQuery part : parts) {
      long[] b = part.integerBounds(field);
      if (b != null) {
        out = out == null ? b.clone()
            : new long[] {Math.max(out[0], b[0]), Math.min(out[1], b[1])};
      }
    }
    return out;
  }

  @Override
  public List<String> fields() {
    return BbqlQuery.fieldsOf(parts);
  }

  @Override
  public String toString() {
    return parts.stream().map(p -> "(" + p + ")").collect(Collectors.joining(" AND "));
  }
}
