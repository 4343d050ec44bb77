package io.github.sparkbitbucket.spark.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * UPDATE and DELETE on every table that takes them: the change lands in the emulator, reads back
 * through the connector, and touches nothing else.
 */
class UpdateDeleteRoundTripIT extends WriteTestBase {

  @Test
  void updatePullRequestChangesOnlyTheColumnsSet() {
    String repo = repo();
    ObjectNode pr = newPullRequest(repo);
    int id = pr.get("id").asInt();
    String newTitle = unique("renamed");
    sql("UPDATE bbw.acme.pullrequests SET title = '" + newTitle + "', draft = true WHERE "
        + "repository = '" + repo + "' AND id = " + id);

    ObjectNode after = EMU.store().get(WS, repo, "pullrequests", String.valueOf(id));
    assertEquals(newTitle, text(after, "title"));
    assertEquals("true", text(after, "draft"));
    assertEquals(text(pr, "description"), text(after, "description"));
    assertEquals(text(pr, "destination.branch.name"), text(after, "destination.branch.name"));
    assertEquals(List.of(newTitle), sql("SELECT title FROM bbw.acme.pullrequests WHERE "
        + "repository = '" + repo + "' AND id = " + id).stream().map(r -> r.getString(0))
        .toList());
  }

  @Test
  void settingStateDeclinesOrMergesAPullRequest() {
    String repo = repo();
    int declined = newPullRequest(repo).get("id").asInt();
    int merged = newPullRequest(repo).get("id").asInt();
    sql("UPDATE bbw.acme.pullrequests SET state = 'DECLINED' WHERE repository = '" + repo
        + "' AND id = " + declined);
    sql("UPDATE bbw.acme.pullrequests SET state = 'MERGED' WHERE repository = '" + repo
        + "' AND id = " + merged);

    assertEquals("DECLINED", text(EMU.store().get(WS, repo, "pullrequests",
        String.valueOf(declined)), "state"));
    ObjectNode m = EMU.store().get(WS, repo, "pullrequests", String.valueOf(merged));
    assertEquals("MERGED", text(m, "state"));
    assertNotNull(text(m, "merge_commit.hash"));
    assertTrue(EMU.requestLog().entries().stream().anyMatch(r -> r.method().equals("POST")
        && r.path().endsWith("/pullrequests/" + declined + "/decline")));
  }

  @Test
  void updateAndDeleteComments() {
    String repo = repo();
    int pr = store(repo, "pullrequests").get(0).get("id").asInt();
    String text = unique("c");
    sql("INSERT INTO bbw.acme.pullrequest_comments (repository, pullrequest_id, content_raw) "
        + "VALUES ('" + repo + "', " + pr + ", '" + text + "-keep'), ('" + repo + "', " + pr
        + ", '" + text + "-drop')");
    sql("UPDATE bbw.acme.pullrequest_comments SET content_raw = '" + text + "-edited' WHERE "
        + "repository = '" + repo + "' AND pullrequest_id = " + pr + " AND content_raw = '" + text
        + "-keep'");
    sql("DELETE FROM bbw.acme.pullrequest_comments WHERE repository = '" + repo
        + "' AND pullrequest_id = " + pr + " AND content_raw = '" + text + "-drop'");

    List<String> left = store(repo, "pullrequest_comments",
        o -> text(o, "content.raw").startsWith(text)).stream()
        .map(o -> text(o, "content.raw")).toList();
    assertEquals(List.of(text + "-edited"), left);
    assertEquals(left, sql("SELECT content_raw FROM bbw.acme.pullrequest_comments WHERE "
        + "repository = '" + repo + "' AND pullrequest_id = " + pr + " AND content_raw LIKE '"
        + text + "%'").stream().map(r -> r.getString(0)).toList());
  }

  @Test
  void deleteBranchesAndTags() {
    String repo = repo();
    String hash = someCommit(repo);
    String name = unique("tmp");
    sql("INSERT INTO bbw.acme.branches (repository, name, target_hash) VALUES ('" + repo + "', '"
        + name + "', '" + hash + "')");
    sql("INSERT INTO bbw.acme.tags (repository, name, target_hash) VALUES ('" + repo + "', '"
        + name + "', '" + hash + "')");
    sql("DELETE FROM bbw.acme.branches WHERE repository = '" + repo + "' AND name = '" + name
        + "'");
    sql("DELETE FROM bbw.acme.tags WHERE repository = '" + repo + "' AND name = '" + name + "'");

    assertNull(EMU.store().get(WS, repo, "branches", name));
    assertNull(EMU.store().get(WS, repo, "tags", name));
    assertEquals(0, sql("SELECT * FROM bbw.acme.branches WHERE repository = '" + repo
        + "' AND name = '" + name + "'").size());
  }

