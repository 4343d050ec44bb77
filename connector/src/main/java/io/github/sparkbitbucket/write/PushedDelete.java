package io.github.sparkbitbucket.write;

import io.github.sparkbitbucket.api.BitbucketClient;
import io.github.sparkbitbucket.api.RequestStats;
import io.github.sparkbitbucket.table.TableDef;
import io.github.sparkbitbucket.table.WriteSpec.DeletePolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.connector.read.SupportsPushDownV2Filters;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DELETE} whose WHERE clause the API answers exactly ({@code SupportsDeleteV2}): no Spark
 * job. The driver lists the matching keys with the table's own scan (the condition pushed as
 * BBQL, the repository filter pruning repositories), then deletes them several at a time, each
 * with its before-image for undo. If one fails, the ones already deleted are re-created where the
 * API allows, and the error lists the rest.
 */
final class PushedDelete {
  private static final Logger LOG = LoggerFactory.getLogger(PushedDelete.class);

  private final TableWrites table;
  private final Function<CaseInsensitiveStringMap, ScanBuilder> scans;

  PushedDelete(TableWrites table, Function<CaseInsensitiveStringMap, ScanBuilder> scans) {
    this.table = table;
    this.scans = scans;
  }

  /**
   * Whether the table's scan takes every predicate, leaving nothing for Spark to filter. A
   * statement with no condition is taken too, so that {@link #deleteWhere} refuses it with the
   * connector's message (Spark sends {@code DELETE FROM t} without WHERE only here).
   */
  boolean canDeleteWhere(Predicate[] predicates) {
    if (isFullTable(predicates)) {
      return true;
    }
    if (!table.writable() || table.spec().deletePolicy() != DeletePolicy.ALLOWED) {
      return false; // the row-level path refuses it while Spark analyses the statement
    }
    ScanBuilder builder = scans.apply(CaseInsensitiveStringMap.empty());
    return builder instanceof SupportsPushDownV2Filters f
        && f.pushPredicates(predicates).length == 0;
  }

  void deleteWhere(Predicate[] predicates) {
    WriteSettings settings = table.settings(Collections.emptyMap());
    if (isFullTable(predicates) && !settings.allowFullTableWrite()) {
      throw new FullTableWriteException("DELETE", table.name());
    }
    StructType keys = keySchema();
    StructType metadata = new StructType().add(TableDef.ROW_AS_READ, table.def().rowImageType());
    List<Match> rows = matchingRows(predicates, keys);
    WriteContext ctx = table.context("pushed-delete", keys, null, metadata);
    BitbucketClient client = BitbucketClient.shared(ctx.options());
    OptionalInt perHour = ctx.options().requestsPerHour();
    RequestStats stats = RequestStats.withBudget(perHour.isEmpty() ? 0
        : RowLevelBudget.writeSide(ctx, perHour.getAsInt()));
    UndoLog undo = new UndoLog();
    List<String> planned = Collections.synchronizedList(new ArrayList<>());
    RowChanges changes = new RowChanges(ctx, client, stats, undo, planned::add, body -> null,
        false);
    Throwable failure;
    try (InFlightRequests inFlight = new InFlightRequests(settings.maxConcurrency())) {
      for (Match row : rows) {
        if (!inFlight.submit(() -> changes.delete(row.key(), row.scanned()))) {
          break;
        }
      }
      failure = inFlight.awaitAll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = e;
    }
    if (failure != null) {
      UndoReport report = new ChangeReverter(ctx.spec(), client, stats).revert(undo.drain());
      String message = failure instanceof RowWriteException ? failure.getMessage()
          : "DELETE from " + table.name() + " failed: " + failure;
      throw new RowWriteException(message + "\n" + report.describe(), failure);
    }
    if (settings.dryRun()) {
      BitbucketBatchWrite.DRY_RUN.info("Dry run of a DELETE from {}: nothing was changed; {} "
          + "request(s) planned:\n{}", table.name(), planned.size(), String.join("\n", planned));
    } else {
      LOG.info("DELETE from {} (condition pushed to the API): {} deleted", table.name(),
          changes.deleted.get());
    }
  }

  private static boolean isFullTable(Predicate[] predicates) {
    for (Predicate p : predicates) {
      if (!"ALWAYS_TRUE".equals(p.name())) {
        return false;
      }
    }
    return true;
  }

  private StructType keySchema() {
    StructType schema = table.schema();
    List<StructField> fields = new ArrayList<>();
    for (String k : table.keyColumns()) {
      fields.add(schema.apply(k));
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  /** A matching row: its key, and the metadata row holding it as the scan read it. */
  private record Match(InternalRow key, InternalRow scanned) {}

  /**
   * Reads the matching rows on the driver, through the table's scan: their keys, and each row as
   * read (the undo's before-image, so that no row is read again before its DELETE).
   */
  private List<Match> matchingRows(Predicate[] predicates, StructType keys) {
    // like a row-level DELETE: the scan plans with half of the budget, the deletes with the rest
    ScanBuilder builder = scans.apply(RowLevelBudget.scanOptions(CaseInsensitiveStringMap.empty(),
        table.requestsPerHour(Map.of())));
    Predicate[] real = isFullTable(predicates) ? new Predicate[0] : predicates;
    if (builder instanceof SupportsPushDownV2Filters f && f.pushPredicates(real).length > 0) {
      throw new IllegalStateException("DELETE from " + table.name() + ": the condition is no "
          + "longer fully answered by the API");
    }
    if (builder instanceof SupportsPushDownRequiredColumns p) {
      p.pruneColumns(keys.add(TableDef.ROW_AS_READ, table.def().rowImageType()));
    }
    Scan scan = builder.build();
    StructType read = scan.readSchema();
    int[] positions = new int[keys.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = read.fieldIndex(keys.fields()[i].name());
    }
    int image = read.getFieldIndex(TableDef.ROW_AS_READ).getOrElse(() -> -1);
    int imageWidth = table.def().rowImageType().size();
    Batch batch = scan.toBatch();
    PartitionReaderFactory factory = batch.createReaderFactory();
    List<Match> out = new ArrayList<>();
    for (InputPartition partition : batch.planInputPartitions()) {
      try (PartitionReader<InternalRow> reader = factory.createReader(partition)) {
        while (reader.next()) {
          InternalRow row = reader.get();
          Object[] values = new Object[positions.length];
          for (int i = 0; i < positions.length; i++) {
            values[i] = row.isNullAt(positions[i]) ? null
                : row.get(positions[i], keys.fields()[i].dataType());
          }
          InternalRow scanned = image < 0 || row.isNullAt(image) ? null
              : new GenericInternalRow(new Object[] {row.getStruct(image, imageWidth).copy()});
          out.add(new Match(new GenericInternalRow(values), scanned));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
