package io.github.sparkbitbucket.table;

/**
 * How a scan walks a list so that a row that existed at planning is read exactly once while
 * others write (SPEC section 4).
 */
public enum ReadStrategy {
  /**
   * Keyset pagination on an integer key with BBQL: {@code q=<filters> AND id > last AND id <= hi},
   * {@code sort=id}, always page 1. Deletes cannot shift pages, rows created after planning get
   * ids above the planned upper bound. Key ranges split a repository into partitions.
   */
  KEYSET,
  /**
   * Page numbers over an ascending sort on a creation-ordered field, rows above the planned upper
   * bound of {@link TableDef#boundColumn()} dropped. Used where the API has no BBQL (pipelines):
   * new rows append at the end, and these lists have no delete.
   */
  APPEND_ONLY_PAGES,
  /**
   * Keyset pagination on a string key with BBQL: {@code q=<filters> AND name > "last" AND
   * name <= "hi"}, {@code sort=name}, always page 1 (projects, repositories, branches, tags). The
   * server sorts and compares with the same collation, so the walk is exact whatever it is.
   * Deletes cannot shift pages; {@code hi} is the largest key at planning.
   */
  TEXT_KEYSET,
  /**
   * Page numbers in the API's order, one sequential task per list, rows deduplicated by key and
   * the previous page re-read when the list shrank: for endpoints with neither BBQL nor a sort on
   * the key (members, workspaces).
   */
  PAGES,
  /** Follow {@code next} cursors (commits). */
  CURSOR
}
