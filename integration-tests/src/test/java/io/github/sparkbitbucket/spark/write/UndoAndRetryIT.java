package io.github.sparkbitbucket.spark.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.emulator.LoggedRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A write that fails part-way leaves the emulator as it was, or its error lists exactly what could
 * not be undone; a task that Spark retries creates no second copy.
 */
class UndoAndRetryIT extends WriteTestBase {

  private static Set<String> branchNames(String repo) {
    return store(repo, "branches").stream().map(o -> o.get("name").asText())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** {@code n} rows (name) in one partition, in order, through VALUES. */
  private static String values(List<String> names) {
    return names.stream().map(n -> "('" + n + "')").collect(Collectors.joining(", "));
  }

  /**
   * Rows {@code prefix-0 .. prefix-(n-1)} in one partition, in order, from {@code range}: a UDF
   * over it runs in the task (over VALUES Spark would evaluate it on the driver).
   */
  private static String generated(String prefix, int n) {
    return " FROM (SELECT concat('" + prefix + "-', CAST(id AS STRING)) AS n FROM range(0, " + n
        + ", 1, 1)) t";
  }

  private static List<String> names(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).toList();
  }

  @Test
  void aRowRejectedMidJobUndoesWhatTheJobCreated() {
    String repo = repo();
    Set<String> before = branchNames(repo);
    List<String> good = names(unique("undo"), 5);
    String hash = someCommit(repo);
    String rows = values(good) + ", ('zz-bad')";
    Exception e = assertThrows(Exception.class, () -> sql("INSERT INTO bbone.acme.branches "
        + "(repository, name, target_hash) SELECT /*+ COALESCE(1) */ '" + repo + "', n, "
        + "CASE WHEN n = 'zz-bad' THEN 'ffffffffffff' ELSE '" + hash + "' END FROM VALUES "
        + rows + " AS t(n)"));

    String m = messages(e);
    assertTrue(m.contains("Bitbucket rejected the INSERT of branches (workspace=acme, repository="
        + repo + ", name=zz-bad"), m);
    assertTrue(m.contains("Undo: 5 change(s) undone, nothing left behind."), m);
    assertEquals(before, branchNames(repo));
  }

  @Test
  void whenTheUndoItselfFailsTheErrorListsExactlyWhatIsLeft() {
    String repo = repo();
    Set<String> before = branchNames(repo);
    List<String> rows = names(unique("stuck"), 6);
    EMU.faults().failWritesAfter(3); // 3 creates succeed, then every write (the undo too) fails
    Exception e = assertThrows(Exception.class, () -> sql("INSERT INTO bbfragile.acme.branches "
        + "(repository, name, target_hash) SELECT /*+ COALESCE(1) */ '" + repo + "', n, '"
        + someCommit(repo) + "' FROM VALUES " + values(rows) + " AS t(n)"));
    EMU.faults().reset();

    Set<String> left = new TreeSet<>(branchNames(repo));
    left.removeAll(before);
    assertEquals(new TreeSet<>(rows.subList(0, 3)), left);
    String m = messages(e);
    for (String name : rows) {
      boolean listed = m.contains("CREATED branches (workspace=acme, repository=" + repo
          + ", name=" + name + "): created -- not undone");
      assertEquals(left.contains(name), listed, name + " in:\n" + m);
    }
    left.forEach(n -> EMU.store().delete(WS, repo, "branches", n));
  }

  @Test
  void aTransientFailureIsRetriedByTheTaskWithoutDuplicates() {
    String repo = repo();
    List<String> rows = names(unique("flaky"), 6);
    int start = EMU.requestLog().size();
    EMU.faults().failWritesAfter(3);
    hook = r -> {
      if (r.status() == 500 && !r.method().equals("GET")) {
        EMU.faults().failWritesAfter(-1); // the outage ends
      }
    };
    sql("INSERT INTO bbfragile.acme.branches (repository, name, target_hash) "
        + "SELECT /*+ COALESCE(1) */ '" + repo + "', n, '" + someCommit(repo) + "' FROM VALUES "
        + values(rows) + " AS t(n)");

    for (String name : rows) {
      assertEquals(1, store(repo, "branches", o -> name.equals(o.get("name").asText())).size());
    }
    List<LoggedRequest> writes = writesSince(start);
    assertTrue(writes.stream().filter(r -> r.method().equals("DELETE")).count() >= 3,
        "the failed attempt took back its 3 branches before the retry");
  }

