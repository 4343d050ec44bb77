package io.github.sparkbitbucket.metrics;

import org.apache.spark.sql.connector.metric.CustomSumMetric;

/** Response body bytes received from Bitbucket. Summed over tasks; shown in the Spark UI's SQL tab. */
public final class BytesReadMetric extends CustomSumMetric {
  public static final String NAME = "bitbucketBytesRead";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Bitbucket bytes read";
  }
}
