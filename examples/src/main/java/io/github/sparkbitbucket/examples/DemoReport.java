package io.github.sparkbitbucket.examples;

import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What the demo shows, once Spark and the connection options are set up. */
final class DemoReport {
  private final SparkSession spark;
  private final Map<String, String> options;

  DemoReport(SparkSession spark, Map<String, String> options) {
    this.spark = spark;
    this.options = options;
  }

  void run() {
    section("Workspaces the credentials can see: spark.read.format(\"bitbucket\").load(\"workspaces\")");
    reader().load("workspaces").select("slug", "name", "is_private", "created_on").show(false);

    section("Repositories of workspace " + options.get("workspace"));
    reader().load("repositories")
        .select("slug", "project_key", "language", "is_private", "size", "updated_on")
        .orderBy("slug")
        .show(50, false);

    registerCatalog();
    section("The same through the catalog: SHOW NAMESPACES IN bb / SHOW TABLES IN bb."
        + options.get("workspace"));
    spark.sql("SHOW NAMESPACES IN bb").show(false);
    spark.sql("SHOW TABLES IN bb.`" + options.get("workspace") + "`").show(false);

    String ws = "bb.`" + options.get("workspace") + "`";
    String crossRepo = "SELECT repository, id, title, state, author_display_name, updated_on "
        + "FROM " + ws + ".pullrequests "
        + "WHERE state = 'OPEN' AND updated_on >= TIMESTAMP '2024-01-01 00:00:00' "
        + "ORDER BY updated_on DESC LIMIT 10";
    section("A cross-repository query, its filters pushed to Bitbucket as BBQL");
    System.out.println(crossRepo);
    Dataset<Row> recent = spark.sql(crossRepo);
    System.out.println(recent.queryExecution().executedPlan().toString());
    recent.show(false);

    section("Pull requests per repository and state (an aggregation)");
    spark.sql("SELECT repository, state, COUNT(*) AS pull_requests "
        + "FROM " + ws + ".pullrequests GROUP BY repository, state "
        + "ORDER BY repository, state").show(100, false);

    section("Pipelines of merged pull requests' merge commits (a join)");
    spark.sql("SELECT p.repository, p.id, p.title, pl.build_number, pl.state AS pipeline_state, "
        + "pl.result, pl.duration_in_seconds "
        + "FROM " + ws + ".pullrequests p JOIN " + ws + ".pipelines pl "
        + "ON p.repository = pl.repository AND p.merge_commit = pl.target_commit "
        + "WHERE p.state = 'MERGED' ORDER BY pl.duration_in_seconds DESC LIMIT 10").show(false);
  }

  private DataFrameReader reader() {
    return spark.read().format("bitbucket").options(options);
  }

  private void registerCatalog() {
    spark.conf().set("spark.sql.catalog.bb", "io.github.sparkbitbucket.BitbucketCatalog");
    options.forEach((key, value) -> spark.conf().set("spark.sql.catalog.bb." + key, value));
  }

  private static void section(String title) {
    System.out.println();
    System.out.println("== " + title);
  }
}
