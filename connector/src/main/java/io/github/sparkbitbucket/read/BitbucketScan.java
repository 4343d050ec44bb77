package io.github.sparkbitbucket.read;

import io.github.sparkbitbucket.api.RequestBudget;
import io.github.sparkbitbucket.api.RequestStats;
import io.github.sparkbitbucket.metrics.ReadMetrics;
import io.github.sparkbitbucket.table.ColumnDef;
import io.github.sparkbitbucket.table.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Statistics;
import org.apache.spark.sql.connector.read.SupportsReportStatistics;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A planned-on-demand scan of one table. Planning (repository listing, sizes, key bounds) runs
 * once, the first time Spark asks for statistics or partitions, and is reused.
 */
public final class BitbucketScan implements SupportsReportStatistics, Batch {
  private final ScanSpec spec;
  private final ReadOptions options;
  private final RequestStats planningStats;
  private ScanPlanner.Plan plan;

  BitbucketScan(ScanSpec spec, ReadOptions options) {
    this.spec = spec;
    this.options = options;
    // Planning spends from the job's budget first; the tasks share what it leaves.
    this.planningStats = RequestStats.withBudget(options.connection().requestsPerHour().orElse(0));
  }

  ScanSpec spec() {
    return spec;
  }

  @Override
  public StructType readSchema() {
    if (spec.countOnly()) {
      return new StructType(new StructField[] {
          DataTypes.createStructField("count(*)", DataTypes.LongType, false)});
    }
    StructType columns = new StructType(spec.required().stream().map(ColumnDef::toStructField)
        .toArray(StructField[]::new));
    return spec.rowImage()
        ? columns.add(TableDef.ROW_AS_READ, spec.table().rowImageType(), true) : columns;
  }

  @Override
  public String description() {
    return "BitbucketScan" + spec.describe();
  }

  @Override
  public String toString() {
    return description();
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  private synchronized ScanPlanner.Plan plan() {
    if (plan == null) {
      plan = withRequestShares(new ScanPlanner(spec, options, planningStats).plan());
    }
    return plan;
  }

  /** Gives every partition an equal share of the request budget planning left, if any. */
  private ScanPlanner.Plan withRequestShares(ScanPlanner.Plan planned) {
    OptionalInt perHour = options.connection().requestsPerHour();
    InputPartition[] parts = planned.partitions();
    if (perHour.isEmpty() || parts.length == 0) {
      return planned;
    }
    long share = RequestBudget.taskShare(perHour.getAsInt(), planningStats.requests(),
        parts.length);
    InputPartition[] shared = new InputPartition[parts.length];
    for (int i = 0; i < parts.length; i++) {
      shared[i] = ((BitbucketPartition) parts[i]).withRequestShare(share);
    }
    return new ScanPlanner.Plan(shared, planned.rows());
  }

  @Override
  public InputPartition[] planInputPartitions() {
    return plan().partitions();
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new ReaderFactory(spec, options);
  }

  @Override
  public Statistics estimateStatistics() {
    long rows = plan().rows();
    long width = Math.max(1, readSchema().defaultSize());
    return new Statistics() {
      @Override
      public OptionalLong sizeInBytes() {
        return rows < 0 ? OptionalLong.empty() : OptionalLong.of(rows * width);
      }

      @Override
      public OptionalLong numRows() {
        return rows < 0 ? OptionalLong.empty() : OptionalLong.of(rows);
      }
    };
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return ReadMetrics.supported();
  }

  @Override
  public CustomTaskMetric[] reportDriverMetrics() {
    return ReadMetrics.taskValues(planningStats, 0);
  }

  /** Creates partition readers on executors. */
  static final class ReaderFactory implements PartitionReaderFactory {
    private static final long serialVersionUID = 1L;
    private final ScanSpec spec;
    private final ReadOptions options;
    private final RowDecoder decoder;

    ReaderFactory(ScanSpec spec, ReadOptions options) {
      this.spec = spec;
      this.options = options;
      List<ColumnDef> extra = new ArrayList<>();
      if (spec.table().orderColumn() != null) {
        spec.table().column(spec.table().orderColumn()).ifPresent(extra::add);
      }
      if (spec.required().stream().anyMatch(c -> c.source()
          == io.github.sparkbitbucket.table.ColumnSource.DETAIL)) {
        spec.table().column(spec.table().keyColumns().get(0)).ifPresent(extra::add);
      }
      if (spec.required().stream().noneMatch(c -> c.source()
          == io.github.sparkbitbucket.table.ColumnSource.JSON)) {
        // something must be requested per object, so ask for the first JSON key column
        spec.table().keyColumns().stream().map(k -> spec.table().column(k).get())
            .filter(c -> c.source() == io.github.sparkbitbucket.table.ColumnSource.JSON)
            .findFirst().ifPresent(extra::add);
      }
      if (spec.rowImage()) {
        extra.addAll(spec.table().rowImageColumns());
      }
      this.decoder = new RowDecoder(spec.table(), spec.required(), extra);
    }

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      return new BitbucketPartitionReader((BitbucketPartition) partition, spec, options, decoder);
    }
  }
}
