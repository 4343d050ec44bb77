package io.github.sparkbitbucket.emulator.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/**
 * A BBQL value (string, number, datetime, boolean or null) and how it compares with a JSON value.
 *
 * <p>Typing rules (the emulator's reading of the real API, which is backed by typed database columns):
 * a string matches JSON strings (and JSON numbers when the string is numeric, as the database casts it);
 * a number matches JSON numbers; a datetime matches JSON strings holding ISO timestamps, comparing instants;
 * a boolean matches JSON booleans. Issue priorities order by severity ({@link IssuePriority}).
 * Anything else (e.g. {@code id = true}, {@code title > 5}) is a 400,
 * because silently matching nothing would hide a client bug.
 */
record Literal(Type type, Object value, String text) {
  enum Type { STRING, NUMBER, DATETIME, BOOLEAN, NULL }

  static Literal of(Token token) {
    switch (token.kind()) {
      case STRING: return new Literal(Type.STRING, token.value(), token.text());
      case NUMBER: return new Literal(Type.NUMBER, token.value(), token.text());
      case DATETIME: return new Literal(Type.DATETIME, token.value(), token.text());
      case TRUE:
      case FALSE: return new Literal(Type.BOOLEAN, token.value(), token.text());
      case NULL: return new Literal(Type.NULL, null, token.text());
      default: throw new IllegalArgumentException("not a value token: " + token);
    }
  }

  boolean isNull() {
    return type == Type.NULL;
  }

  /** Equality with one non-null JSON value; throws when the types cannot be compared. */
  boolean equalTo(JsonNode json, FieldPath field) {
    if (type == Type.BOOLEAN) {
      requireJson(json.isBoolean(), json, field);
      return json.booleanValue() == (Boolean) value;
    }
    return compareTo(json, field) == 0;
  }

  /** Sign of (json - this literal); throws when the types cannot be ordered. */
  int compareTo(JsonNode json, FieldPath field) {
    switch (type) {
      case NUMBER:
        requireJson(json.isNumber(), json, field);
        return json.decimalValue().compareTo((BigDecimal) value);
      case DATETIME:
        return instantOf(json, field).compareTo((Instant) value);
      case STRING:
        return compareWithString(json, field);
      case BOOLEAN:
        throw new BbqlException("Invalid query: " + text + " can only be compared with = or != (field \""
            + field + "\")");
      default:
        throw new BbqlException("Invalid query: null can only be compared with = or != (field \""
            + field + "\")");
    }
  }

  private int compareWithString(JsonNode json, FieldPath field) {
    String literal = (String) value;
    if (json.isNumber()) {
      BigDecimal number = numericOrNull(literal);
      if (number == null) {
        throw typeMismatch(json, field);
      }
      return json.decimalValue().compareTo(number);
    }
    requireJson(json.isTextual(), json, field);
    String text = json.textValue();
    int rankOrder = IssuePriority.compare(field, text, literal);
    if (rankOrder != IssuePriority.NOT_RANKED) {
      return rankOrder; // priority > "major" follows severity, not the alphabet
    }
    Instant left = IsoInstant.parseOrNull(text);
    Instant right = left == null ? null : IsoInstant.parseOrNull(literal);
    if (right != null) {
      return left.compareTo(right); // "2015-01-01" against a timestamp column compares instants
    }
    return text.compareTo(literal);
  }

  /** Case-insensitive "contains" for {@code ~}; only text fields qualify. */
  boolean containedIn(JsonNode json, FieldPath field) {
    requireJson(json.isTextual(), json, field);
    return json.textValue().toLowerCase(Locale.ROOT).contains(((String) value).toLowerCase(Locale.ROOT));
  }

  private Instant instantOf(JsonNode json, FieldPath field) {
    requireJson(json.isTextual(), json, field);
    Instant instant = IsoInstant.parseOrNull(json.textValue());
    if (instant == null) {
      throw new BbqlException("Invalid query: field \"" + field + "\" is not a datetime, so it cannot be "
          + "compared with " + text + "; use a quoted string");
    }
    return instant;
  }

  private void requireJson(boolean compatible, JsonNode json, FieldPath field) {
    if (!compatible) {
      throw typeMismatch(json, field);
    }
  }

  private BbqlException typeMismatch(JsonNode json, FieldPath field) {
    if (json.isContainerNode()) {
      return new BbqlException("Invalid query: field \"" + field + "\" is an object; filter on one of its "
          + "fields instead (e.g. \"" + field + ".uuid\")");
    }
    return new BbqlException("Invalid query: field \"" + field + "\" is a " + jsonTypeName(json)
        + " and cannot be compared with " + describe() + " " + text);
  }

  private String describe() {
    return type.name().toLowerCase(Locale.ROOT);
  }

  private static String jsonTypeName(JsonNode json) {
    if (json.isNumber()) {
      return "number";
    }
    if (json.isBoolean()) {
      return "boolean";
    }
    if (json.isTextual()) {
      return IsoInstant.parseOrNull(json.textValue()) != null ? "datetime" : "string";
    }
    return json.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static BigDecimal numericOrNull(String text) {
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
