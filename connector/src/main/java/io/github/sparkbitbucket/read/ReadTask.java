package io.github.sparkbitbucket.read;

import java.io.Serializable;

/**
 * One unit of reading, planned on the driver and run by an executor's partition reader.
 *
 * @param kind what to read
 * @param workspace workspace slug (null for the root table)
 * @param repository repository slug for repository tables, else null
 * @param lo KEYSET: exclusive lower key bound; PAGES: first page; COUNT: the count
 * @param hi KEYSET: inclusive upper key bound (Long.MAX_VALUE: none); PAGES: last page (-1: to
 *     the end)
 * @param bound APPEND_ONLY pages: rows whose order column is above it were created after
 *     planning and are dropped (Long.MAX_VALUE: none)
 * @param key SINGLE: the key value for the single-object GET; TEXT_KEYSET: the inclusive upper
 *     key bound fixed at planning (null: none)
 * @param missingIsEmpty a 404 for the repository means no rows (it came from a filter) rather
 *     than an error (it came from the {@code repository} option)
 */
public record ReadTask(Kind kind, String workspace, String repository, long lo, long hi,
    long bound, String key, boolean missingIsEmpty) implements Serializable {

  /** What a task reads. */
  public enum Kind {
    /** Keyset pagination over (lo, hi] on the table's integer key. */
    KEYSET,
    /** Keyset pagination on the table's string key, up to {@code key} (inclusive). */
    TEXT_KEYSET,
    /** Page numbers lo..hi (hi -1: until the last page). */
    PAGES,
    /** Follow the {@code next} cursor from the first page. */
    CURSOR,
    /** Parents by keyset, then each parent's children by keyset (comments). */
    CHILDREN,
    /** One GET of the single object {@code key}. */
    SINGLE,
    /** Pages in the pushed sort order until the limit (top-N). */
    SORTED,
    /** No request: one row holding the count {@code lo} found at planning. */
    COUNT
  }

  public static ReadTask keyset(String ws, String repo, long lo, long hi, boolean missingIsEmpty) {
    return new ReadTask(Kind.KEYSET, ws, repo, lo, hi, Long.MAX_VALUE, null, missingIsEmpty);
  }

  public static ReadTask textKeyset(String ws, String repo, String hi, boolean missingIsEmpty) {
    return new ReadTask(Kind.TEXT_KEYSET, ws, repo, 0, Long.MAX_VALUE, Long.MAX_VALUE, hi,
        missingIsEmpty);
  }

  public static ReadTask pages(String ws, String repo, long first, long last, long bound,
      boolean missingIsEmpty) {
    return new ReadTask(Kind.PAGES, ws, repo, first, last, bound, null, missingIsEmpty);
  }

  public static ReadTask of(Kind kind, String ws, String repo, boolean missingIsEmpty) {
    return new ReadTask(kind, ws, repo, 0, Long.MAX_VALUE, Long.MAX_VALUE, null, missingIsEmpty);
  }

  public static ReadTask single(String ws, String repo, String key, boolean missingIsEmpty) {
    return new ReadTask(Kind.SINGLE, ws, repo, 0, 0, Long.MAX_VALUE, key, missingIsEmpty);
  }

  public static ReadTask count(String ws, String repo, long count) {
    return new ReadTask(Kind.COUNT, ws, repo, count, 0, Long.MAX_VALUE, null, true);
  }
}
