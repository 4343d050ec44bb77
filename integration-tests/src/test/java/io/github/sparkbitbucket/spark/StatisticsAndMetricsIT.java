package io.github.sparkbitbucket.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/** Row statistics from the API's size, and the custom metrics shown in the SQL tab. */
class StatisticsAndMetricsIT extends SparkEmulatorTestBase {

  @Test
  void rowCountComesFromSize() {
    Dataset<Row> df = SPARK.table("bb.acme.pullrequests").where("state = 'OPEN'");
    long expected = EMU.store().list(WS, null, "pullrequests").stream()
        .filter(o -> o.get("state").asText().equals("OPEN")).count();
    scala.Option<scala.math.BigInt> rows = df.queryExecution().optimizedPlan().stats()
        .rowCount();
    assertTrue(rows.isDefined(), "row count reported");
    assertEquals(expected, rows.get().longValue());
  }

  @Test
  void customMetricsCountRequestsBytesAndRows() {
    Dataset<Row> df = SPARK.read().option("pageSize", "3").table("bb.acme.pullrequests")
        .select("id", "title");
    EMU.requestLog().clear();
    long rows = df.collectAsList().size();
    long logged = EMU.requestLog().entries().stream()
        .filter(r -> !r.path().endsWith("/user/workspaces")).count(); // catalog lookup aside
    Map<String, SQLMetric> metrics = asJava(scan(df.queryExecution().executedPlan()).metrics());
    long requests = metrics.get("bitbucketRequests").value();
    assertEquals(logged, requests, "every scan request counted (planning + tasks)");
    assertEquals(rows, metrics.get("bitbucketRowsRead").value());
    assertTrue(metrics.get("bitbucketBytesRead").value() > rows * 10, "bytes counted");
    assertEquals(0, metrics.get("bitbucketRetries").value());
    assertEquals(0, metrics.get("bitbucketRateLimitWaitMs").value());
  }

  static BatchScanExec scan(SparkPlan plan) {
    List<SparkPlan> todo = new ArrayList<>(List.of(plan));
    while (!todo.isEmpty()) {
      SparkPlan p = todo.remove(0);
      if (p instanceof BatchScanExec b) {
        return b;
      }
      if (p instanceof org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec a) {
        todo.add(a.executedPlan());
      }
      todo.addAll(CollectionConverters.asJava(p.children()));
    }
    throw new AssertionError("no BatchScanExec in " + plan);
  }

  static <K, V> Map<K, V> asJava(scala.collection.Map<K, V> m) {
    return CollectionConverters.asJava(m);
  }
}
