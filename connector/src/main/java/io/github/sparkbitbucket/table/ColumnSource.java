package io.github.sparkbitbucket.table;

/** Where a column's value comes from. */
public enum ColumnSource {
  /** A path in the API object's JSON. */
  JSON,
  /** The workspace slug the row was listed in. */
  WORKSPACE,
  /** The repository slug the row was listed in. */
  REPOSITORY,
  /**
   * A path in the table's detail object ({@link TableDef#detailPath()}), fetched per row only
   * when such a column is required (workspace name and dates are not in /user/workspaces).
   */
  DETAIL,
  /** The id of the parent object the row was listed under (a comment's pull request or issue). */
  PARENT_ID
}
