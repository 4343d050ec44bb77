package io.github.sparkbitbucket.read;

import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * A Spark partition: read tasks that one partition reader runs concurrently.
 *
 * @param tasks what to read
 * @param requestShare this partition's share of the job's {@code requestsPerHour}, planned by the
 *     driver (0: no budget)
 */
public record BitbucketPartition(List<ReadTask> tasks, long requestShare)
    implements InputPartition {

  /** The same tasks with the given share of the request budget. */
  BitbucketPartition withRequestShare(long share) {
    return new BitbucketPartition(tasks, share);
  }
}
