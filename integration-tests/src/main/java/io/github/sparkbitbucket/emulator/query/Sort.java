package io.github.sparkbitbucket.emulator.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code sort=} parameter: one field, ascending, or descending with a leading {@code -}; nested fields
 * with dots ({@code -source.branch.name}). Compound sorts are not supported, as in the real API.
 *
 * <p>Ordering: numbers numerically, ISO timestamps by instant, issue priorities by severity, other
 * strings by code point, {@code false} before {@code true}. Missing and null values behave like
 * PostgreSQL (Bitbucket Cloud's store): they sort <em>last</em> ascending and <em>first</em>
 * descending. A field that is a list sorts by its first element.
 * The comparator is not a tie-breaker: callers keep their default order for equal keys by using a stable sort.
 */
public final class Sort {
  private static final Pattern SORT = Pattern.compile("-?[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

  private Sort() {
  }

  /**
   * @param sort {@code field}, {@code -field} or a dotted path
   * @throws BbqlException when the parameter is not a single field name
   */
  public static Comparator<JsonNode> parse(String sort) {
    if (sort == null || !SORT.matcher(sort).matches()) {
      throw new BbqlException("Invalid sort parameter \"" + sort + "\": give one field name, optionally "
          + "prefixed with - for descending order (e.g. sort=-updated_on)");
    }
    boolean descending = sort.startsWith("-");
    FieldPath field = new FieldPath(descending ? sort.substring(1) : sort);
    SortKeys keys = new SortKeys(field);
    Comparator<JsonNode> ascending = (a, b) -> keys.compare(a, b);
    return descending ? ascending.reversed() : ascending;
  }

  /**
   * Extracts each object's key once per sort rather than once per comparison (a sort of n objects compares
   * n log n times, and timestamps must be parsed). The cache lives as long as the comparator: parse a new one
   * per request.
   */
  private static final class SortKeys {
    private final FieldPath field;
    private final Map<JsonNode, Object> cache = Collections.synchronizedMap(new IdentityHashMap<>());

    SortKeys(FieldPath field) {
      this.field = field;
    }

    int compare(JsonNode a, JsonNode b) {
      return compareKeys(field, keyOf(a), keyOf(b));
    }

    private Object keyOf(JsonNode object) {
      return cache.computeIfAbsent(object, o -> {
        JsonNode key = key(field, o);
        if (key != null && key.isTextual()) {
          Instant instant = IsoInstant.parseOrNull(key.textValue());
          if (instant != null) {
            return instant;
          }
        }
        return key == null ? NullNode.getInstance() : key;
      });
    }
  }

  /** Ascending, nulls greatest; timestamps arrive pre-parsed as {@link Instant}. */
  private static int compareKeys(FieldPath field, Object a, Object b) {
    if (a instanceof Instant && b instanceof Instant) {
      return ((Instant) a).compareTo((Instant) b);
    }
    return compareKeys(field, asJson(a), asJson(b));
  }

  private static JsonNode asJson(Object key) {
    return key instanceof Instant ? TextNode.valueOf(key.toString()) : (JsonNode) key;
  }

  private static JsonNode key(FieldPath field, JsonNode object) {
    List<JsonNode> found = field.resolve(object);
    return found.isEmpty() ? null : found.get(0);
  }

  /** Ascending order with null (and missing) greatest, so that reversing gives PostgreSQL's DESC NULLS FIRST. */
  static int compareKeys(FieldPath field, JsonNode a, JsonNode b) {
    boolean aNull = a == null || a.isNull();
    boolean bNull = b == null || b.isNull();
    if (aNull || bNull) {
      return Boolean.compare(aNull, bNull);
    }
    int rank = Integer.compare(rank(a), rank(b));
    if (rank != 0) {
      return rank;
    }
    if (a.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    if (a.isBoolean()) {
      return Boolean.compare(a.booleanValue(), b.booleanValue());
    }
    if (a.isTextual()) {
      int severity = IssuePriority.compare(field, a.textValue(), b.textValue());
      if (severity != IssuePriority.NOT_RANKED) {
        return severity;
      }
      Instant left = IsoInstant.parseOrNull(a.textValue());
      Instant right = left == null ? null : IsoInstant.parseOrNull(b.textValue());
      return right != null ? left.compareTo(right) : a.textValue().compareTo(b.textValue());
    }
    return a.toString().compareTo(b.toString());
  }

  private static int rank(JsonNode node) {
    if (node.isBoolean()) {
      return 0;
    }
    if (node.isNumber()) {
      return 1;
    }
    if (node.isTextual()) {
      return 2;
    }
    return 3;
  }
}
