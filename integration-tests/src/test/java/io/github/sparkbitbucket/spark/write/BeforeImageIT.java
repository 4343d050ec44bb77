package io.github.sparkbitbucket.spark.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkbitbucket.emulator.LoggedRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * UPDATE, DELETE and MERGE take each row's before-image from the scan (the {@code _row_as_read}
 * metadata column) instead of reading the row again: one request per changed row, and the undo
 * still restores what the statement read.
 */
class BeforeImageIT extends WriteTestBase {

  @Test
  void updateSendsOnePutPerRowAndNoItemGet() {
    String repo = repo();
    String tag = unique("img");
    int pr = withComments(repo, 5, tag, 12);
    int start = EMU.requestLog().size();

    sql("UPDATE bbw.acme.pullrequest_comments SET content_raw = concat(content_raw, ' edited') "
        + "WHERE repository = '" + repo + "' AND pullrequest_id = " + pr
        + " AND content_raw LIKE '" + tag + "-%'");

    List<LoggedRequest> since = since(start);
    long puts = since.stream().filter(r -> r.method().equals("PUT")).count();
    long itemGets = since.stream().filter(r -> r.method().equals("GET")
        && r.path().matches(".*/comments/\\d+")).count();
    assertEquals(12, puts, "one PUT per updated row");
    assertEquals(0, itemGets, "no GET of a row before its PUT: " + paths(since));
    assertEquals(12, store(repo, "pullrequest_comments",
        o -> text(o, "content.raw").startsWith(tag) && text(o, "content.raw").endsWith(" edited"))
        .size());
  }

  @Test
  void deleteSendsOneRequestPerRowAndNoItemGet() {
    String repo = repo();
    String tag = unique("imgdel");
    int pr = withComments(repo, 6, tag, 6);
    // content_raw LIKE is not pushed as an exact BBQL filter: Spark scans and the writer deletes
    deleteWithoutRowReads(repo, tag, "pullrequest_id = " + pr + " AND content_raw LIKE '" + tag
        + "-%'", 6);
  }

  @Test
  void aPushedDeleteReadsNoRowAgain() {
    String repo = repo();
    String tag = unique("imgpush");
    int pr = withComments(repo, 8, tag, 1);
    insertComments(repo, pr, tag, 1); // two comments with the same text
    // an exact condition: the driver lists the matching comments with BBQL and deletes them
    deleteWithoutRowReads(repo, tag, "pullrequest_id = " + pr + " AND content_raw = '" + tag
        + "-0'", 2);
  }

  /** Deletes comments of {@code repo}: one DELETE per row, no GET of a single comment. */
  private static void deleteWithoutRowReads(String repo, String tag, String condition,
      int rows) {
    int start = EMU.requestLog().size();
    sql("DELETE FROM bbw.acme.pullrequest_comments WHERE repository = '" + repo + "' AND "
        + condition);
    List<LoggedRequest> since = since(start);
    assertEquals(rows, since.stream().filter(r -> r.method().equals("DELETE")).count(),
        paths(since));
    assertEquals(0, since.stream().filter(r -> r.method().equals("GET")
        && r.path().matches(".*/comments/\\d+")).count(), paths(since));
    assertEquals(0, store(repo, "pullrequest_comments",
        o -> text(o, "content.raw").startsWith(tag)).size());
  }

  @Test
  void aFailedUpdateRestoresTheValuesTheScanRead() {
    String repo = repo();
    List<Integer> ids = IntStream.range(0, 3)
        .mapToObj(i -> UpdateDeleteRoundTripIT.newPullRequest(repo).get("id").asInt()).toList();
    List<ObjectNode> before = ids.stream().map(id -> EMU.store().get(WS, repo, "pullrequests",
        String.valueOf(id)).deepCopy()).toList();
    String idList = ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    String failing = text(before.get(2), "title") + " edited";
    int start = EMU.requestLog().size();

    assertThrows(Exception.class, () -> sql("UPDATE bbfragile.acme.pullrequests SET title = "
        + "fail_on(concat(title, ' edited'), '" + failing + "'), draft = true WHERE repository = '"
        + repo + "' AND id IN (" + idList + ")"));

    for (ObjectNode b : before) {
      ObjectNode now = EMU.store().get(WS, repo, "pullrequests", text(b, "id"));
      assertEquals(text(b, "title"), text(now, "title"));
      assertEquals(text(b, "draft"), text(now, "draft"));
      assertEquals(text(b, "description"), text(now, "description"));
    }
    List<LoggedRequest> since = since(start);
    assertTrue(since.stream().anyMatch(r -> r.method().equals("PUT")),
        "rows were changed before the failure, and put back: " + paths(since));
    assertEquals(0, since.stream().filter(r -> r.method().equals("GET")
        && r.path().matches(".*/pullrequests/\\d+")).count(), paths(since));
  }

