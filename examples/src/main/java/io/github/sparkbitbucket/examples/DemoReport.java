package io.github.sparkbitbucket.examples;

import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the demo shows, once Spark and the connection options are set up. Each query is a method
 * returning its Dataset, so that the demo's test can check the results and {@link #run()} can
 * print them.
 */
final class DemoReport {
  /** The catalog name the report registers. */
  static final String CATALOG = "bb";

  private final SparkSession spark;
  private final Map<String, String> options;
  private final String workspace;

  DemoReport(SparkSession spark, Map<String, String> options) {
    this.spark = spark;
    this.options = Map.copyOf(options);
    this.workspace = CATALOG + ".`" + options.get("workspace") + "`";
    spark.conf().set("spark.sql.catalog." + CATALOG, "io.github.sparkbitbucket.BitbucketCatalog");
    options.forEach((key, value) -> spark.conf().set("spark.sql.catalog." + CATALOG + "." + key, value));
  }

  void run() {
    section("Workspaces the credentials can see: spark.read.format(\"bitbucket\").load(\"workspaces\")");
    workspaces().show(false);

    section("Repositories of workspace " + options.get("workspace"));
    repositories().show(100, false);

    section("The same through the catalog: SHOW NAMESPACES IN bb / SHOW TABLES IN " + workspace);
    spark.sql("SHOW NAMESPACES IN " + CATALOG).show(false);
    spark.sql("SHOW TABLES IN " + workspace).show(false);

    section("A cross-repository query: filters pushed as BBQL, ORDER BY ... LIMIT as sort= with an early stop");
    System.out.println(recentOpenPullRequestsSql());
    Dataset<Row> recent = recentOpenPullRequests();
    System.out.println(recent.queryExecution().executedPlan().toString());
    recent.show(false);

    section("Pull requests per repository and state (an aggregation)");
    pullRequestsByState().show(200, false);

    section("Pipeline results per open pull request's source branch (a join)");
    pipelinesPerOpenPullRequestBranch().show(false);
  }

  Dataset<Row> workspaces() {
    return reader().load("workspaces").select("slug", "name", "is_private", "created_on");
  }

  Dataset<Row> repositories() {
    return reader().load("repositories")
        .select("slug", "project_key", "language", "is_private", "size", "updated_on")
        .orderBy("slug");
  }

  String recentOpenPullRequestsSql() {
    return "SELECT repository, id, title, state, author_display_name, updated_on "
        + "FROM " + workspace + ".pullrequests "
        + "WHERE state = 'OPEN' AND author_display_name IS NOT NULL "
        + "ORDER BY updated_on DESC LIMIT 10";
  }

  Dataset<Row> recentOpenPullRequests() {
    return spark.sql(recentOpenPullRequestsSql());
  }

  Dataset<Row> pullRequestsByState() {
    return spark.sql("SELECT repository, state, COUNT(*) AS pull_requests "
        + "FROM " + workspace + ".pullrequests GROUP BY repository, state "
        + "ORDER BY repository, state");
  }

  Dataset<Row> pipelinesPerOpenPullRequestBranch() {
    return spark.sql("SELECT p.repository, p.source_branch, COUNT(*) AS pipelines, "
        + "SUM(CASE WHEN pl.result = 'SUCCESSFUL' THEN 1 ELSE 0 END) AS successful, "
        + "ROUND(AVG(pl.duration_in_seconds)) AS avg_seconds "
        + "FROM " + workspace + ".pullrequests p JOIN " + workspace + ".pipelines pl "
        + "ON p.repository = pl.repository AND p.source_branch = pl.target_ref_name "
        + "WHERE p.state = 'OPEN' GROUP BY p.repository, p.source_branch "
        + "ORDER BY pipelines DESC, p.repository, p.source_branch LIMIT 10");
  }

  private DataFrameReader reader() {
    return spark.read().format("bitbucket").options(options);
  }

  private static void section(String title) {
    System.out.println();
    System.out.println("== " + title);
  }
}
