package io.github.sparkbitbucket.metrics;

import org.apache.spark.sql.connector.metric.CustomSumMetric;

/**
 * Milliseconds spent waiting on rate limits: the backoff after Bitbucket's 429 answers, and the
 * waits for a slot of the job's {@code requestsPerHour} budget. Summed over tasks (and the
 * driver's planning); shown in the Spark UI's SQL tab.
 */
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
