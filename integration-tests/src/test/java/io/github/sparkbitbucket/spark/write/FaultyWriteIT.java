package io.github.sparkbitbucket.spark.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkbitbucket.BitbucketCatalog;
import io.github.sparkbitbucket.emulator.LoggedRequest;
import io.github.sparkbitbucket.spark.BackoffScale;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, second bullet: INSERT, UPDATE, DELETE and MERGE jobs on pull request comments while
 * the emulator injects 5 % 5xx, 1 % 555, 1 % connection resets, 1 % truncated bodies and 429
 * bursts. After each job the repository's comments (all of them, id and text, from the
 * emulator's store) are either exactly the intended state (no duplicate, nothing missing, every
 * update applied), or, if the job failed, exactly the state before it except the rows its error
 * names as not undone.
 *
 * <p>{@code faults.writeRows} rows per job (default 60, in two tasks).
 */
class FaultyWriteIT extends WriteTestBase {
  static final int ROWS = Integer.getInteger("faults.writeRows", 60);
  private static final String CATALOG = "bbfaulty";
  private static final String CATALOG_FEW_RETRIES = "bbfaultyfew";
  private static final AtomicLong SERVED = new AtomicLong();
  private static final Pattern NOT_UNDONE = Pattern.compile(
      "(?:CREATED|UPDATED|DELETED|ACTION) pullrequest_comments \\(workspace=acme, repository="
          + "[^,]+, pullrequest_id=\\d+, id=(\\d+)\\)[^\\n]* -- not undone");
  private static String backoffScaleBefore;

  private String repo;
  private int pr;
  private String tag;

  /**
   * A catalog of its own: its client (keyed by the options: 16 retries, enough for a 429 burst
   * and a fault after it) is built inside this class, while retries are scaled to milliseconds;
   * the property is restored afterwards so later classes' clients keep the production delays.
   */
  @BeforeAll
  static void faultyCatalog() {
    backoffScaleBefore = BackoffScale.set("0.01");
    String prefix = "spark.sql.catalog." + CATALOG;
    SPARK.conf().set(prefix, BitbucketCatalog.class.getName());
    SPARK.conf().set(prefix + ".endpoint", EMU.baseUrl());
    SPARK.conf().set(prefix + ".token", EMU.credentials().token());
    SPARK.conf().set(prefix + ".maxRetries", "16");
    // For the job meant to fail: 4 retries still outlast a 429 burst, and give up quickly.
    String few = "spark.sql.catalog." + CATALOG_FEW_RETRIES;
    SPARK.conf().set(few, BitbucketCatalog.class.getName());
    SPARK.conf().set(few + ".endpoint", EMU.baseUrl());
    SPARK.conf().set(few + ".token", EMU.credentials().token());
    SPARK.conf().set(few + ".maxRetries", "4");
  }

  @AfterAll
  static void restoreBackoff() {
    BackoffScale.restore(backoffScaleBefore);
  }

  @BeforeEach
  void target() {
    repo = repo();
    pr = store(repo, "pullrequests").get(4).get("id").asInt();
    tag = unique("fw");
  }

  /**
   * The fault mix of issue 5, plus 429 bursts counted in requests (so that every job, even a
   * short one, meets one): a burst opens after the 3rd request of every 25 and the 4 answers
   * after it are 429.
   */
  private static void faultsOn() {
    SERVED.set(0);
    hook = r -> {
      long n = SERVED.incrementAndGet();
      if (n % 25 == 3) {
        EMU.faults().rateLimit(1, Duration.ofMinutes(10)); // the next answers are 429
      } else if (n % 25 == 7) {
        EMU.faults().rateLimit(0, null);
      }
    };
    EMU.faults().serverErrorRate(0.05).status555Rate(0.01).resetRate(0.01).truncateRate(0.01);
  }

  private static void faultsOff() {
    hook = null;
    EMU.faults().reset();
  }

  /** Every comment of the repository: id -> text. */
  private Map<Long, String> comments() {
    Map<Long, String> out = new TreeMap<>();
    for (ObjectNode o : store(repo, "pullrequest_comments")) {
      out.put(o.get("id").asLong(), text(o, "content.raw"));
    }
    return out;
  }

  /**
   * A state as sorted lines: {@code id|text} for rows that existed before the job, {@code
   * new|text} for the others (their ids are Bitbucket's), so duplicates stay visible.
   */
  private static List<String> lines(Map<Long, String> state, Set<Long> existing) {
    return state.entrySet().stream()
        .map(e -> (existing.contains(e.getKey()) ? e.getKey().toString() : "new") + "|"
            + e.getValue())
        .sorted().toList();
  }

