package io.github.sparkbitbucket.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the demo shows, once Spark and the connection options are set up. Each query is a method
 * returning its Dataset, so that the demo's test can check the results and {@link #run(Path)} can
 * print them. The analytics queries come from {@code bitbucket_analytics.sql} (see {@link
 * AnalyticsScript}); {@link #writeAnalyticsReport(Path)} prints them and draws them into an HTML
 * page.
 */
final class DemoReport {
  /** The catalog name the report registers. */
  static final String CATALOG = "bb";

  private final SparkSession spark;
  private final Map<String, String> options;
  private final String workspace;
  private final AnalyticsScript analytics = AnalyticsScript.load();
  private boolean inWorkspace;

  DemoReport(SparkSession spark, Map<String, String> options) {
    this.spark = spark;
    this.options = Map.copyOf(options);
    this.workspace = CATALOG + ".`" + options.get("workspace") + "`";
    spark.conf().set("spark.sql.catalog." + CATALOG, "io.github.sparkbitbucket.BitbucketCatalog");
    options.forEach((key, value) -> spark.conf().set("spark.sql.catalog." + CATALOG + "." + key, value));
  }

  /** Prints every query, then writes the analytics report into {@code reportDir}; returns the page. */
  Path run(Path reportDir) {
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

    return writeAnalyticsReport(reportDir);
  }

  /**
   * Runs the five analyses, prints each as a table and writes them, charted, as
   * {@code index.html} plus one PNG per analysis into {@code dir}.
   *
   * @return the absolute path of the page
   */
  Path writeAnalyticsReport(Path dir) {
    ReportPage page = new ReportPage("Bitbucket analytics: " + options.get("workspace"),
        "Pull requests, reviews, pipelines and branches of workspace " + options.get("workspace")
            + ", read through the spark-bitbucket connector. Times are UTC.");
    List<Row> cycle = printed("cycle_time_by_repository", "Pull request cycle time",
        "Hours from opening to merge of merged pull requests, per repository (merge time: the "
            + "pull request's last update).");
    page.add("cycle_time_by_repository", "Pull request cycle time", "Median and 90th percentile "
            + "hours from opening to merge, per repository.", analytics.query("cycle_time_by_repository"),
        columns(cycle), cycle,
        Charts.bars("Cycle time of merged pull requests", "hours", cycle, "repository", false,
            "median_hours", "p90_hours"));

    List<Row> merges = printed("merges_per_week", "Merges per week",
        "Pull requests merged per week (weeks start on Monday).");
    page.add("merges_per_week", "Merges per week", "Pull requests merged per week across the "
            + "workspace (weeks start on Monday).", analytics.query("merges_per_week"),
        columns(merges), merges,
        Charts.overTime("Merged pull requests per week", "merges", merges, "week", "merges"));

    List<Row> reviews = printed("review_load", "Review load",
        "Pull requests reviewed and review comments written, per reviewer.");
    page.add("review_load", "Review load", "Comments on other people's pull requests, per "
            + "reviewer: pull requests reviewed and comments written.", analytics.query("review_load"),
        columns(reviews), reviews,
        Charts.bars("Review load per reviewer", "count", reviews, "reviewer", true,
            "pull_requests_reviewed", "review_comments"));

    List<Row> pipelines = printed("pipeline_health_by_repository", "Pipeline health",
        "Completed pipelines per repository: success rate, mean and p90 duration.");
    page.add("pipeline_success_rate", "Pipeline success rate", "Share of completed pipelines "
            + "that succeeded, per repository.", analytics.query("pipeline_health_by_repository"),
        columns(pipelines), pipelines,
        Charts.bars("Pipeline success rate", "% successful", pipelines, "repository", false,
            "success_rate_pct"));
    page.add("pipeline_duration", "Pipeline duration", "Mean and 90th percentile duration of "
            + "completed pipelines, per repository.", analytics.query("pipeline_health_by_repository"),
        columns(pipelines), pipelines,
        Charts.bars("Pipeline duration", "minutes", pipelines, "repository", false,
            "avg_minutes", "p90_minutes"));

    List<Row> branches = printed("branch_age_by_repository", "Branch age",
        "Days since each branch's head commit, from the newest head commit in the workspace.");
    page.add("branch_age_by_repository", "Branch age", "Days since each branch's head commit, "
            + "counted from the newest head commit in the workspace: median and oldest per "
            + "repository.", analytics.query("branch_age_by_repository"),
        columns(branches), branches,
        Charts.bars("Branch age", "days", branches, "repository", false, "median_age_days",
            "oldest_days"));

    Path written = page.write(dir);
    section("Analytics report with " + page.chartFiles().size() + " charts written to " + written);
    return written;
  }

  /** Hours from opening to merge of MERGED pull requests: median and p90 per repository. */
  Dataset<Row> cycleTimeByRepository() {
    return analysis("cycle_time_by_repository");
  }

  /** Merged pull requests per (Monday-based, UTC) week. */
  Dataset<Row> mergesPerWeek() {
    return analysis("merges_per_week");
  }

  /** Per reviewer: pull requests commented on (not their own) and comments written. */
  Dataset<Row> reviewLoad() {
    return analysis("review_load");
  }

  /** Per repository: completed pipelines, success rate (%), mean and p90 minutes. */
  Dataset<Row> pipelineHealthByRepository() {
    return analysis("pipeline_health_by_repository");
  }

  /** Per repository: branches, median and oldest age in days (from the newest head commit). */
  Dataset<Row> branchAgeByRepository() {
    return analysis("branch_age_by_repository");
  }

  /** One analytics query, run in this report's workspace. */
  Dataset<Row> analysis(String name) {
    useWorkspace();
    return spark.sql(analytics.query(name));
  }

  /** Runs one analysis once and prints its rows (from memory: show() would read Bitbucket again). */
  private List<Row> printed(String name, String title, String description) {
    section(title + ": " + description);
    Dataset<Row> result = analysis(name);
    List<Row> rows = result.collectAsList();
    spark.createDataFrame(rows, result.schema()).show(30, false);
    return rows;
  }

  private static String[] columns(List<Row> rows) {
    return rows.isEmpty() ? new String[0] : rows.get(0).schema().fieldNames();
  }

  /** Runs the analytics file's setup once, in this report's catalog and workspace. */
  private void useWorkspace() {
    if (!inWorkspace) {
      analytics.setupFor(CATALOG, options.get("workspace")).forEach(spark::sql);
      inWorkspace = true;
    }
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
