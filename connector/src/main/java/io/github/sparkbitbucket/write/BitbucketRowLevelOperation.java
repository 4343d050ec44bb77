package io.github.sparkbitbucket.write;

import io.github.sparkbitbucket.table.TableDef;
import java.util.function.Function;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.DeltaWriteBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.SupportsDelta;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * UPDATE, DELETE or MERGE on one table, as a delta write keyed by the table's key (SPEC section
 * 3): Spark reads the matching rows with the table's own scan and hands the writer, per row, the
 * key and (for UPDATE) the new values.
 */
final class BitbucketRowLevelOperation implements SupportsDelta {
  private final Command command;
  private final TableWrites table;
  private final Function<CaseInsensitiveStringMap, ScanBuilder> scans;
  private final CaseInsensitiveStringMap statementOptions;

  BitbucketRowLevelOperation(Command command, TableWrites table,
      Function<CaseInsensitiveStringMap, ScanBuilder> scans,
      CaseInsensitiveStringMap statementOptions) {
    this.command = command;
    this.table = table;
    this.scans = scans;
    this.statementOptions = statementOptions;
  }

  @Override
  public Command command() {
    return command;
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    boolean guard = command != Command.MERGE
        && !table.settings(statementOptions).allowFullTableWrite();
    CaseInsensitiveStringMap scanOptions = RowLevelBudget.scanOptions(options,
        table.requestsPerHour(statementOptions));
    return new RowLevelScanBuilder(scans.apply(scanOptions), command.name(), table.name(), guard);
  }

  @Override
  public DeltaWriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    return new BitbucketWrite(table.context(info, statementOptions));
  }

  @Override
  public NamedReference[] rowId() {
    return table.keyColumns().stream().map(Expressions::column).toArray(NamedReference[]::new);
  }

  /**
   * Each row as the scan read it: the before-image that UPDATE compares with and the undo
   * restores, without a GET per row. Between the scan and the write nothing guards the row (the
   * API has no conditional update), as between a GET and a PUT; the window is the task's.
   */
  @Override
  public NamedReference[] requiredMetadataAttributes() {
    return new NamedReference[] {Expressions.column(TableDef.ROW_AS_READ)};
  }

  @Override
  public boolean representUpdateAsDeleteAndInsert() {
    return false; // an update is a PUT of the changed fields: the row keeps its key
  }

  @Override
  public String description() {
    return command + " on bitbucket table " + table.name();
  }
}
