package io.github.sparkbitbucket.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkbitbucket.emulator.LoggedRequest;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Each kind of pushdown measurably reduces the requests the emulator logs, and returns the same
 * rows as the same query with pushdown off.
 */
class PushdownRequestsIT extends SparkEmulatorTestBase {
  static final String PRS = "bb.acme.pullrequests";

  /** Runs the query, returns [requests, rows]. */
  static long[] measure(Supplier<List<Row>> query) {
    EMU.requestLog().clear();
    List<Row> rows = query.get();
    // the catalog's workspace lookup (cached briefly) is not part of the scan
    long scanRequests = EMU.requestLog().entries().stream()
        .filter(r -> !r.path().endsWith("/user/workspaces")).count();
    return new long[] {scanRequests, rows.size()};
  }

  /** Runs {@code q} with {t} bound to the pull requests read with (or without) pushdown. */
  static List<Row> sql(String q, boolean pushdown) {
    SPARK.read().option("pushdown", String.valueOf(pushdown)).option("pageSize", "5")
        .table(PRS).createOrReplaceTempView("prs");
    return SPARK.sql(q.replace("{t}", "prs")).collectAsList();
  }

  static void assertFewer(String what, String query) {
    long[] off = measure(() -> sql(query, false));
    long[] on = measure(() -> sql(query, true));
    assertEquals(off[1], on[1], what + ": same rows either way");
    assertTrue(on[0] < off[0], what + ": " + on[0] + " requests with pushdown, " + off[0]
        + " without");
  }

  static long count(String where) {
    return EMU.store().list(WS, null, "pullrequests").stream().filter(o -> matches(o, where))
        .count();
  }

  static boolean matches(ObjectNode o, String state) {
    return o.path("state").asText().equals(state);
  }

  @Test
  void bbqlFilterReadsOnlyMatchingPages() {
    assertFewer("state filter", "SELECT id FROM {t} WHERE state = 'DECLINED'");
    long[] on = measure(() -> sql("SELECT id FROM {t} WHERE state = 'DECLINED'", true));
    assertEquals(count("DECLINED"), on[1]);
    assertTrue(requests("/pullrequests").stream().anyMatch(r -> r.query().getOrDefault("q",
        List.of("")).get(0).contains("state = \"DECLINED\"")), "q carries the BBQL");
  }

  @Test
  void repositoryFilterPrunesRepositories() {
    String repo = repositories().get(0);
    assertFewer("repository filter",
        "SELECT id FROM {t} WHERE repository = '" + repo + "'");
    measure(() -> sql("SELECT id FROM {t} WHERE repository = '" + repo + "'", true));
    assertTrue(requests("/pullrequests").stream().allMatch(r -> r.path().contains("/" + repo
        + "/")), "only " + repo + " is read");
    assertEquals(0, requests("/repositories/acme").stream()
        .filter(r -> r.path().endsWith("/repositories/acme")).count(), "no repository listing");
  }

  @Test
  void keyEqualityIsOneGet() {
    String repo = repositories().get(0);
    ObjectNode pr = EMU.store().list(WS, repo, "pullrequests").get(0);
    int id = pr.get("id").asInt();
    long[] on = measure(() -> sql("SELECT title FROM {t} WHERE repository = '" + repo
        + "' AND id = " + id, true));
    assertEquals(1, on[1]);
    assertEquals(1, on[0], "one GET: " + EMU.requestLog().entries());
    assertTrue(requests("/pullrequests/").get(0).path().endsWith("/pullrequests/" + id));
    assertFewer("key equality", "SELECT title FROM {t} WHERE repository = '" + repo
        + "' AND id = " + id);
  }

  @Test
  void requiredColumnsBecomeFields() {
    sql("SELECT title FROM {t}", true);
    LoggedRequest page = requests("/pullrequests").stream()
        .filter(r -> r.query().containsKey("sort") && r.query().get("sort").get(0).equals("id"))
        .findFirst().orElseThrow();
    String fields = page.query().get("fields").get(0);
    assertTrue(fields.contains("next"), fields);
    assertTrue(fields.contains("values.title"), fields);
    assertTrue(!fields.contains("values.description"), fields);
  }

  @Test
  void limitStopsEarly() {
    assertFewer("limit", "SELECT id, title FROM {t} LIMIT 3");
    long[] on = measure(() -> sql("SELECT id, title FROM {t} LIMIT 3", true));
    assertEquals(3, on[1]);
    // the minimum: the repository listing and the first repository's first page; no other
    // repository's page is prefetched (its rows would be thrown away)
    assertEquals(2, on[0], EMU.requestLog().entries().toString());
  }

  @Test
  void topNUsesSortAndStopsEarly() {
    String q = "SELECT repository, id, created_on FROM {t} ORDER BY created_on DESC LIMIT 3";
    List<Row> off = sql(q, false);
    assertFewer("top-N", q);
    List<Row> on = sql(q, true);
    assertEquals(off.stream().map(Row::toString).toList(),
        on.stream().map(Row::toString).toList());
    List<ObjectNode> all = EMU.store().list(WS, null, "pullrequests");
    all.sort(Comparator.comparing(o -> o.get("created_on").asText()));
    assertTrue(requests("/pullrequests").stream().anyMatch(r -> r.query().containsKey("sort")
        && r.query().get("sort").get(0).equals("-created_on")));
  }

  @Test
  void countStarWithPushableFilterCostsOneRequestPerRepository() {
    long[] on = measure(() -> SPARK.sql("SELECT COUNT(*) FROM " + PRS
        + " WHERE state = 'MERGED'").collectAsList());
    long requests = on[0];
    String log = EMU.requestLog().entries().toString();
    long count = SPARK.sql("SELECT COUNT(*) FROM " + PRS + " WHERE state = 'MERGED'")
        .collectAsList().get(0).getLong(0);
    assertEquals(count("MERGED"), count);
    // the repository listing plus one size request per repository
    assertEquals(1 + repositories().size(), requests, log);
    String explain = SPARK.sql("EXPLAIN SELECT COUNT(*) FROM " + PRS
        + " WHERE state = 'MERGED'").collectAsList().get(0).getString(0);
    assertTrue(explain.contains("count=size"), explain);
    assertTrue(explain.contains("state = \"MERGED\""), explain);
  }
}
