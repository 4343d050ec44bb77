package io.github.sparkbitbucket.metrics;

import org.apache.spark.sql.connector.metric.CustomSumMetric;

/** Rows a write created in Bitbucket (planned ones in a dry run). Summed over tasks. */
public final class RowsCreatedMetric extends CustomSumMetric {
  public static final String NAME = "bitbucketRowsCreated";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Bitbucket rows created";
  }
}
