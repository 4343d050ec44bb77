package io.github.sparkbitbucket.write;

/** An UPDATE or DELETE without a WHERE clause, refused before any request. */
public class FullTableWriteException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public FullTableWriteException(String statement, String table) {
    super(statement + " on " + table + " has no WHERE clause and would change every row. "
        + "Add a WHERE clause, or set option allowFullTableWrite=true "
        + "(e.g. spark.sql.catalog.<name>.allowFullTableWrite=true) if you mean it.");
  }
}
