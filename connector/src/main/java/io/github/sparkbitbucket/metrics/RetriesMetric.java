package io.github.sparkbitbucket.metrics;

import org.apache.spark.sql.connector.metric.CustomSumMetric;

/** Requests that repeated a failed attempt (429, 5xx, I/O). Summed over tasks; shown in the Spark UI's SQL tab. */
public final class RetriesMetric extends CustomSumMetric {
  public static final String NAME = "bitbucketRetries";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Bitbucket retries";
  }
}
