package io.github.sparkbitbucket.spark.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** MERGE INTO with matched update, matched delete and not-matched insert in one statement. */
class MergeIntoIT extends WriteTestBase {

  @Test
  void upsertsAndDeletesCommentsInOneStatement() {
    String repo = repo();
    int pr = store(repo, "pullrequests").get(1).get("id").asInt();
    String tag = unique("m");
    sql("INSERT INTO bbw.acme.pullrequest_comments (repository, pullrequest_id, content_raw) "
        + "VALUES ('" + repo + "', " + pr + ", '" + tag + " a'), ('" + repo + "', " + pr + ", '"
        + tag + " b')");
    Map<String, Long> ids = new TreeMap<>();
    for (ObjectNode o : store(repo, "pullrequest_comments",
        o -> text(o, "content.raw").startsWith(tag))) {
      ids.put(text(o, "content.raw"), o.get("id").asLong());
    }
    long a = ids.get(tag + " a");
    long b = ids.get(tag + " b");
    SPARK.sql("SELECT * FROM VALUES ('" + repo + "', " + pr + ", " + a + "L, '" + tag
        + " a, edited', 'upsert'), ('" + repo + "', " + pr + ", " + b + "L, null, 'delete'), ('"
        + repo + "', " + pr + ", 0L, '" + tag + " c, new', 'upsert') AS s(repo, pr, id, text, op)")
        .createOrReplaceTempView("changes");

    sql("MERGE INTO bbw.acme.pullrequest_comments t USING changes s "
        + "ON t.repository = s.repo AND t.pullrequest_id = s.pr AND t.id = s.id "
        + "WHEN MATCHED AND s.op = 'delete' THEN DELETE "
        + "WHEN MATCHED THEN UPDATE SET content_raw = s.text "
        + "WHEN NOT MATCHED THEN INSERT (repository, pullrequest_id, content_raw) "
        + "VALUES (s.repo, s.pr, s.text)");

    List<String> stored = store(repo, "pullrequest_comments",
        o -> text(o, "content.raw").startsWith(tag)).stream().map(o -> text(o, "content.raw"))
        .sorted().toList();
    assertEquals(List.of(tag + " a, edited", tag + " c, new"), stored);
    assertEquals(stored, sql("SELECT content_raw FROM bbw.acme.pullrequest_comments WHERE "
        + "repository = '" + repo + "' AND pullrequest_id = " + pr + " AND content_raw LIKE '"
        + tag + "%' ORDER BY content_raw").stream().map(r -> r.getString(0)).toList());
    assertEquals(a, store(repo, "pullrequest_comments",
        o -> text(o, "content.raw").equals(tag + " a, edited")).get(0).get("id").asLong());
  }
}
