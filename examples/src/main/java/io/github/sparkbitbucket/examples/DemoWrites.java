package io.github.sparkbitbucket.examples;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The write half of the demo (SPEC section 5), all in SQL through the catalog {@code bbw}: the
 * seed's scenario on the legacy {@code issues} table (INSERT, UPDATE, DELETE), then the same on
 * live tables: open a pull request, comment on it, decline it; create and delete a branch and a
 * tag; and a MERGE that upserts comments.
 */
final class DemoWrites {
  private final SparkSession spark;
  private final String workspace;

  DemoWrites(SparkSession spark, Map<String, String> options) {
    this.spark = spark;
    this.workspace = options.get("workspace");
    spark.conf().set("spark.sql.catalog.bbw", "io.github.sparkbitbucket.BitbucketCatalog");
    options.forEach((key, value) -> {
      if (!key.equals("workspace")) {
        spark.conf().set("spark.sql.catalog.bbw." + key, value);
      }
    });
  }

  void run() {
    String t = "bbw." + workspace + ".";
    String repo = first("SELECT slug FROM " + t + "repositories ORDER BY slug LIMIT 1");
    String main = first("SELECT mainbranch FROM " + t + "repositories WHERE slug = '" + repo + "'");
    String hash = first("SELECT target_hash FROM " + t + "branches WHERE repository = '" + repo
        + "' AND name = '" + main + "'");
    String stamp = Long.toString(System.currentTimeMillis(), 36);

    section("Legacy issues: INSERT, UPDATE, DELETE");
    run("INSERT INTO " + t + "issues (repository, title, content_raw, kind, priority) VALUES ('"
        + repo + "', 'Demo issue " + stamp + "', 'Created by the demo', 'bug', 'major')");
    String issue = first("SELECT id FROM " + t + "issues WHERE repository = '" + repo
        + "' AND title = 'Demo issue " + stamp + "'");
    run("UPDATE " + t + "issues SET state = 'resolved', priority = 'minor' WHERE repository = '"
        + repo + "' AND id = " + issue);
    show("SELECT id, title, state, priority FROM " + t + "issues WHERE repository = '" + repo
        + "' AND id = " + issue);
    run("DELETE FROM " + t + "issues WHERE repository = '" + repo + "' AND id = " + issue);

    section("A branch and a tag: create, then delete");
    String branch = "demo/" + stamp;
    run("INSERT INTO " + t + "branches (repository, name, target_hash) VALUES ('" + repo + "', '"
        + branch + "', '" + hash + "')");
    run("INSERT INTO " + t + "tags (repository, name, target_hash, message) VALUES ('" + repo
        + "', 'demo-" + stamp + "', '" + hash + "', 'demo tag')");
    show("SELECT name, target_hash FROM " + t + "branches WHERE repository = '" + repo
        + "' AND name = '" + branch + "'");

    section("A pull request: open it, comment on it, decline it");
    run("INSERT INTO " + t + "pullrequests (repository, title, description, source_branch, "
        + "destination_branch) VALUES ('" + repo + "', 'Demo PR " + stamp + "', 'Opened by the "
        + "demo', '" + branch + "', '" + main + "')");
    String pr = first("SELECT id FROM " + t + "pullrequests WHERE repository = '" + repo
        + "' AND title = 'Demo PR " + stamp + "'");
    run("INSERT INTO " + t + "pullrequest_comments (repository, pullrequest_id, content_raw) "
        + "VALUES ('" + repo + "', " + pr + ", 'Looks good, but not now.')");
    run("UPDATE " + t + "pullrequests SET state = 'DECLINED' WHERE repository = '" + repo
        + "' AND id = " + pr);
    show("SELECT id, title, state, comment_count FROM " + t + "pullrequests WHERE repository = '"
        + repo + "' AND id = " + pr);

    section("MERGE INTO: upsert comments (update the existing one, insert a new one)");
    String comment = first("SELECT id FROM " + t + "pullrequest_comments WHERE repository = '"
        + repo + "' AND pullrequest_id = " + pr);
    spark.sql("SELECT * FROM VALUES ('" + repo + "', " + pr + ", " + comment + "L, "
        + "'Looks good (edited by MERGE).'), ('" + repo + "', " + pr + ", 0L, 'A new comment "
        + "from MERGE.') AS s(repository, pullrequest_id, id, text)")
        .createOrReplaceTempView("demo_comment_changes");
    run("MERGE INTO " + t + "pullrequest_comments c USING demo_comment_changes s "
        + "ON c.repository = s.repository AND c.pullrequest_id = s.pullrequest_id AND c.id = s.id "
        + "WHEN MATCHED THEN UPDATE SET content_raw = s.text "
        + "WHEN NOT MATCHED THEN INSERT (repository, pullrequest_id, content_raw) "
        + "VALUES (s.repository, s.pullrequest_id, s.text)");
    show("SELECT id, content_raw FROM " + t + "pullrequest_comments WHERE repository = '" + repo
        + "' AND pullrequest_id = " + pr);

    section("Clean up: delete the demo branch and tag");
    run("DELETE FROM " + t + "branches WHERE repository = '" + repo + "' AND name = '" + branch
        + "'");
    run("DELETE FROM " + t + "tags WHERE repository = '" + repo + "' AND name = 'demo-" + stamp
        + "'");
    show("SELECT count(*) AS demo_refs_left FROM " + t + "branches WHERE repository = '" + repo
        + "' AND name = '" + branch + "'");
  }

  private void section(String title) {
    System.out.println("\n=== " + title);
  }

  private void run(String statement) {
    System.out.println("> " + statement);
    spark.sql(statement).collectAsList();
  }

  private void show(String query) {
    System.out.println("> " + query);
    spark.sql(query).show(false);
  }

  private String first(String query) {
    Row row = spark.sql(query).first();
    return String.valueOf(row.get(0));
  }
}
