package io.github.sparkbitbucket.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.execution.CommandResultExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.execution.datasources.v2.V2ExistingTableWriteExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.types.DataTypes;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The core read and write scenarios on a real multi-process Spark: {@code local-cluster[2,1,1024]}
 * starts a standalone master and two workers in this JVM, and each worker launches its executor
 * as a separate JVM. Plans, partitions, writer factories, credentials and metrics therefore cross
 * process boundaries through Spark's serialization, as on a cluster.
 *
 * <p>Arguments are {@code key=value}: endpoint, token, oauthTokenUrl, oauthClientId,
 * oauthClientSecret, workspace, inserts ({@code repo:name:hash,...}), updates
 * ({@code repo:id,...}), title. Each scenario prints {@code WINDOW\tname\tstart\tend}
 * ({@link System#nanoTime()}: CLOCK_MONOTONIC on Linux, one clock for every process on the
 * machine, so the test can tell which emulator requests belong to it) and its facts.
 *
 * <p>Needs {@code SPARK_HOME} (a directory with an empty {@code jars/}) and
 * {@code SPARK_SCALA_VERSION} in its environment: the worker builds the executor's command from
 * them; the executor's classpath comes from {@code spark.executor.extraClassPath}.
 */
public final class ClusterDriver {
  private ClusterDriver() {
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (String kv : argv) {
      int eq = kv.indexOf('=');
      a.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    String ws = a.get("workspace");
    SparkSession spark = SparkSession.builder().master("local-cluster[2,1,1024]")
        .appName("cluster-driver")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.executor.memory", "512m")
        .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
        // the first job waits for both executors, so tasks really spread over two JVMs
        .config("spark.scheduler.minRegisteredResourcesRatio", "1.0")
        .config("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.sql.catalog.bb", "io.github.sparkbitbucket.BitbucketCatalog")
        .config("spark.sql.catalog.bb.endpoint", a.get("endpoint"))
        .config("spark.sql.catalog.bb.token", a.get("token"))
        .config("spark.sql.catalog.bbo", "io.github.sparkbitbucket.BitbucketCatalog")
        .config("spark.sql.catalog.bbo.endpoint", a.get("endpoint"))
        .config("spark.sql.catalog.bbo.oauthTokenUrl", a.get("oauthTokenUrl"))
        .config("spark.sql.catalog.bbo.oauthClientId", a.get("oauthClientId"))
        .config("spark.sql.catalog.bbo.oauthClientSecret", a.get("oauthClientSecret"))
        .getOrCreate();
    try {
      spark.udf().register("pid", (UDF1<Object, Long>) x -> ProcessHandle.current().pid(),
          DataTypes.LongType);
      System.out.println("DRIVER_PID\t" + ProcessHandle.current().pid());

      long start = System.nanoTime();
      Dataset<Row> read = spark.sql("SELECT repository, id, title, pid(id) AS pid FROM bb." + ws
          + ".pullrequests WHERE state = 'MERGED'");
      List<Row> rows = read.collectAsList();
      window("read", start);
      for (Row r : rows) {
        System.out.println("READ_ROW\t" + r.getString(0) + "\t" + r.get(1) + "\t"
            + r.getString(2) + "\t" + r.getLong(3));
      }
      BatchScanExec scan = find(read.queryExecution().executedPlan(), BatchScanExec.class);
      System.out.println("READ_PARTITIONS\t" + scan.inputRDD().getNumPartitions());
      metrics("READ_METRIC", scan.metrics());
      List<String> executors = new ArrayList<>();
      for (SparkExecutorInfo e : spark.sparkContext().statusTracker().getExecutorInfos()) {
        executors.add(e.host() + ":" + e.port());
      }
      // the driver is listed too
      System.out.println("EXECUTORS\t" + (executors.size() - 1));

      start = System.nanoTime();
      List<Row> oauthRows = spark.sql("SELECT repository, name, pid(name) FROM bbo." + ws
          + ".branches").collectAsList();
      window("oauth", start);
      for (Row r : oauthRows) {
        System.out.println("OAUTH_ROW\t" + r.getString(0) + "\t" + r.getString(1) + "\t"
            + r.getLong(2));
      }

      StringBuilder values = new StringBuilder();
      for (String row : a.get("inserts").split(",")) {
        String[] f = row.split(":");
        values.append(values.length() == 0 ? "" : ", ").append("('").append(f[0]).append("', '")
            .append(f[1]).append("', '").append(f[2]).append("')");
      }
      start = System.nanoTime();
      // two partitions: two writer tasks, one per executor
      Dataset<Row> insert = spark.sql("INSERT INTO bb." + ws + ".branches (repository, name, "
          + "target_hash) SELECT /*+ REPARTITION(2) */ * FROM VALUES " + values
          + " AS t(repository, name, target_hash)");
      window("insert", start);
      metrics("INSERT_METRIC", writeMetrics(insert));

      StringBuilder where = new StringBuilder();
      for (String row : a.get("updates").split(",")) {
        String[] f = row.split(":");
        where.append(where.length() == 0 ? "" : " OR ").append("(repository = '").append(f[0])
            .append("' AND id = ").append(f[1]).append(")");
      }
      start = System.nanoTime();
      Dataset<Row> update = spark.sql("UPDATE bb." + ws + ".pullrequests SET title = '"
          + a.get("title") + "' WHERE " + where);
      window("update", start);
      metrics("UPDATE_METRIC", writeMetrics(update));
    } finally {
      spark.stop();
    }
  }

  private static void window(String name, long start) {
    System.out.println("WINDOW\t" + name + "\t" + start + "\t" + System.nanoTime());
  }

  private static void metrics(String kind, scala.collection.Map<String, SQLMetric> metrics) {
    CollectionConverters.asJava(metrics).forEach((k, v) ->
        System.out.println(kind + "\t" + k + "\t" + v.value()));
  }

  private static scala.collection.Map<String, SQLMetric> writeMetrics(Dataset<Row> command) {
    return find(command.queryExecution().executedPlan(), V2ExistingTableWriteExec.class)
        .metrics();
  }

  private static <T> T find(SparkPlan plan, Class<T> type) {
    List<SparkPlan> todo = new ArrayList<>(List.of(plan));
    while (!todo.isEmpty()) {
      SparkPlan p = todo.remove(0);
      if (type.isInstance(p)) {
        return type.cast(p);
      }
      if (p instanceof AdaptiveSparkPlanExec ad) {
        todo.add(ad.executedPlan());
      }
      if (p instanceof CommandResultExec c) {
        todo.add(c.commandPhysicalPlan());
      }
      todo.addAll(CollectionConverters.asJava(p.children()));
    }
    throw new IllegalStateException("no " + type.getSimpleName() + " in " + plan);
  }
}
