package io.github.sparkbitbucket.emulator.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code field OP value} or {@code field [NOT] IN (values)}.
 *
 * <p>A field that resolves to several values (a path through an array) matches when any value does. The negated
 * operators ({@code !=}, {@code !~}, {@code NOT IN}) are the exact negation of their positive form, so an
 * object whose field is absent or null passes {@code state != "OPEN"}, and {@code reviewers.uuid != X} means
 * "X is not among the reviewers" (the database's exclusion semantics, not "some reviewer differs").
 */
final class Comparison implements BbqlQuery {
  private final FieldPath field;
  private final Operator operator;
  private final List<Literal> values;

  Comparison(FieldPath field, Operator operator, List<Literal> values) {
    this.field = field;
    this.operator = operator;
    this.values = List.copyOf(values);
  }

  @Override
  public boolean matches(JsonNode object) {
    List<JsonNode> found = field.resolve(object);
    switch (operator) {
      case EQ: return equalsAny(found, values.get(0));
      case NE: return !equalsAny(found, values.get(0));
      case IN: return inList(found);
      case NOT_IN: return !inList(found);
      case CONTAINS: return containsAny(found);
      case NOT_CONTAINS: return !containsAny(found);
      default: return orderedAny(found);
    }
  }

  private boolean equalsAny(List<JsonNode> found, Literal literal) {
    if (literal.isNull()) {
      return found.isEmpty() || found.stream().anyMatch(JsonNode::isNull);
    }
    for (JsonNode json : found) {
      if (!json.isNull() && literal.equalTo(json, field)) {
        return true;
      }
    }
    return false;
  }

  private boolean inList(List<JsonNode> found) {
    for (Literal literal : values) {
      if (equalsAny(found, literal)) {
        return true;
      }
    }
    return false;
  }

  private boolean containsAny(List<JsonNode> found) {
    Literal literal = values.get(0);
    for (JsonNode json : found) {
      if (!json.isNull() && literal.containedIn(json, field)) {
        return true;
      }
    }
    return false;
  }

  private boolean orderedAny(List<JsonNode> found) {
    Literal literal = values.get(0);
    for (JsonNode json : found) {
      if (!json.isNull() && operator.accepts(literal.compareTo(json, field))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public long[] integerBounds(String name) {
    if (!field.text().equals(name) || values.size() != 1) {
      return null;
    }
    Literal literal = values.get(0);
    if (literal.type() != Literal.Type.NUMBER) {
      return null;
    }
    long v;
    try {
      v = ((java.math.BigDecimal) literal.value()).longValueExact();
    } catch (ArithmeticException e) {
      return null; // a fraction or out of range: no shortcut
    }
    return switch (operator) {
      case EQ -> new long[] {v, v};
      case GT -> v == Long.MAX_VALUE ? null : new long[] {v + 1, Long.MAX_VALUE};
      case GE -> new long[] {v, Long.MAX_VALUE};
      case LT -> v == Long.MIN_VALUE ? null : new long[] {Long.MIN_VALUE, v - 1};
      case LE -> new long[] {Long.MIN_VALUE, v};
      default -> null;
    };
  }

  @Override
  public List<String> fields() {
    return List.of(field.text());
  }

  @Override
  public String toString() {
    if (operator == Operator.IN || operator == Operator.NOT_IN) {
      return field + " " + operator.symbol() + " ("
          + values.stream().map(Literal::toString).collect(Collectors.joining(", ")) + ")";
    }
    return field + " " + operator.symbol() + " " + values.get(0);
  }
}
