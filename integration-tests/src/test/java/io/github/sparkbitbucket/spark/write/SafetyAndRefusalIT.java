package io.github.sparkbitbucket.spark.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Safety switches, dry run, rejected rows, and every refusal, asserted on the message; and on
 * the emulator: a refused statement sends no write request.
 */
class SafetyAndRefusalIT extends WriteTestBase {

  private static String refusal(String statement) {
    int before = EMU.requestLog().size();
    Exception e = assertThrows(Exception.class, () -> sql(statement));
    assertEquals(List.of(), writesSince(before), "a refused statement sends no write");
    String m = messages(e);
    assertTrue(!m.contains(EMU.credentials().token()), "no secret in an error");
    return m;
  }

  @Test
  void updateOrDeleteWithoutWhereIsRefusedUnlessAllowed() {
    String update = refusal("UPDATE bbw.acme.issues SET priority = 'minor'");
    assertTrue(update.contains("UPDATE on issues has no WHERE clause and would change every row")
        && update.contains("allowFullTableWrite=true"), update);
    String delete = refusal("DELETE FROM bbw.acme.tags");
    assertTrue(delete.contains("DELETE on tags has no WHERE clause"), delete);

    int before = EMU.requestLog().size();
    sql("UPDATE bbfull.acme.projects SET description = description");
    assertEquals(List.of(), writesSince(before), "an update to the same values sends nothing");
    assertTrue(EMU.requestLog().size() > before, "but it ran: it read the projects");
  }

  @Test
  void statementsATableCannotRunAreRefusedWithWhatToDoInstead() {
    String repo = repo();
    String prDelete = refusal("DELETE FROM bbw.acme.pullrequests WHERE repository = '" + repo
        + "' AND id = 1");
    assertTrue(prDelete.contains("Bitbucket cannot delete a pull request: decline it instead "
        + "with UPDATE ... SET state = 'DECLINED'"), prDelete);
    String branchUpdate = refusal("UPDATE bbw.acme.branches SET target_hash = 'abc' WHERE "
        + "repository = '" + repo + "' AND name = 'main'");
    assertTrue(branchUpdate.contains("UPDATE of branches is refused")
        && branchUpdate.contains("DELETE the branch and INSERT it again"), branchUpdate);
    String readOnly = refusal("INSERT INTO bbw.acme.commits (repository, hash) VALUES ('" + repo
        + "', 'abc')");
    assertTrue(readOnly.contains("INSERT on commits is refused: the table is read only. "
        + "Writable tables: projects, repositories, pullrequests"), readOnly);
    String repoDelete = refusal("DELETE FROM bbw.acme.repositories WHERE slug = '" + repo + "'");
    assertTrue(repoDelete.contains("refused unless option allowRepositoryDelete=true"),
        repoDelete);
    assertTrue(EMU.store().repositories(WS).contains(repo));
  }

  @Test
  void readOnlyAndMissingColumnsAreRefusedNamingTheColumns() {
    String repo = repo();
    ObjectNode pr = UpdateDeleteRoundTripIT.newPullRequest(repo);
    int id = pr.get("id").asInt();
    int start = EMU.requestLog().size();
    String column = refusal("UPDATE bbw.acme.pullrequests SET source_branch = 'other' WHERE "
        + "repository = '" + repo + "' AND id = " + id);
    assertTrue(column.contains("UPDATE of pullrequests cannot change source_branch: it is "
        + "read-only in Bitbucket. Columns UPDATE can change: title, description, "
        + "destination_branch, draft, state (DECLINED or MERGED)"), column);
    assertTrue(column.contains("pullrequests (workspace=acme, repository=" + repo + ", id=" + id
        + ")"), column);
    assertEquals(List.of(), writesSince(start), "refused before any write request");

    String state = refusal("UPDATE bbw.acme.pullrequests SET state = 'SUPERSEDED' WHERE "
        + "repository = '" + repo + "' AND id = " + id);
    assertTrue(state.contains("only DECLINED or MERGED can be set"), state);

    String insert = refusal("INSERT INTO bbw.acme.pullrequests (repository, title, source_branch,"
        + " comment_count) VALUES ('" + repo + "', 't', 'b', 5)");
    assertTrue(insert.contains("INSERT into pullrequests cannot set comment_count: Bitbucket "
        + "sets it"), insert);
    String missing = refusal("INSERT INTO bbw.acme.pullrequests (repository, title) VALUES ('"
        + repo + "', 'no branch')");
    assertTrue(missing.contains("INSERT into pullrequests needs a value for source_branch"),
        missing);
    assertEquals(text(pr, "title"), text(EMU.store().get(WS, repo, "pullrequests",
        String.valueOf(id)), "title"));
  }

