package io.github.sparkbitbucket.write;

import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.connector.read.SupportsPushDownV2Filters;
import org.apache.spark.sql.types.StructType;

/**
 * The read side of an UPDATE or DELETE: the table's own scan, watched for the statement's WHERE
 * clause. Spark hands every condition it can express to {@link #pushPredicates}; when there is
 * none, the statement would touch every row, which is refused unless allowFullTableWrite=true.
 * (A WHERE made only of things Spark cannot pass to a source, such as a Python UDF, counts as
 * none: add any plain condition, or set the option.)
 */
final class RowLevelScanBuilder implements ScanBuilder, SupportsPushDownV2Filters,
    SupportsPushDownRequiredColumns {
  private final ScanBuilder delegate;
  private final String statement;
  private final String table;
  private final boolean guard;
  private boolean sawCondition;

  /**
   * @param guard whether a statement with no condition is refused
   */
  RowLevelScanBuilder(ScanBuilder delegate, String statement, String table, boolean guard) {
    this.delegate = delegate;
    this.statement = statement;
    this.table = table;
    this.guard = guard;
  }

  @Override
  public Predicate[] pushPredicates(Predicate[] predicates) {
    for (Predicate p : predicates) {
      if (!"ALWAYS_TRUE".equals(p.name())) {
        sawCondition = true;
      }
    }
    if (delegate instanceof SupportsPushDownV2Filters f) {
      return f.pushPredicates(predicates);
    }
    return predicates;
  }

  @Override
  public Predicate[] pushedPredicates() {
    return delegate instanceof SupportsPushDownV2Filters f ? f.pushedPredicates()
        : new Predicate[0];
  }

  @Override
  public void pruneColumns(StructType requiredSchema) {
    if (delegate instanceof SupportsPushDownRequiredColumns p) {
      p.pruneColumns(requiredSchema);
    }
  }

  @Override
  public Scan build() {
    if (guard && !sawCondition) {
      throw new FullTableWriteException(statement, table);
    }
    return delegate.build();
  }
}