  @Test
  void aFailedSparkTaskLeavesNothingBehind() {
    String repo = repo();
    int pr = store(repo, "pullrequests").get(2).get("id").asInt();
    String tag = unique("boom");
    List<String> rows = names(tag, 5);
    int start = EMU.requestLog().size();
    Exception e = assertThrows(Exception.class, () -> sql("INSERT INTO bbw.acme."
        + "pullrequest_comments (repository, pullrequest_id, content_raw) SELECT /*+ COALESCE(1) */"
        + " '" + repo + "', " + pr + ", fail_on(n, '" + tag + "-4')" + generated(tag, 5)));
    assertTrue(messages(e).contains("test failure on " + tag + "-4"), messages(e));
    assertTrue(writesSince(start).stream().anyMatch(r -> r.method().equals("DELETE")),
        "the task wrote comments before it failed, and took them back");
    assertEquals(0, store(repo, "pullrequest_comments",
        o -> o.path("content").path("raw").asText().startsWith(tag)).size());

    // an UPDATE whose task fails: the titles it changed are restored from the before-images
    List<Integer> ids = IntStream.range(0, 3)
        .mapToObj(i -> UpdateDeleteRoundTripIT.newPullRequest(repo).get("id").asInt()).toList();
    List<String> titles = ids.stream().map(id -> text(EMU.store().get(WS, repo, "pullrequests",
        String.valueOf(id)), "title")).toList();
    String idList = ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    assertThrows(Exception.class, () -> sql("UPDATE bbw.acme.pullrequests SET title = "
        + "fail_on(concat(title, ' edited'), '" + titles.get(2) + " edited') WHERE repository = '"
        + repo + "' AND id IN (" + idList + ")"));
    assertEquals(titles, ids.stream().map(id -> text(EMU.store().get(WS, repo, "pullrequests",
        String.valueOf(id)), "title")).toList());
  }

  @Test
  void aRetriedTaskCreatesNoSecondCopy() {
    String repo = repo();
    int pr = store(repo, "pullrequests").get(3).get("id").asInt();
    int issue = store(repo, "issues").get(0).get("id").asInt();
    String hash = someCommit(repo);
    String source = InsertRoundTripIT.featureBranch(repo);
    String tag = unique("retry");
    List<String> rows = names(tag, 4);
    String marker = tag + "-3";
    String select = " SELECT /*+ COALESCE(1) */ '" + repo + "', ";
    String from = generated(tag, 4);
    int start = EMU.requestLog().size();

    sql("INSERT INTO bbw.acme.pullrequests (repository, title, source_branch)" + select
        + "fail_first_attempt(n, '" + marker + "'), '" + source + "'" + from);
    sql("INSERT INTO bbw.acme.pullrequest_comments (repository, pullrequest_id, content_raw)"
        + select + pr + ", fail_first_attempt(n, '" + marker + "')" + from);
    sql("INSERT INTO bbw.acme.branches (repository, name, target_hash)" + select
        + "fail_first_attempt(n, '" + marker + "'), '" + hash + "'" + from);
    sql("INSERT INTO bbw.acme.issues (repository, title)" + select
        + "fail_first_attempt(n, '" + marker + "')" + from);

    for (String n : rows) {
      assertEquals(1, store(repo, "pullrequests", o -> n.equals(text(o, "title"))).size(), n);
      assertEquals("OPEN", text(store(repo, "pullrequests", o -> n.equals(text(o, "title")))
          .get(0), "state"));
      assertEquals(1, store(repo, "pullrequest_comments",
          o -> n.equals(text(o, "content.raw"))).size(), n);
      assertEquals(1, store(repo, "branches", o -> n.equals(text(o, "name"))).size(), n);
      assertEquals(1, store(repo, "issues", o -> n.equals(text(o, "title"))).size(), n);
    }
    // the first attempts did write (then were taken back or, for pull requests, reused)
    List<LoggedRequest> writes = writesSince(start);
    long prPosts = writes.stream().filter(r -> r.method().equals("POST")
        && r.path().endsWith("/" + repo + "/pullrequests")).count();
    assertEquals(rows.size(), prPosts, "pull requests of the first attempt were reused");
    assertTrue(writes.stream().noneMatch(r -> r.path().endsWith("/decline")));
    assertTrue(writes.stream().filter(r -> r.method().equals("DELETE")
        && r.path().contains("/refs/branches/")).count() >= 1);
    assertTrue(issue > 0);
  }

