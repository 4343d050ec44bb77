package io.github.sparkbitbucket.metrics;

import io.github.sparkbitbucket.api.RequestStats;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/** The connector's write metrics, and their values for a writer. */
public final class WriteMetrics {
  private WriteMetrics() {}

  /** The metrics a write supports (shown in the Spark UI's SQL tab). */
  public static CustomMetric[] supported() {
    return new CustomMetric[] {new HttpRequestsMetric(), new RetriesMetric(),
        new RateLimitWaitMetric(), new RowsCreatedMetric(), new RowsUpdatedMetric(),
        new RowsDeletedMetric()};
  }

  /** Current values for a writer's task. */
  public static CustomTaskMetric[] taskValues(RequestStats stats, long created, long updated,
      long deleted) {
    return new CustomTaskMetric[] {
        value(HttpRequestsMetric.NAME, stats.requests()),
        value(RetriesMetric.NAME, stats.retries()),
        value(RateLimitWaitMetric.NAME, stats.rateLimitWaitNanos() / 1_000_000),
        value(RowsCreatedMetric.NAME, created),
        value(RowsUpdatedMetric.NAME, updated),
        value(RowsDeletedMetric.NAME, deleted)};
  }

  private static CustomTaskMetric value(String name, long v) {
    return new CustomTaskMetric() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long value() {
        return v;
      }
    };
  }
}
