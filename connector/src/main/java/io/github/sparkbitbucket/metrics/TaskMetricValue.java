package io.github.sparkbitbucket.metrics;

import io.github.sparkbitbucket.api.RequestStats;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/** One metric's value reported by a task (the record's accessors are the interface's methods). */
record TaskMetricValue(String name, long value) implements CustomTaskMetric {

  /** The request counters every read and write reports: requests, retries, rate-limit wait. */
  static TaskMetricValue[] requestValues(RequestStats stats) {
    return new TaskMetricValue[] {
        new TaskMetricValue(HttpRequestsMetric.NAME, stats.requests()),
        new TaskMetricValue(RetriesMetric.NAME, stats.retries()),
        new TaskMetricValue(RateLimitWaitMetric.NAME, stats.rateLimitWaitNanos() / 1_000_000)};
  }

  /** The request counters followed by {@code more}. */
  static CustomTaskMetric[] withRequestValues(RequestStats stats, TaskMetricValue... more) {
    TaskMetricValue[] requests = requestValues(stats);
    CustomTaskMetric[] all = new CustomTaskMetric[requests.length + more.length];
    System.arraycopy(requests, 0, all, 0, requests.length);
    System.arraycopy(more, 0, all, requests.length, more.length);
    return all;
  }
}