  /**
   * Runs {@code statement} under faults, then checks the outcome: the intended state if it
   * succeeded; if it failed, the state before except exactly the rows its error lists as not
   * undone. {@code intended} null: the job must fail.
   */
  private void assertExactOutcome(String statement, List<String> intended) {
    Map<Long, String> before = comments();
    int start = EMU.requestLog().size();
    faultsOn();
    long t0 = System.nanoTime();
    Exception failure = null;
    try {
      sql(statement);
    } catch (Exception e) {
      failure = e;
    } finally {
      faultsOff();
    }
    Map<Long, String> after = comments();
    List<LoggedRequest> log = EMU.requestLog().entries();
    log = log.subList(Math.min(start, log.size()), log.size());
    String seen = injected(log);
    System.out.println("FaultyWriteIT: " + statement.split(" ")[0] + " of " + ROWS + " rows: "
        + seen + (failure == null ? ", succeeded" : ", FAILED") + " in "
        + (System.nanoTime() - t0) / 1_000_000 + " ms");
    assertTrue(log.stream().anyMatch(r -> r.status() == 429), "429 burst injected: " + seen);
    if (failure == null) {
      assertNotNull(intended, "the job was meant to fail (" + seen + ")");
      assertEquals(intended, lines(after, before.keySet()),
          "the job succeeded: the comments are exactly the intended ones (" + seen + ")");
      return;
    }
    String message = messages(failure);
    Set<Long> named = new TreeSet<>();
    Matcher m = NOT_UNDONE.matcher(message);
    while (m.find()) {
      named.add(Long.parseLong(m.group(1)));
    }
    Set<Long> differing = new TreeSet<>();
    before.forEach((id, text) -> {
      if (!text.equals(after.get(id))) {
        differing.add(id); // updated or deleted, and not restored
      }
    });
    after.keySet().stream().filter(id -> !before.containsKey(id)).forEach(differing::add);
    assertEquals(differing, named,
        "the job failed: the rows that differ from before are exactly those its error lists as "
            + "not undone (" + seen + "):\n" + message);
  }

  /** What the emulator injected, by kind, in {@code log}. */
  private static String injected(List<LoggedRequest> log) {
    long http5xx = log.stream().filter(r -> r.status() >= 500 && r.status() < 600
        && r.status() != 555).count();
    long s555 = log.stream().filter(r -> r.status() == 555).count();
    long resets = log.stream().filter(r -> r.status() == 0).count();
    long s429 = log.stream().filter(r -> r.status() == 429).count();
    return "5xx=" + http5xx + " 555=" + s555 + " resets/lost=" + resets + " 429=" + s429
        + " of " + log.size() + " requests";
  }

  private String texts(int n) {
    return " FROM (SELECT concat('" + tag + "-', CAST(id AS STRING)) AS n FROM range(0, " + n
        + ", 1, 2)) t";
  }

  private List<String> newLines(IntStream indexes, String suffix) {
    return indexes.mapToObj(i -> "new|" + tag + "-" + i + suffix).toList();
  }

  /** Inserts the job's rows without faults, for the UPDATE, DELETE and MERGE cases. */
  private void seed() {
    sql("INSERT INTO bbw.acme.pullrequest_comments (repository, pullrequest_id, content_raw) "
        + "SELECT '" + repo + "', " + pr + ", n" + texts(ROWS));
    assertEquals(ROWS, store(repo, "pullrequest_comments",
        o -> text(o, "content.raw").startsWith(tag + "-")).size());
  }

  private static List<String> plus(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out.stream().sorted().toList();
  }

  @Test
  void insertUnderFaultsCreatesEachRowExactlyOnce() {
    List<String> intended = plus(lines(comments(), comments().keySet()),
        newLines(IntStream.range(0, ROWS), ""));
    assertExactOutcome("INSERT INTO " + CATALOG + ".acme.pullrequest_comments (repository, "
        + "pullrequest_id, content_raw) SELECT '" + repo + "', " + pr + ", n" + texts(ROWS),
        intended);
  }

  @Test
  void updateUnderFaultsAppliesEveryChange() {
    seed();
    Map<Long, String> now = comments();
    List<String> intended = now.entrySet().stream().map(e -> e.getKey() + "|" + e.getValue()
        + (e.getValue().startsWith(tag + "-") ? " v2" : "")).sorted().toList();
    assertExactOutcome("UPDATE " + CATALOG + ".acme.pullrequest_comments SET content_raw = "
        + "concat(content_raw, ' v2') WHERE repository = '" + repo + "' AND pullrequest_id = "
        + pr + " AND content_raw LIKE '" + tag + "-%'", intended);
  }

  @Test
  void deleteUnderFaultsRemovesExactlyTheMatchingRows() {
    seed();
    // a Spark job (the length condition is not the API's), then the rest through the API's own
    // filter (no Spark job when the WHERE clause is pushed entirely)
    Map<Long, String> now = comments();
    List<String> intended = now.entrySet().stream()
        .filter(e -> !e.getValue().startsWith(tag + "-") || e.getValue().length() % 2 != 0)
        .map(e -> e.getKey() + "|" + e.getValue()).sorted().toList();
    assertExactOutcome("DELETE FROM " + CATALOG + ".acme.pullrequest_comments WHERE repository = '"
        + repo + "' AND pullrequest_id = " + pr + " AND content_raw LIKE '" + tag + "-%' AND "
        + "length(content_raw) % 2 = 0", intended);
    now = comments();
    intended = now.entrySet().stream().filter(e -> !e.getValue().startsWith(tag + "-"))
        .map(e -> e.getKey() + "|" + e.getValue()).sorted().toList();
    assertExactOutcome("DELETE FROM " + CATALOG + ".acme.pullrequest_comments WHERE repository = '"
        + repo + "' AND pullrequest_id = " + pr + " AND content_raw LIKE '" + tag + "-%'",
        intended);
  }

