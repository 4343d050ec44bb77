package io.github.sparkbitbucket.emulator.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A parsed BBQL filter ({@code q=} parameter), obtained from {@link Bbql#parse(String)}. */
public interface BbqlQuery {
  /**
   * Whether one API object (an element of an envelope's {@code values}, not the envelope) passes the filter.
   *
   * @throws BbqlException when the query compares a field with a literal of an incompatible type
   *     (e.g. {@code id = true}); the real API answers 400 for those too
   */
  boolean matches(JsonNode object);

  /**
   * The field paths the query reads, in order of first appearance, so an endpoint can reject fields it does not
   * filter on with {@link BbqlException#unsupportedField(String)}, as the real API does.
   */
  default List<String> fields() {
    return List.of();
  }

  /**
   * The inclusive range {@code {lo, hi}} that every object passing the filter has for the integer
   * field {@code field} (a top-level name such as {@code id}), or null when the filter does not
   * bound it. Lets a list skip, without evaluating the filter, rows that cannot pass.
   */
  default long[] integerBounds(String field) {
    return null;
  }

  /** The fields of several queries (an AND or OR), each once, in order of first appearance. */
  static List<String> fieldsOf(List<? extends BbqlQuery> parts) {
    Set<String> fields = new LinkedHashSet<>();
    parts.forEach(part -> fields.addAll(part.fields()));
    return List.copyOf(fields);
  }
}
