package io.github.sparkbitbucket.write;

import io.github.sparkbitbucket.config.BitbucketOptions;
import io.github.sparkbitbucket.table.WriteSpec;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * Everything an executor needs to write one table: built on the driver, shipped with the writer
 * factory.
 *
 * @param writeId identifies this write (Spark's query id) across task attempts
 * @param spec how the table is written
 * @param options the connection options (for the JVM-wide client)
 * @param settings the write options
 * @param dataSchema the schema of the rows Spark hands the writer
 * @param rowIdSchema the row id (key) schema of UPDATE/DELETE/MERGE, or null for INSERT
 * @param metadataSchema the metadata Spark hands UPDATE/DELETE/MERGE with each row (the row as
 *     the scan read it, {@code _row_as_read}), or null
 * @param readOnlyPaths for the table's read-only columns that an UPDATE must not change: the
 *     column's JSON path in the API object
 * @param startedAtMillis when the driver planned the write: a retried create looks only for rows
 *     created since ({@link CreatedRowFinder})
 */
public record WriteContext(String writeId, WriteSpec spec, BitbucketOptions options, WriteSettings settings,
    StructType dataSchema, StructType rowIdSchema, StructType metadataSchema,
    Map<String, List<String>> readOnlyPaths, long startedAtMillis) implements Serializable {

  /** A write planned now. */
  public WriteContext(String writeId, WriteSpec spec, BitbucketOptions options,
      WriteSettings settings, StructType dataSchema, StructType rowIdSchema,
      StructType metadataSchema, Map<String, List<String>> readOnlyPaths) {
    this(writeId, spec, options, settings, dataSchema, rowIdSchema, metadataSchema,
        readOnlyPaths, System.currentTimeMillis());
  }

  /** A write planned now, without metadata (INSERT, a write the driver runs itself). */
  public WriteContext(String writeId, WriteSpec spec, BitbucketOptions options,
      WriteSettings settings, StructType dataSchema, StructType rowIdSchema,
      Map<String, List<String>> readOnlyPaths) {
    this(writeId, spec, options, settings, dataSchema, rowIdSchema, null, readOnlyPaths);
  }

  public String table() {
    return spec.table();
  }
}