  @Test
  void updateAndDeleteIssuesAndIssueComments() {
    String repo = repo();
    String title = unique("issue");
    sql("INSERT INTO bbw.acme.issues (repository, title, kind) VALUES ('" + repo + "', '" + title
        + "', 'bug')");
    int id = store(repo, "issues", o -> title.equals(text(o, "title"))).get(0).get("id").asInt();
    sql("INSERT INTO bbw.acme.issue_comments (repository, issue_id, content_raw) VALUES ('" + repo
        + "', " + id + ", 'first')");
    sql("UPDATE bbw.acme.issues SET state = 'resolved', priority = 'critical' WHERE repository = '"
        + repo + "' AND id = " + id);
    sql("UPDATE bbw.acme.issue_comments SET content_raw = 'edited' WHERE repository = '" + repo
        + "' AND issue_id = " + id);

    ObjectNode issue = EMU.store().get(WS, repo, "issues", String.valueOf(id));
    assertEquals("resolved", text(issue, "state"));
    assertEquals("critical", text(issue, "priority"));
    assertEquals(title, text(issue, "title"));
    assertEquals(List.of("edited"), sql("SELECT content_raw FROM bbw.acme.issue_comments WHERE "
        + "repository = '" + repo + "' AND issue_id = " + id).stream().map(r -> r.getString(0))
        .toList());

    sql("DELETE FROM bbw.acme.issue_comments WHERE repository = '" + repo + "' AND issue_id = "
        + id);
    sql("DELETE FROM bbw.acme.issues WHERE repository = '" + repo + "' AND id = " + id);
    assertNull(EMU.store().get(WS, repo, "issues", String.valueOf(id)));
    assertEquals(0, store(repo, "issue_comments", o -> id == o.path("issue").path("id").asInt())
        .size());
  }

  @Test
  void updateAndDeleteProjectsAndRepositories() {
    String key = unique("U").toUpperCase().replace("-", "");
    String slug = unique("repo");
    sql("INSERT INTO bbw.acme.projects (key, name) VALUES ('" + key + "', 'Before')");
    sql("INSERT INTO bbw.acme.repositories (slug, name, project_key) VALUES ('" + slug + "', '"
        + slug + "', '" + key + "')");
    sql("UPDATE bbw.acme.projects SET name = 'After', description = 'changed' WHERE key = '"
        + key + "'");
    sql("UPDATE bbw.acme.repositories SET description = 'changed', has_wiki = true WHERE slug = '"
        + slug + "'");

    assertEquals("After", text(EMU.store().get(WS, null, "projects", key), "name"));
    ObjectNode repository = EMU.store().get(WS, null, "repositories", slug);
    assertEquals("changed", text(repository, "description"));
    assertEquals("true", text(repository, "has_wiki"));

    sql("DELETE FROM bbrepodel.acme.repositories WHERE slug = '" + slug + "'");
    sql("DELETE FROM bbw.acme.projects WHERE key = '" + key + "'");
    assertNull(EMU.store().get(WS, null, "repositories", slug));
    assertNull(EMU.store().get(WS, null, "projects", key));
  }

  @Test
  void aDeleteTheApiCanAnswerRunsWithoutASparkJob() {
    String repo = repo();
    String prefix = unique("gone");
    List<String> titles = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
    for (String t : titles) {
      sql("INSERT INTO bbw.acme.issues (repository, title) VALUES ('" + repo + "', '" + t + "')");
    }
    String log;
    try (CapturedLog pushed = new CapturedLog("io.github.sparkbitbucket.write.PushedDelete")) {
      sql("DELETE FROM bbw.acme.issues WHERE repository = '" + repo + "' AND title IN ('"
          + String.join("', '", titles.subList(0, 2)) + "')");
      log = pushed.text();
    }
    assertTrue(log.contains("DELETE from issues (condition pushed to the API): 2 deleted"), log);
    assertEquals(List.of(prefix + "-c"), store(repo, "issues",
        o -> text(o, "title").startsWith(prefix)).stream().map(o -> text(o, "title")).toList());
  }

  /** A new open pull request from a feature branch, made directly in the store. */
  static ObjectNode newPullRequest(String repo) {
    ObjectNode fields = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    fields.put("title", unique("pr"));
    fields.put("description", "original");
    fields.putObject("source").putObject("branch")
        .put("name", InsertRoundTripIT.featureBranch(repo));
    return EMU.store().create(WS, repo, "pullrequests", fields);
  }
}
