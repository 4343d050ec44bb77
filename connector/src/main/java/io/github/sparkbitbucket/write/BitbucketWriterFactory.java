package io.github.sparkbitbucket.write;

import org.apache.spark.TaskContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DeltaWriter;
import org.apache.spark.sql.connector.write.DeltaWriterFactory;

/**
 * Ships the {@link WriteContext} and each task's share of the request budget to executors, and
 * makes one writer per task.
 */
final class BitbucketWriterFactory implements DeltaWriterFactory {
  private static final long serialVersionUID = 1L;

  private final WriteContext ctx;
  private final long requestShare;

  /** @param requestShare each task's requests per hour (0: no budget) */
  BitbucketWriterFactory(WriteContext ctx, long requestShare) {
    this.ctx = ctx;
    this.requestShare = requestShare;
  }

  @Override
  public DeltaWriter<InternalRow> createWriter(int partitionId, long taskId) {
    TaskContext task = TaskContext.get();
    return new BitbucketDataWriter(ctx, partitionId, taskId,
        task == null ? 0 : task.attemptNumber(), requestShare);
  }
}
