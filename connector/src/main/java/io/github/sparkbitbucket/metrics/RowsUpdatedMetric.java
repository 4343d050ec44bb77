package io.github.sparkbitbucket.metrics;

import org.apache.spark.sql.connector.metric.CustomSumMetric;

/** Rows a write updated in Bitbucket (planned ones in a dry run). Summed over tasks. */
public final class RowsUpdatedMetric extends CustomSumMetric {
  public static final String NAME = "bitbucketRowsUpdated";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Bitbucket rows updated";
  }
}
