package io.github.sparkbitbucket.metrics;

import org.apache.spark.sql.connector.metric.CustomSumMetric;

/** Rows decoded from Bitbucket responses. Summed over tasks; shown in the Spark UI's SQL tab. */
public final class RowsReadMetric extends CustomSumMetric {
  public static final String NAME = "bitbucketRowsRead";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Bitbucket rows read";
  }
}
