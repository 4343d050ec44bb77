package io.github.sparkbitbucket.metrics;

import org.apache.spark.sql.connector.metric.CustomSumMetric;

/** HTTP requests sent to Bitbucket, retries included. Summed over tasks; shown in the Spark UI's SQL tab. */
public final class HttpRequestsMetric extends CustomSumMetric {
  public static final String NAME = "bitbucketRequests";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Bitbucket HTTP requests";
  }
}