  @Test
  void aRowTheApiRejectsFailsWithItsMessageTableAndKey() {
    String repo = repo();
    String name = unique("bad");
    Exception e = assertThrows(Exception.class, () -> sql("INSERT INTO bbw.acme.branches "
        + "(repository, name, target_hash) VALUES ('" + repo + "', '" + name
        + "', 'ffffffffffffffffffffffffffffffffffffffff')"));
    String m = messages(e);
    assertTrue(m.contains("Bitbucket rejected the INSERT of branches (workspace=acme, repository="
        + repo + ", name=" + name + ", target_hash=ffff"), m);
    assertTrue(m.contains("commit not found"), m);

    int id = UpdateDeleteRoundTripIT.newPullRequest(repo).get("id").asInt();
    String u = messages(assertThrows(Exception.class, () -> sql("UPDATE bbw.acme.pullrequests "
        + "SET destination_branch = 'no-such-branch' WHERE repository = '" + repo + "' AND id = "
        + id)));
    assertTrue(u.contains("Bitbucket rejected the UPDATE of pullrequests (workspace=acme, "
        + "repository=" + repo + ", id=" + id + ")") && u.contains("no-such-branch"), u);
  }

  @Test
  void writingToTheRemovedIssueTrackerSaysSoAndPointsToJira() {
    String repo = repo();
    EMU.issueTrackerRemoved(true);
    try {
      String m = messages(assertThrows(Exception.class, () -> sql("INSERT INTO bbw.acme.issues "
          + "(repository, title) VALUES ('" + repo + "', 'after the removal')")));
      assertTrue(m.contains("Bitbucket rejected the INSERT of issues (workspace=acme, repository="
          + repo + ", title=after the removal)"), m);
      assertTrue(m.contains("issue tracker") && m.contains("Jira"), m);
      assertTrue(!m.contains(EMU.credentials().token()), "no secret in an error");
    } finally {
      EMU.issueTrackerRemoved(false);
    }
  }

  @Test
  void dryRunLogsThePlannedRequestsAndChangesNothing() {
    String repo = repo();
    String name = unique("dry");
    ObjectNode pr = UpdateDeleteRoundTripIT.newPullRequest(repo);
    int id = pr.get("id").asInt();
    String tag = store(repo, "tags").get(0).get("name").asText();
    int before = EMU.requestLog().size();
    String log;
    try (CapturedLog dryRun = new CapturedLog("io.github.sparkbitbucket.write.DryRun")) {
      sql("INSERT INTO bbdry.acme.branches (repository, name, target_hash) VALUES ('" + repo
          + "', '" + name + "', '" + someCommit(repo) + "')");
      sql("UPDATE bbdry.acme.pullrequests SET title = 'dry title' WHERE repository = '" + repo
          + "' AND id = " + id);
      sql("DELETE FROM bbdry.acme.tags WHERE repository = '" + repo + "' AND name = '" + tag
          + "'");
      log = dryRun.text();
    }
    assertEquals(List.of(), writesSince(before));
    assertEquals(null, EMU.store().get(WS, repo, "branches", name));
    assertEquals(text(pr, "title"), text(EMU.store().get(WS, repo, "pullrequests",
        String.valueOf(id)), "title"));
    assertTrue(EMU.store().get(WS, repo, "tags", tag) != null);
    assertTrue(log.contains("POST /repositories/acme/" + repo + "/refs/branches {\"name\":\""
        + name + "\""), log);
    // UPDATE sends only the column the statement set
    assertTrue(log.contains("PUT /repositories/acme/" + repo + "/pullrequests/" + id
        + " {\"title\":\"dry title\"}"), log);
    assertTrue(log.contains("DELETE /repositories/acme/" + repo + "/refs/tags/" + tag), log);
    assertTrue(log.contains("nothing was changed"), log);
  }
}
