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
    return TaskMetricValue.withRequestValues(stats,
        new TaskMetricValue(RowsCreatedMetric.NAME, created),
        new TaskMetricValue(RowsUpdatedMetric.NAME, updated),
        new TaskMetricValue(RowsDeletedMetric.NAME, deleted));
  }
}
