package io.github.sparkbitbucket.write;

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

  @Override
  public boolean representUpdateAsDeleteAndInsert() {
    return false; // an update is a PUT of the changed fields: the row keeps its key
  }

  @Override
  public String description() {
    return command + " on bitbucket table " + table.name();
  }
}