  @Test
  void aCreateWhoseAnswerWasLostIsFoundNotPostedAgain() {
    String repo = repo();
    int pr = store(repo, "pullrequests").get(1).get("id").asInt();
    String source = InsertRoundTripIT.featureBranch(repo);
    String tag = unique("lost");
    List<String> rows = names(tag, 3);
    String select = " SELECT /*+ COALESCE(1) */ '" + repo + "', ";
    String from = " FROM VALUES " + values(rows) + " AS t(n)";
    Map<String, String> inserts = new java.util.LinkedHashMap<>();
    inserts.put("/" + repo + "/pullrequests", "INSERT INTO bbw.acme.pullrequests (repository, "
        + "title, source_branch)" + select + "n, '" + source + "'" + from);
    inserts.put("/pullrequests/" + pr + "/comments", "INSERT INTO bbw.acme.pullrequest_comments"
        + " (repository, pullrequest_id, content_raw)" + select + pr + ", n" + from);
    inserts.put("/refs/branches", "INSERT INTO bbw.acme.branches (repository, name, "
        + "target_hash)" + select + "n, '" + someCommit(repo) + "'" + from);
    inserts.put("/" + repo + "/issues", "INSERT INTO bbw.acme.issues (repository, title)" + select
        + "n" + from);

    for (Map.Entry<String, String> insert : inserts.entrySet()) {
      int start = EMU.requestLog().size();
      EMU.faults().loseResponseOfNextWrites(1); // the first POST is applied, its answer lost
      sql(insert.getValue());
      List<LoggedRequest> log = EMU.requestLog().entries();
      List<LoggedRequest> posts = log.subList(start, log.size()).stream()
          .filter(r -> r.method().equals("POST") && r.path().endsWith(insert.getKey())).toList();
      assertEquals(rows.size(), posts.size(), insert.getKey() + ": one POST per row, none again");
      // The writer sends a task's rows concurrently and the log is in order of completion, so
      // the POST whose answer was lost (the first one served) need not be logged first.
      List<Integer> statuses = posts.stream().map(LoggedRequest::status).toList();
      assertEquals(1, statuses.stream().filter(s -> s == 0).count(),
          insert.getKey() + ": exactly one answer was lost, statuses " + statuses);
      System.out.println("UndoAndRetryIT: POST statuses in log order " + statuses + " for "
          + insert.getKey());
      assertTrue(writesSince(start).stream().noneMatch(r -> r.method().equals("DELETE")),
          "nothing failed, so nothing was taken back");
    }
    for (String n : rows) {
      assertEquals(1, store(repo, "pullrequests", o -> n.equals(text(o, "title"))).size(), n);
      assertEquals(1, store(repo, "pullrequest_comments",
          o -> n.equals(text(o, "content.raw"))).size(), n);
      assertEquals(1, store(repo, "branches", o -> n.equals(text(o, "name"))).size(), n);
      assertEquals(1, store(repo, "issues", o -> n.equals(text(o, "title"))).size(), n);
    }
  }
}
