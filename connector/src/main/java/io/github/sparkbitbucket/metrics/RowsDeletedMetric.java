package io.github.sparkbitbucket.metrics;

import org.apache.spark.sql.connector.metric.CustomSumMetric;

/** Rows a write deleted in Bitbucket (planned ones in a dry run). Summed over tasks. */
public final class RowsDeletedMetric extends CustomSumMetric {
  public static final String NAME = "bitbucketRowsDeleted";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Bitbucket rows deleted";
  }
}
