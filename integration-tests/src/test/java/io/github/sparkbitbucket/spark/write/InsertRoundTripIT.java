package io.github.sparkbitbucket.spark.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * INSERT into every writable table: each row is written, read back through the connector, and
 * compared with the emulator's own state.
 */
class InsertRoundTripIT extends WriteTestBase {

  @Test
  void pullRequest() {
    String repo = repo();
    String title = unique("pr");
    String branch = featureBranch(repo);
    sql("INSERT INTO bbw.acme.pullrequests (repository, title, description, source_branch) "
        + "VALUES ('" + repo + "', '" + title + "', 'made by a test', '" + branch + "')");

    List<ObjectNode> stored = store(repo, "pullrequests", o -> title.equals(text(o, "title")));
    assertEquals(1, stored.size());
    assertEquals(branch, text(stored.get(0), "source.branch.name"));
    assertEquals("made by a test", text(stored.get(0), "description"));
    List<Row> read = sql("SELECT id, description, source_branch, state FROM bbw.acme.pullrequests"
        + " WHERE repository = '" + repo + "' AND title = '" + title + "'");
    assertEquals(1, read.size());
    assertEquals(stored.get(0).get("id").asInt(), read.get(0).getInt(0));
    assertEquals("made by a test", read.get(0).getString(1));
    assertEquals(branch, read.get(0).getString(2));
    assertEquals("OPEN", read.get(0).getString(3));
  }

  @Test
  void pullRequestComments() {
    String repo = repo();
    int pr = store(repo, "pullrequests").get(0).get("id").asInt();
    String text = unique("comment");
    sql("INSERT INTO bbw.acme.pullrequest_comments (repository, pullrequest_id, content_raw) "
        + "VALUES ('" + repo + "', " + pr + ", '" + text + " one'), ('" + repo + "', " + pr
        + ", '" + text + " two')");

    List<ObjectNode> stored = store(repo, "pullrequest_comments",
        o -> text(o, "content.raw").startsWith(text));
    assertEquals(2, stored.size());
    List<Row> read = sql("SELECT id, pullrequest_id, content_raw FROM "
        + "bbw.acme.pullrequest_comments WHERE repository = '" + repo + "' AND pullrequest_id = "
        + pr + " AND content_raw LIKE '" + text + "%' ORDER BY content_raw");
    assertEquals(2, read.size());
    assertEquals(text + " one", read.get(0).getString(2));
    assertEquals(pr, read.get(0).getInt(1));
    assertEquals(stored.stream().map(o -> o.get("id").asLong()).sorted().toList(),
        read.stream().map(r -> r.getLong(0)).sorted().toList());
  }

  @Test
  void branchesAndTags() {
    String repo = repo();
    String hash = someCommit(repo);
    String name = unique("feature/x");
    sql("INSERT INTO bbw.acme.branches (repository, name, target_hash) VALUES ('" + repo + "', '"
        + name + "', '" + hash + "')");
    sql("INSERT INTO bbw.acme.tags (repository, name, target_hash, message) VALUES ('" + repo
        + "', '" + name + "', '" + hash + "', 'release')");

    assertEquals(hash, text(EMU.store().get(WS, repo, "branches", name), "target.hash"));
    assertEquals(hash, text(EMU.store().get(WS, repo, "tags", name), "target.hash"));
    assertEquals(List.of(hash), sql("SELECT target_hash FROM bbw.acme.branches WHERE repository"
        + " = '" + repo + "' AND name = '" + name + "'").stream().map(r -> r.getString(0))
        .toList());
    assertEquals(List.of(hash), sql("SELECT target_hash FROM bbw.acme.tags WHERE repository = '"
        + repo + "' AND name = '" + name + "'").stream().map(r -> r.getString(0)).toList());
  }

