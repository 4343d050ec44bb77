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
 * @param from TEXT_KEYSET: the exclusive lower key bound (null: from the first key)
 * @param shard PAGES read by several tasks: this task keeps the rows whose key hashes to it
 * @param shards PAGES: how many tasks share the list (1: this task keeps every row)
 * @param missingIsEmpty a 404 for the repository means no rows (it came from a filter) rather
 *     than an error (it came from the {@code repository} option)
 */
public record ReadTask(Kind kind, String workspace, String repository, long lo, long hi,
    long bound, String key, String from, int shard, int shards, boolean missingIsEmpty)
    implements Serializable {

  /** What a task reads. */
  public enum Kind {
    /** Keyset pagination over (lo, hi] on the table's integer key. */
    KEYSET,
    /** Keyset pagination on the table's string key over ({@code from}, {@code key}]. */
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
    return new ReadTask(Kind.KEYSET, ws, repo, lo, hi, Long.MAX_VALUE, null, null, 0, 1,
        missingIsEmpty);
  }

  public static ReadTask textKeyset(String ws, String repo, String from, String to,
      boolean missingIsEmpty) {
    return new ReadTask(Kind.TEXT_KEYSET, ws, repo, 0, Long.MAX_VALUE, Long.MAX_VALUE, to, from,
        0, 1, missingIsEmpty);
  }

  public static ReadTask pages(String ws, String repo, long first, long last, long bound,
      boolean missingIsEmpty) {
    return new ReadTask(Kind.PAGES, ws, repo, first, last, bound, null, null, 0, 1,
        missingIsEmpty);
  }

  /** Every page of the list; keeps the rows whose key hashes to {@code shard} of {@code shards}. */
  public static ReadTask pageShard(String ws, String repo, int shard, int shards,
      boolean missingIsEmpty) {
    return new ReadTask(Kind.PAGES, ws, repo, 1, -1, Long.MAX_VALUE, null, null, shard, shards,
        missingIsEmpty);
  }

  public static ReadTask of(Kind kind, String ws, String repo, boolean missingIsEmpty) {
    return new ReadTask(kind, ws, repo, 0, Long.MAX_VALUE, Long.MAX_VALUE, null, null, 0, 1,
        missingIsEmpty);
  }

  public static ReadTask single(String ws, String repo, String key, boolean missingIsEmpty) {
    return new ReadTask(Kind.SINGLE, ws, repo, 0, 0, Long.MAX_VALUE, key, null, 0, 1,
        missingIsEmpty);
  }

  public static ReadTask count(String ws, String repo, long count) {
    return new ReadTask(Kind.COUNT, ws, repo, count, 0, Long.MAX_VALUE, null, null, 0, 1, true);
  }
}
