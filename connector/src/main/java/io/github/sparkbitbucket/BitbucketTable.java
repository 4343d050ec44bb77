package io.github.sparkbitbucket;

import io.github.sparkbitbucket.read.BitbucketScanBuilder;
import io.github.sparkbitbucket.read.ReadOptions;
import io.github.sparkbitbucket.table.Scope;
import io.github.sparkbitbucket.table.TableDef;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import io.github.sparkbitbucket.write.InsertDefaults;
import io.github.sparkbitbucket.write.TableWrites;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.MetadataColumn;
import org.apache.spark.sql.connector.catalog.SupportsDeleteV2;
import org.apache.spark.sql.connector.catalog.SupportsMetadataColumns;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.SupportsRowLevelOperations;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.RowLevelOperationBuilder;
import org.apache.spark.sql.connector.write.RowLevelOperationInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * One Bitbucket table in one workspace, as Spark sees it. Its properties (shown by
 * {@code DESCRIBE TABLE EXTENDED}) are descriptive only and never carry options or secrets.
 */
public class BitbucketTable implements SupportsRead, SupportsWrite, SupportsRowLevelOperations,
    SupportsDeleteV2, SupportsMetadataColumns {
  private final TableDef def;
  private final Map<String, String> baseOptions;
  private final String workspace;
  private final TableWrites writes;

  /**
   * @param def the table
   * @param baseOptions catalog (or format) options; per-query options override them
   */
  public BitbucketTable(TableDef def, Map<String, String> baseOptions) {
    this.def = def;
    this.baseOptions = Map.copyOf(baseOptions);
    this.workspace = new CaseInsensitiveStringMap(baseOptions).get("workspace");
    this.writes = new TableWrites(def, this.baseOptions);
  }

  public TableDef def() {
    return def;
  }

  @Override
  public String name() {
    return def.scope() == Scope.ROOT || workspace == null ? def.name()
        : workspace + "." + def.name();
  }

  @Override
  @SuppressWarnings("deprecation") // columns() is derived from it by Spark
  public StructType schema() {
    return def.schema();
  }

  @Override
  public Column[] columns() {
    return InsertDefaults.columns(def, def.scope() == Scope.ROOT ? null : workspace);
  }

  /**
   * {@code _row_as_read}: the row's JSON columns as the scan read them. UPDATE, DELETE and MERGE
   * take each row's before-image from it instead of reading the row again; a query may select it
   * like any metadata column.
   */
  @Override
  public MetadataColumn[] metadataColumns() {
    StructType image = def.rowImageType();
    return new MetadataColumn[] {new MetadataColumn() {
      @Override
      public String name() {
        return TableDef.ROW_AS_READ;
      }

      @Override
      public DataType dataType() {
        return image;
      }

      @Override
      public String comment() {
        return "the row's JSON columns as the scan read them (the before-image of UPDATE, "
            + "DELETE and MERGE)";
      }
    }};
  }

  @Override
  public Set<TableCapability> capabilities() {
    // BATCH_WRITE on every table, so that a write to a read-only one reaches TableWrites and is
    // refused with a message naming the writable tables rather than Spark's generic one.
    return EnumSet.of(TableCapability.BATCH_READ, TableCapability.BATCH_WRITE);
  }

  @Override
  public Map<String, String> properties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("provider", "bitbucket");
    p.put("bitbucket.table", def.name());
    p.put("bitbucket.key", String.join(",", def.keyColumns()));
    p.put("bitbucket.endpoint", def.listPath());
    p.put("comment", def.description());
    if (workspace != null && def.scope() != Scope.ROOT) {
      p.put("bitbucket.workspace", workspace);
    }
    return p;
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    ReadOptions read = ReadOptions.parse(baseOptions, options.asCaseSensitiveMap());
    if (def.scope() != Scope.ROOT) {
      read.requireWorkspace(def.name());
    }
    return new BitbucketScanBuilder(def, read);
  }

  @Override
  public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    return writes.newWriteBuilder(info);
  }

  @Override
  public RowLevelOperationBuilder newRowLevelOperationBuilder(RowLevelOperationInfo info) {
    return writes.newRowLevelOperationBuilder(info, this::newScanBuilder);
  }

  @Override
  public boolean canDeleteWhere(Predicate[] predicates) {
    return writes.canDeleteWhere(predicates, this::newScanBuilder);
  }

  @Override
  public void deleteWhere(Predicate[] predicates) {
    writes.deleteWhere(predicates, this::newScanBuilder);
  }

  /** {@code DELETE FROM t} with no WHERE: refused unless allowFullTableWrite=true. */
  @Override
  public boolean truncateTable() {
    writes.deleteWhere(new Predicate[0], this::newScanBuilder);
    return true;
  }

  @Override
  public String toString() {
    return "BitbucketTable[" + name() + "]";
  }
}
