package io.github.sparkbitbucket.write;

import io.github.sparkbitbucket.config.BitbucketOptions;
import io.github.sparkbitbucket.table.ColumnDef;
import io.github.sparkbitbucket.table.ColumnSource;
import io.github.sparkbitbucket.table.TableDef;
import io.github.sparkbitbucket.table.WriteSpec;
import io.github.sparkbitbucket.table.WriteSpec.DeletePolicy;
import io.github.sparkbitbucket.table.WriteSpecs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.RowLevelOperation.Command;
import org.apache.spark.sql.connector.write.RowLevelOperationBuilder;
import org.apache.spark.sql.connector.write.RowLevelOperationInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The write side of one table: what {@code BitbucketTable} delegates {@code SupportsWrite} and
 * {@code SupportsRowLevelOperations} to. Statements a table cannot run are refused here, while
 * Spark analyses the statement, before any request; with a message that says what to do.
 */
public final class TableWrites {
  private final TableDef table;
  private final WriteSpec spec;
  private final Map<String, String> tableOptions;

  /**
   * @param table the table
   * @param tableOptions the options the table was loaded with (catalog and query options)
   */
  public TableWrites(TableDef table, Map<String, String> tableOptions) {
    this.table = table;
    this.spec = WriteSpecs.find(table.name()).orElse(null);
    this.tableOptions = Map.copyOf(tableOptions);
  }

  public String name() {
    return table.name();
  }

  /** Whether the table takes any write (for the table's capabilities). */
  public boolean writable() {
    return spec != null;
  }

  List<String> keyColumns() {
    return table.keyColumns();
  }

  WriteSpec spec() {
    return spec;
  }

  TableDef def() {
    return table;
  }

  StructType schema() {
    return table.schema();
  }

  /** {@code SupportsDeleteV2.canDeleteWhere}: the API answers the whole condition. */
  public boolean canDeleteWhere(Predicate[] predicates,
      Function<CaseInsensitiveStringMap, ScanBuilder> scans) {
    return new PushedDelete(this, scans).canDeleteWhere(predicates);
  }

  /** {@code SupportsDeleteV2.deleteWhere}, and {@code truncateTable} with no predicate. */
  public void deleteWhere(Predicate[] predicates,
      Function<CaseInsensitiveStringMap, ScanBuilder> scans) {
    requireWritable("DELETE");
    if (spec.deletePolicy() == DeletePolicy.REFUSED) {
      throw new UnsupportedOperationException("DELETE from " + table.name() + " is refused: "
          + spec.deleteRefusal() + ".");
    }
    if (spec.deletePolicy() == DeletePolicy.NEEDS_REPOSITORY_DELETE_OPTION
        && !settings(Map.of()).allowRepositoryDelete()) {
      throw new UnsupportedOperationException(RepositoryDeleteGuard.MESSAGE);
    }
    new PushedDelete(this, scans).deleteWhere(predicates);
  }

  /** INSERT INTO / {@code df.write.mode("append")}. */
  public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    requireWritable("INSERT");
    return new BitbucketWrite(context(info, info.options()));
  }

  /** UPDATE, DELETE and MERGE INTO. */
  public RowLevelOperationBuilder newRowLevelOperationBuilder(RowLevelOperationInfo info,
      Function<CaseInsensitiveStringMap, ScanBuilder> scans) {
    Command command = info.command();
    requireWritable(command.name());
    if (command == Command.UPDATE && !spec.updatable()) {
      throw new UnsupportedOperationException("UPDATE of " + table.name() + " is refused: "
          + spec.updateRefusal() + ".");
    }
    if (command == Command.DELETE) {
      if (spec.deletePolicy() == DeletePolicy.REFUSED) {
        throw new UnsupportedOperationException("DELETE from " + table.name() + " is refused: "
            + spec.deleteRefusal() + ".");
      }
      if (spec.deletePolicy() == DeletePolicy.NEEDS_REPOSITORY_DELETE_OPTION
          && !settings(info.options()).allowRepositoryDelete()) {
        throw new UnsupportedOperationException(RepositoryDeleteGuard.MESSAGE);
      }
    }
    return () -> new BitbucketRowLevelOperation(command, this, scans, info.options());
  }

  private void requireWritable(String statement) {
    if (spec == null) {
      throw new UnsupportedOperationException(statement + " on " + table.name()
          + " is refused: the table is read only. Writable tables: "
          + String.join(", ", WriteSpecs.writableTables()) + ".");
    }
    refuseSpeculation();
  }

  /** A speculative copy of a write task would send every request twice. */
  private static void refuseSpeculation() {
    scala.Option<SparkSession> session = SparkSession.getActiveSession();
    if (session.isDefined()
        && session.get().sparkContext().conf().getBoolean("spark.speculation", false)) {
      throw new UnsupportedOperationException("Writes to Bitbucket are refused while "
          + "spark.speculation=true: a speculative task would send its requests a second time. "
          + "Turn speculation off for this job.");
    }
  }

  WriteSettings settings(Map<String, String> statementOptions) {
    BitbucketOptions o = options(statementOptions);
    return new WriteSettings(o.requireWorkspace(), o.repositories(), o.dryRun(),
        o.allowFullTableWrite(), o.allowRepositoryDelete(), o.maxConcurrency());
  }

  private BitbucketOptions options(Map<String, String> statementOptions) {
    return BitbucketOptions.parse(withoutSparkKeys(tableOptions),
        withoutSparkKeys(statementOptions));
  }

  /** Keys Spark adds on its own ({@code paths} from {@code load()}), not connector options. */
  private static Map<String, String> withoutSparkKeys(Map<String, String> options) {
    Map<String, String> out = new LinkedHashMap<>();
    options.forEach((k, v) -> {
      if (!"paths".equalsIgnoreCase(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** The statement's request budget (table options, then the statement's), if any. */
  OptionalInt requestsPerHour(Map<String, String> statementOptions) {
    return options(statementOptions).requestsPerHour();
  }

  WriteContext context(LogicalWriteInfo info, Map<String, String> statementOptions) {
    return new WriteContext(info.queryId(), spec, options(statementOptions),
        settings(statementOptions), info.schema(), info.rowIdSchema().orElse(null),
        info.metadataSchema().orElse(null), readOnlyPaths());
  }

  /**
   * A context for a write the driver runs itself (a pushed DELETE).
   *
   * @param metadata what comes with each row's key (the row as the scan read it), or null
   */
  WriteContext context(String writeId, StructType keys, StructType data, StructType metadata) {
    return new WriteContext(writeId, spec, options(Map.of()), settings(Map.of()),
        data == null ? keys : data, keys, metadata, readOnlyPaths());
  }

  /** Read-only JSON columns an UPDATE could try to change (timestamps and arrays aside). */
  private Map<String, List<String>> readOnlyPaths() {
    Map<String, List<String>> paths = new LinkedHashMap<>();
    for (ColumnDef c : table.columns()) {
      if (c.source() == ColumnSource.JSON && spec.column(c.name()).isEmpty()
          && !(c.type() instanceof TimestampType) && !(c.type() instanceof ArrayType)) {
        paths.put(c.name(), List.copyOf(c.path()));
      }
    }
    return paths;
  }
}
