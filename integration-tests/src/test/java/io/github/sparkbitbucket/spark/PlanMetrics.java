package io.github.sparkbitbucket.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.execution.CommandResultExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.V2ExistingTableWriteExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import scala.jdk.javaapi.CollectionConverters;

/** The custom metrics a write shows in the Spark UI (SQL tab), read from its executed plan. */
public final class PlanMetrics {
  private PlanMetrics() {}

  /** The metrics of the write in {@code plan} (looking through the command's result node). */
  public static Map<String, SQLMetric> writeMetrics(SparkPlan plan) {
    List<SparkPlan> todo = new ArrayList<>(List.of(plan));
    while (!todo.isEmpty()) {
      SparkPlan p = todo.remove(0);
      if (p instanceof V2ExistingTableWriteExec w) {
        return CollectionConverters.asJava(w.metrics());
      }
      if (p instanceof CommandResultExec c) {
        todo.add(c.commandPhysicalPlan());
      }
      todo.addAll(CollectionConverters.asJava(p.children()));
    }
    throw new AssertionError("no write in " + plan);
  }
}
