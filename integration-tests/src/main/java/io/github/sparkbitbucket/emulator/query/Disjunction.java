package io.github.sparkbitbucket.emulator.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;

/** {@code a OR b OR ...}: some part must match. */
final class Disjunction implements BbqlQuery {
  private final List<BbqlQuery> parts;

  Disjunction(List<BbqlQuery> parts) {
    this.parts = List.copyOf(parts);
  }

  @Override
  public boolean matches(JsonNode object) {
    for (BbqlQuery part : parts) {
      if (part.matches(object)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<String> fields() {
    return BbqlQuery.fieldsOf(parts);
  }

  @Override
  public String toString() {
    return parts.stream().map(p -> "(" + p + ")").collect(Collectors.joining(" OR "));
  }
}
