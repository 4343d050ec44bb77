package io.github.sparkbitbucket.examples;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The analytics example in Java: runs {@code examples/sql/bitbucket_analytics.sql} (cycle time,
 * merges per week, review load, pipeline health, branch age) through the catalog {@code bb} and
 * prints each result. By default it reads the standalone emulator on {@code 127.0.0.1:7990}:
 *
 * <pre>
 * java -jar integration-tests/target/spark-bitbucket-emulator-0.1.0-SNAPSHOT-standalone.jar &amp;
 * spark-submit --jars connector/target/spark-bitbucket-0.1.0-SNAPSHOT-shaded.jar \
 *   --class io.github.sparkbitbucket.examples.AnalyticsExample \
 *   examples/target/spark-bitbucket-examples-0.1.0-SNAPSHOT.jar
 * </pre>
 *
 * <p>Environment: {@code BITBUCKET_ENDPOINT} (default the emulator's URL), {@code BITBUCKET_TOKEN}
 * (default the emulator's full-scope token), {@code BITBUCKET_WORKSPACE} (default {@code acme}).
 */
public final class AnalyticsExample {
  /** The standalone emulator's default base URL (EMULATOR.md). */
  public static final String EMULATOR_ENDPOINT = "http://127.0.0.1:7990/2.0";
  /** The standalone emulator's fixed full-scope token (EMULATOR.md), not a secret. */
  public static final String EMULATOR_TOKEN = "emu-token-full-0001";

  private AnalyticsExample() {}

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    String master = System.getProperty("spark.master", "local[*]");
    SparkSession.Builder builder = SparkSession.builder()
        .appName("bitbucket-analytics")
        .config("spark.master", master)
        .config("spark.ui.enabled", "false");
    if (master.startsWith("local")) {
      // a local run stays on the loopback interface, like the emulator
      builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
    }
    SparkSession spark = builder.getOrCreate();
    try {
      configure(spark, env.getOrDefault("BITBUCKET_ENDPOINT", EMULATOR_ENDPOINT),
          env.getOrDefault("BITBUCKET_TOKEN", EMULATOR_TOKEN));
      analyses(spark, env.getOrDefault("BITBUCKET_WORKSPACE", "acme")).forEach((name, result) -> {
        System.out.println("\n== " + name);
        result.show(30, false);
      });
    } finally {
      spark.stop();
    }
  }

  /** Registers the catalog {@code bb} the SQL file uses, reading {@code endpoint} with {@code token}. */
  static void configure(SparkSession spark, String endpoint, String token) {
    spark.conf().set("spark.sql.catalog.bb", "io.github.sparkbitbucket.BitbucketCatalog");
    spark.conf().set("spark.sql.catalog.bb.endpoint", endpoint);
    spark.conf().set("spark.sql.catalog.bb.token", token);
  }

  /**
   * Runs the file's setup for {@code workspace}; returns every named query, in file order, as a
   * Dataset (read when an action runs).
   */
  static Map<String, Dataset<Row>> analyses(SparkSession spark, String workspace) {
    AnalyticsScript script = AnalyticsScript.load();
    script.setupFor("bb", workspace).forEach(spark::sql);
    Map<String, Dataset<Row>> results = new LinkedHashMap<>();
    script.queries().forEach((name, sql) -> results.put(name, spark.sql(sql)));
    return results;
  }
}