  @Test
  void mergeUnderFaultsUpdatesDeletesAndInsertsExactly() {
    seed();
    Map<Long, String> now = comments();
    // rows i % 3 == 0 are deleted, i % 3 == 1 updated, i % 3 == 2 left alone; ROWS / 3 inserted
    List<String> source = new ArrayList<>();
    List<String> intended = new ArrayList<>();
    for (Map.Entry<Long, String> e : now.entrySet()) {
      String text = e.getValue();
      if (!text.startsWith(tag + "-")) {
        intended.add(e.getKey() + "|" + text);
        continue;
      }
      int i = Integer.parseInt(text.substring(tag.length() + 1));
      if (i % 3 == 0) {
        source.add("(" + e.getKey() + "L, null, 'delete')");
      } else if (i % 3 == 1) {
        source.add("(" + e.getKey() + "L, '" + text + " merged', 'upsert')");
        intended.add(e.getKey() + "|" + text + " merged");
      } else {
        intended.add(e.getKey() + "|" + text);
      }
    }
    for (int i = 0; i < ROWS / 3; i++) {
      source.add("(0L, '" + tag + "-new-" + i + "', 'upsert')");
      intended.add("new|" + tag + "-new-" + i);
    }
    SPARK.sql("SELECT /*+ REPARTITION(2) */ * FROM VALUES " + String.join(", ", source)
        + " AS s(id, text, op)").createOrReplaceTempView("faulty_changes");
    assertExactOutcome("MERGE INTO " + CATALOG + ".acme.pullrequest_comments t USING "
        + "faulty_changes s ON t.repository = '" + repo + "' AND t.pullrequest_id = " + pr
        + " AND t.id = s.id "
        + "WHEN MATCHED AND s.op = 'delete' THEN DELETE "
        + "WHEN MATCHED THEN UPDATE SET content_raw = s.text "
        + "WHEN NOT MATCHED THEN INSERT (repository, pullrequest_id, content_raw) "
        + "VALUES ('" + repo + "', " + pr + ", s.text)",
        intended.stream().sorted().toList());
  }

  @Test
  void aJobThatFailsUnderFaultsReportsExactlyWhatItLeftChanged() {
    seed();
    Map<Long, String> before = comments();
    String update = "UPDATE " + CATALOG_FEW_RETRIES + ".acme.pullrequest_comments SET content_raw = "
        + "concat(content_raw, ' v2') WHERE repository = '" + repo + "' AND pullrequest_id = "
        + pr + " AND content_raw LIKE '" + tag + "-%'";
    // Ten writes get through, then the API refuses every write (the undo's too) until the end.
    EMU.faults().failWritesAfter(10);
    assertExactOutcome(update, null);
    Map<Long, String> after = comments();
    long changed = before.keySet().stream().filter(id -> !before.get(id).equals(after.get(id)))
        .count();
    assertTrue(changed >= 1 && changed <= 10, changed + " rows left changed");
  }

  @Test
  void postsWhoseAnswerIsLostUnderFaultsAreLookedUpNotRepeated() {
    List<String> intended = plus(lines(comments(), comments().keySet()),
        newLines(IntStream.range(0, ROWS), ""));
    int start = EMU.requestLog().size();
    EMU.faults().loseResponseOfNextWrites(5); // five creates applied, their answers dropped
    assertExactOutcome("INSERT INTO " + CATALOG + ".acme.pullrequest_comments (repository, "
        + "pullrequest_id, content_raw) SELECT '" + repo + "', " + pr + ", n" + texts(ROWS),
        intended);
    List<LoggedRequest> log = EMU.requestLog().entries();
    log = log.subList(start, log.size());
    String comments = "/pullrequests/" + pr + "/comments";
    List<LoggedRequest> lostPosts = log.stream().filter(r -> r.method().equals("POST")
        && r.path().endsWith(comments) && r.status() == 0).toList();
    assertTrue(lostPosts.size() >= 5, "five answers were lost (resets add more): " + lostPosts);
    // each lost answer is followed by a look-up of that comment by its text
    long lookups = log.stream().filter(r -> r.method().equals("GET")
        && r.path().endsWith(comments) && r.query().containsKey("q")
        && String.valueOf(r.query().get("q")).contains("content.raw")).count();
    assertTrue(lookups >= lostPosts.size(), lookups + " look-ups for " + lostPosts.size()
        + " lost answers");
    assertEquals(ROWS, store(repo, "pullrequest_comments",
        o -> text(o, "content.raw").startsWith(tag + "-")).stream()
        .map(o -> text(o, "content.raw")).collect(Collectors.toSet()).size(),
        "every row once");
  }
}