  @Test
  void aRowDeletedAfterTheScanIsNotBroughtBack() {
    String repo = repo();
    String tag = unique("vanish");
    int pr = withComments(repo, 7, tag, 1);
    String id = text(store(repo, "pullrequest_comments",
        o -> text(o, "content.raw").startsWith(tag)).get(0), "id");
    AtomicBoolean deleted = new AtomicBoolean();
    hook = r -> {
      // someone deletes the comment right after the statement's scan listed it
      if (r.method().equals("GET") && r.path().endsWith("/pullrequests/" + pr + "/comments")
          && deleted.compareAndSet(false, true)) {
        EMU.store().delete(WS, repo, "pullrequest_comments", id);
      }
    };
    int start = EMU.requestLog().size();

    // The PUT finds the row gone and fails the task ("no longer exists in Bitbucket", see
    // ScannedBeforeImageTest); Spark's retry of the task scans again and finds nothing to update.
    sql("UPDATE bbw.acme.pullrequest_comments SET content_raw = 'too late' WHERE repository = '"
        + repo + "' AND pullrequest_id = " + pr + " AND content_raw LIKE '" + tag + "-%'");

    List<LoggedRequest> since = since(start);
    assertTrue(deleted.get());
    assertTrue(since.stream().anyMatch(r -> r.method().equals("PUT") && r.status() == 404),
        paths(since));
    assertTrue(since.stream().noneMatch(r -> r.method().equals("POST")), paths(since));
    assertEquals(null, EMU.store().get(WS, repo, "pullrequest_comments", id));
  }

  @Test
  void theRowAsReadIsAMetadataColumnAQueryCanSelect() {
    String repo = repo();
    ObjectNode pr = store(repo, "pullrequests").get(0);
    List<Row> rows = sql("SELECT id, _row_as_read.title, _row_as_read.state FROM "
        + "bbw.acme.pullrequests WHERE repository = '" + repo + "' AND id = " + text(pr, "id"));
    assertEquals(1, rows.size());
    assertEquals(text(pr, "title"), rows.get(0).getString(1));
    assertEquals(text(pr, "state"), rows.get(0).getString(2));
    assertTrue(List.of(SPARK.table("bbw.acme.pullrequests").columns()).stream()
        .noneMatch(c -> c.equals("_row_as_read")), "a metadata column is not in SELECT *");
  }

  /** Adds n comments {@code tag-0..n-1} to the repository's pull request at {@code index}. */
  private static int withComments(String repo, int index, String tag, int n) {
    int pr = store(repo, "pullrequests").get(index).get("id").asInt();
    insertComments(repo, pr, tag, n);
    return pr;
  }

  private static void insertComments(String repo, int pr, String tag, int n) {
    String values = IntStream.range(0, n).mapToObj(i -> "('" + repo + "', " + pr + ", '" + tag
        + "-" + i + "')").collect(Collectors.joining(", "));
    sql("INSERT INTO bbw.acme.pullrequest_comments (repository, pullrequest_id, content_raw) "
        + "VALUES " + values);
  }

  private static List<LoggedRequest> since(int start) {
    List<LoggedRequest> all = EMU.requestLog().entries();
    return List.copyOf(all.subList(Math.min(start, all.size()), all.size()));
  }

  private static String paths(List<LoggedRequest> log) {
    return log.stream().map(r -> r.method() + " " + r.path()).toList().toString();
  }
}