  @Test
  void projectsAndRepositories() {
    String key = unique("P").toUpperCase().replace("-", "");
    sql("INSERT INTO bbw.acme.projects (key, name, description) VALUES ('" + key + "', 'Test "
        + key + "', 'made by a test')");
    String slug = unique("repo");
    sql("INSERT INTO bbw.acme.repositories (slug, name, description, is_private, project_key) "
        + "VALUES ('" + slug + "', '" + slug + "', 'made by a test', true, '" + key + "')");

    ObjectNode project = EMU.store().get(WS, null, "projects", key);
    assertNotNull(project);
    assertEquals("made by a test", text(project, "description"));
    ObjectNode repository = EMU.store().get(WS, null, "repositories", slug);
    assertNotNull(repository);
    assertEquals(key, text(repository, "project.key"));
    List<Row> read = sql("SELECT name, description, project_key, is_private FROM "
        + "bbw.acme.repositories WHERE slug = '" + slug + "'");
    assertEquals(1, read.size());
    assertEquals(key, read.get(0).getString(2));
    assertEquals(true, read.get(0).getBoolean(3));
    assertEquals(1, sql("SELECT * FROM bbw.acme.projects WHERE key = '" + key + "'").size());
  }

  @Test
  void pipelineIsTriggered() {
    String repo = repo();
    String branch = mainBranch(repo);
    int before = store(repo, "pipelines").size();
    sql("INSERT INTO bbw.acme.pipelines (repository, target_ref_type, target_ref_name) VALUES ('"
        + repo + "', 'branch', '" + branch + "')");

    List<ObjectNode> after = store(repo, "pipelines");
    assertEquals(before + 1, after.size());
    ObjectNode created = after.stream().max((a, b) -> Integer.compare(
        a.get("build_number").asInt(), b.get("build_number").asInt())).orElseThrow();
    assertEquals(branch, text(created, "target.ref_name"));
    List<Row> read = sql("SELECT target_ref_name FROM bbw.acme.pipelines WHERE repository = '"
        + repo + "' AND uuid = '" + created.get("uuid").asText() + "'");
    assertEquals(List.of(branch), read.stream().map(r -> r.getString(0)).toList());
  }

  @Test
  void issuesAndIssueComments() {
    String repo = repo();
    String title = unique("issue");
    sql("INSERT INTO bbw.acme.issues (repository, title, content_raw, kind, priority) VALUES ('"
        + repo + "', '" + title + "', 'steps to reproduce', 'bug', 'major')");
    ObjectNode issue = store(repo, "issues", o -> title.equals(text(o, "title"))).get(0);
    int id = issue.get("id").asInt();
    sql("INSERT INTO bbw.acme.issue_comments (repository, issue_id, content_raw) VALUES ('"
        + repo + "', " + id + ", 'me too')");

    assertEquals("bug", text(issue, "kind"));
    assertEquals(1, store(repo, "issue_comments", o -> "me too".equals(text(o, "content.raw"))
        && id == o.path("issue").path("id").asInt()).size());
    List<Row> read = sql("SELECT kind, priority, content_raw FROM bbw.acme.issues WHERE "
        + "repository = '" + repo + "' AND id = " + id);
    assertEquals("bug", read.get(0).getString(0));
    assertEquals("major", read.get(0).getString(1));
    assertEquals(List.of("me too"), sql("SELECT content_raw FROM bbw.acme.issue_comments WHERE "
        + "repository = '" + repo + "' AND issue_id = " + id).stream().map(r -> r.getString(0))
        .toList());
  }

  @Test
  void dataFrameAppendThroughTheFormat() {
    String repo = repo();
    String hash = someCommit(repo);
    String a = unique("df-a");
    String b = unique("df-b");
    StructType schema = new StructType().add("workspace", DataTypes.StringType, false)
        .add("repository", DataTypes.StringType, false).add("name", DataTypes.StringType, false)
        .add("target_hash", DataTypes.StringType);
    SPARK.createDataFrame(List.of(RowFactory.create(WS, repo, a, hash),
            RowFactory.create(WS, repo, b, hash)), schema)
        .write().format("bitbucket").options(formatOptions()).mode("append").save("branches");

    assertNotNull(EMU.store().get(WS, repo, "branches", a));
    assertNotNull(EMU.store().get(WS, repo, "branches", b));
    assertEquals(2, SPARK.read().format("bitbucket").options(formatOptions()).load("branches")
        .where("repository = '" + repo + "' AND name IN ('" + a + "', '" + b + "')").count());
  }

  static String featureBranch(String repo) {
    String main = mainBranch(repo);
    return store(repo, "branches").stream().map(b -> b.get("name").asText())
        .filter(n -> !n.equals(main)).findFirst().orElseThrow();
  }
}
