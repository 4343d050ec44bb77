package io.github.sparkbitbucket.read;

import io.github.sparkbitbucket.table.ColumnDef;
import io.github.sparkbitbucket.table.TableDef;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Everything pushed down for one scan: built by the scan builder on the driver, immutable and
 * Serializable for the executors.
 *
 * @param table the table
 * @param required output columns, in order
 * @param bbql pushed BBQL (exact clauses and pre-filters, ANDed), or null
 * @param params extra query parameters (pipelines' filters), beyond the table's fixed ones
 * @param parentBbql BBQL on the parent list (a comment's pull request id), or null
 * @param repositories repositories that filters limit the scan to, or null for no such filter
 * @param noRows the filters contradict the scan's own scope (another workspace): read nothing
 * @param singleKey key value for one single-object GET, or null
 * @param limit rows each partition may stop after, or -1
 * @param sort pushed {@code sort=} for top-N ({@code -created_on}), or null
 * @param countOnly COUNT(*) answered from {@code size}
 * @param postFilters how many predicates Spark still evaluates (for EXPLAIN)
 * @param rowImage whether each row also carries {@link TableDef#ROW_AS_READ} after the required
 *     columns
 */
public record ScanSpec(TableDef table, List<ColumnDef> required, String bbql,
    Map<String, List<String>> params, String parentBbql, Set<String> repositories,
    boolean noRows, String singleKey, int limit, String sort, boolean countOnly,
    List<String> postFilters, boolean rowImage) implements Serializable {

  /** The query parameters every list request of this scan carries (fixed, then pushed). */
  public Map<String, List<String>> allParams() {
    Map<String, List<String>> all = new LinkedHashMap<>(table.fixedParams());
    all.putAll(params);
    return all;
  }

  /** BBQL clauses ANDed, skipping nulls; null if none. */
  public static String and(String... clauses) {
    List<String> parts = new ArrayList<>();
    for (String c : clauses) {
      if (c != null && !c.isBlank()) {
        parts.add(c);
      }
    }
    if (parts.isEmpty()) {
      return null;
    }
    return parts.size() == 1 ? parts.get(0) : String.join(" AND ", parts.stream()
        .map(p -> p.startsWith("(") ? p : "(" + p + ")").toList());
  }

  /** What EXPLAIN shows: what was pushed, never a secret. */
  public String describe() {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    j.add("table=" + table.name());
    j.add("columns=" + required.stream().map(ColumnDef::name).toList());
    if (rowImage) {
      j.add("with " + TableDef.ROW_AS_READ);
    }
    if (noRows) {
      j.add("noRows (filters exclude the scanned workspace)");
    }
    if (bbql != null) {
      j.add("q=" + bbql);
    }
    if (!allParams().isEmpty()) {
      j.add("params=" + allParams());
    }
    if (parentBbql != null) {
      j.add("parentQ=" + parentBbql);
    }
    if (repositories != null) {
      j.add("repositories=" + repositories);
    }
    if (singleKey != null) {
      j.add("get=" + table.itemPath() + " key=" + singleKey);
    }
    if (sort != null) {
      j.add("sort=" + sort);
    }
    if (limit >= 0) {
      j.add("limit=" + limit);
    }
    if (countOnly) {
      j.add("count=size");
    }
    if (!postFilters.isEmpty()) {
      j.add("sparkFilters=" + postFilters);
    }
    return j.toString();
  }
}
