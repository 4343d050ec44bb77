package io.github.sparkbitbucket.metrics;

import io.github.sparkbitbucket.api.RequestStats;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/** The connector's read metrics, and their values from a {@link RequestStats}. */
public final class ReadMetrics {
  private ReadMetrics() {}

  /** The metrics a scan supports (Spark instantiates them on the driver by class name). */
  public static CustomMetric[] supported() {
    return new CustomMetric[] {new HttpRequestsMetric(), new RetriesMetric(),
        new RateLimitWaitMetric(), new BytesReadMetric(), new RowsReadMetric()};
  }

  /** Current values for a task (or the driver's planning) that made requests and read rows. */
  public static CustomTaskMetric[] taskValues(RequestStats stats, long rows) {
    return TaskMetricValue.withRequestValues(stats,
        new TaskMetricValue(BytesReadMetric.NAME, stats.bytesRead()),
        new TaskMetricValue(RowsReadMetric.NAME, rows));
  }
}
