package io.github.sparkbitbucket.examples;

import io.github.sparkbitbucket.emulator.BitbucketEmulator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The demo: reads Bitbucket through the connector with Spark {@code local[*]}.
 *
 * <p>By default it starts the embedded Bitbucket emulator with its standard data set, so it runs
 * on a machine with no network and no account. Given real credentials through the environment it
 * reads the real Bitbucket Cloud instead:
 *
 * <ul>
 *   <li>{@code BITBUCKET_WORKSPACE}: the workspace slug (required with credentials);
 *   <li>{@code BITBUCKET_TOKEN}: an access token (repository, project or workspace token, or OAuth),
 *       or {@code BITBUCKET_EMAIL} and {@code BITBUCKET_API_TOKEN}: an Atlassian API token;
 *   <li>{@code BITBUCKET_ENDPOINT}: optional, the API base URL;
 *   <li>{@code BITBUCKET_DEMO_WRITES=true}: also run the write demo on the real workspace.
 * </ul>
 *
 * <p>It ends with an analytics report: an HTML page with PNG charts, written into the directory
 * named by the system property {@code report.dir} (default {@code target/report}; the Maven
 * profile sets {@code examples/target/report}), whose absolute path it prints last.
 */
public final class DemoJob {

  private DemoJob() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    boolean real = env.containsKey("BITBUCKET_TOKEN") || env.containsKey("BITBUCKET_API_TOKEN");
    BitbucketEmulator emulator = null;
    Map<String, String> options = new LinkedHashMap<>();
    if (real) {
      options.put("workspace", require(env, "BITBUCKET_WORKSPACE"));
      if (env.containsKey("BITBUCKET_TOKEN")) {
        options.put("token", env.get("BITBUCKET_TOKEN"));
      } else {
        options.put("email", require(env, "BITBUCKET_EMAIL"));
        options.put("apiToken", env.get("BITBUCKET_API_TOKEN"));
      }
      if (env.containsKey("BITBUCKET_ENDPOINT")) {
        options.put("endpoint", env.get("BITBUCKET_ENDPOINT"));
      }
      System.out.println("Reading the real Bitbucket workspace " + options.get("workspace"));
    } else {
      emulator = BitbucketEmulator.builder().seed(42L).dataset(io.github.sparkbitbucket.emulator.Dataset.standard()).start();
      options.put("workspace", "acme");
      options.put("endpoint", emulator.baseUrl());
      options.put("token", emulator.credentials().token());
      System.out.println("No BITBUCKET_TOKEN given: started the embedded Bitbucket emulator at "
          + emulator.baseUrl());
    }

    SparkSession spark = SparkSession.builder()
        .appName("spark-bitbucket-demo")
        .master("local[*]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
    Path reportDir = Path.of(System.getProperty("report.dir", "target/report"));
    Path page;
    try {
      page = new DemoReport(spark, options).run(reportDir);
      // Writes change data: always on the emulator, on a real workspace only when asked.
      if (!real || "true".equals(env.get("BITBUCKET_DEMO_WRITES"))) {
        new DemoWrites(spark, options).run();
      } else {
        System.out.println("\nSkipping the write demo on a real workspace: set "
            + "BITBUCKET_DEMO_WRITES=true to run it (it creates and deletes a branch and a tag, "
            + "opens and declines a pull request, and needs the issue tracker API).");
      }
    } finally {
      spark.stop();
      if (emulator != null) {
        emulator.close();
      }
    }
    System.out.println("\nAnalytics report (HTML page with PNG charts): " + page);
  }

  private static String require(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Set " + name + " (with BITBUCKET_TOKEN or "
          + "BITBUCKET_EMAIL/BITBUCKET_API_TOKEN), or unset the credentials to use the emulator.");
    }
    return value;
  }
}
