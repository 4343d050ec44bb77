package io.github.sparkbitbucket.read;

import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;

/** A Spark partition: read tasks that one partition reader runs concurrently. */
public record BitbucketPartition(List<ReadTask> tasks) implements InputPartition {}
