package io.github.sparkbitbucket.write;

import io.github.sparkbitbucket.metrics.WriteMetrics;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.write.DeltaBatchWrite;
import org.apache.spark.sql.connector.write.DeltaWrite;
import org.apache.spark.sql.connector.write.DeltaWriteBuilder;

/**
 * A planned write to one table; serves both INSERT ({@code SupportsWrite}) and the row-level
 * UPDATE, DELETE and MERGE (a delta write keyed by the table's key).
 */
final class BitbucketWrite implements DeltaWrite, DeltaWriteBuilder {
  private final WriteContext ctx;

  BitbucketWrite(WriteContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public DeltaWrite build() {
    return this;
  }

  @Override
  public DeltaBatchWrite toBatch() {
    return new BitbucketBatchWrite(ctx);
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return WriteMetrics.supported();
  }

  @Override
  public String description() {
    return "BitbucketWrite[" + ctx.table() + (ctx.settings().dryRun() ? ", dryRun" : "") + "]";
  }
}
