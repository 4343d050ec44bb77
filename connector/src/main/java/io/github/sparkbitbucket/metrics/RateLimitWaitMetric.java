package io.github.sparkbitbucket.metrics;

import org.apache.spark.sql.connector.metric.CustomSumMetric;

/** Milliseconds spent waiting on Bitbucket's rate limit. Summed over tasks; shown in the Spark UI's SQL tab. */
public final class RateLimitWaitMetric extends CustomSumMetric {
  public static final String NAME = "bitbucketRateLimitWaitMs";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Bitbucket rate-limit wait (ms)";
  }
}
