package io.github.sparkbitbucket.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkbitbucket.emulator.BitbucketEmulator;
import io.github.sparkbitbucket.emulator.Dataset;
import io.github.sparkbitbucket.emulator.EmulatorStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's queries, run on the small data set, give what the emulator's own state says; the
 * write demo leaves the workspace as its script says.
 */
class DemoReportIT {
  private static BitbucketEmulator emulator;
  private static SparkSession spark;
  private static DemoReport report;

  @BeforeAll
  static void start() {
    emulator = BitbucketEmulator.builder().seed(7L).dataset(Dataset.small()).start();
    spark = SparkSession.builder().master("local[2]").appName("demo-report-it")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
    report = new DemoReport(spark, Map.of(
        "workspace", "acme",
        "endpoint", emulator.baseUrl(),
        "token", emulator.credentials().token()));
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  private static EmulatorStore store() {
    return emulator.store();
  }

  @Test
  void workspacesAndRepositoriesMatchTheEmulator() {
    List<String> slugs = report.workspaces().collectAsList().stream()
        .map(r -> r.getString(0)).sorted().toList();
    assertEquals(store().workspaces().stream().sorted().toList(), slugs);

    List<String> repos = report.repositories().collectAsList().stream()
        .map(r -> r.getString(0)).toList();
    assertEquals(store().repositories("acme").stream().sorted().toList(), repos);
  }

  @Test
  void pullRequestCountsPerRepositoryAndStateMatchTheEmulator() {
    Map<String, Long> expected = new TreeMap<>();
    for (String repo : store().repositories("acme")) {
      for (JsonNode pr : store().list("acme", repo, "pullrequests")) {
        expected.merge(repo + "/" + pr.get("state").asText(), 1L, Long::sum);
      }
    }
    Map<String, Long> actual = new TreeMap<>();
    for (Row row : report.pullRequestsByState().collectAsList()) {
      actual.put(row.getString(0) + "/" + row.getString(1), row.getLong(2));
    }
    assertFalse(expected.isEmpty(), "the small data set has pull requests");
    assertEquals(expected, actual);
  }

  @Test
  void recentOpenPullRequestsAreTheTenNewestOpenOnes() {
    Map<String, JsonNode> open = new TreeMap<>();
    for (String repo : store().repositories("acme")) {
      for (JsonNode pr : store().list("acme", repo, "pullrequests")) {
        if (pr.get("state").asText().equals("OPEN") && pr.at("/author/display_name").isTextual()) {
          open.put(repo + "#" + pr.get("id").asInt(), pr);
        }
      }
    }
    List<Instant> newest = open.values().stream()
        .map(pr -> Instant.parse(pr.get("updated_on").asText()))
        .sorted(Comparator.reverseOrder()).limit(10).toList();
    assertEquals(10, newest.size(), "the small data set has at least ten open pull requests");

    List<Row> rows = report.recentOpenPullRequests().collectAsList();
    // ties on updated_on may come in any order: compare the timestamps, then each row's identity
    assertEquals(newest, rows.stream().map(r -> r.getTimestamp(5).toInstant()).toList());
    for (Row r : rows) {
      JsonNode pr = open.get(r.getString(0) + "#" + r.getInt(1));
      assertTrue(pr != null, "an open pull request: " + r);
      assertEquals(Instant.parse(pr.get("updated_on").asText()), r.getTimestamp(5).toInstant());
      assertEquals(pr.get("title").asText(), r.getString(2));
    }
  }

  @Test
  void pipelinesJoinCountsEachOpenPullRequestBranchsPipelines() {
    List<Row> rows = report.pipelinesPerOpenPullRequestBranch().collectAsList();
    assertFalse(rows.isEmpty(), "open pull requests' branches have pipelines in the small data set");
    for (Row row : rows) {
      String repo = row.getString(0);
      String branch = row.getString(1);
      long openPrs = store().list("acme", repo, "pullrequests").stream()
          .filter(pr -> pr.get("state").asText().equals("OPEN"))
          .filter(pr -> pr.at("/source/branch/name").asText().equals(branch))
          .count();
      long pipelines = store().list("acme", repo, "pipelines").stream()
          .filter(pl -> pl.at("/target/ref_name").asText().equals(branch))
          .count();
      assertEquals(openPrs * pipelines, row.getLong(2), repo + " " + branch);
    }
    Map<String, Long> byRepo = rows.stream()
        .collect(Collectors.groupingBy(r -> r.getString(0), Collectors.counting()));
    assertTrue(rows.size() <= 10 && byRepo.values().stream().allMatch(n -> n >= 1));
  }

  @Test
  void theWholeReportRuns() {
    report.run();
  }

  @Test
  void theWriteDemoLeavesADeclinedPullRequestWithItsCommentsAndNoDemoRefs() {
    String repo = store().repositories("acme").stream().sorted().findFirst().orElseThrow();
    int issuesBefore = store().count("acme", repo, "issues");

    new DemoWrites(spark, Map.of(
        "workspace", "acme",
        "endpoint", emulator.baseUrl(),
        "token", emulator.credentials().token())).run();

    List<JsonNode> demoPrs = store().list("acme", repo, "pullrequests").stream()
        .filter(pr -> pr.get("title").asText().startsWith("Demo PR "))
        .map(pr -> (JsonNode) pr).toList();
    assertEquals(1, demoPrs.size());
    JsonNode pr = demoPrs.get(0);
    assertEquals("DECLINED", pr.get("state").asText());
    List<String> comments = store().list("acme", repo, "pullrequest_comments").stream()
        .filter(c -> c.at("/pullrequest/id").asInt() == pr.get("id").asInt())
        .map(c -> c.at("/content/raw").asText()).sorted().toList();
    assertEquals(List.of("A new comment from MERGE.", "Looks good (edited by MERGE)."), comments);
    assertTrue(store().list("acme", repo, "branches").stream()
        .noneMatch(b -> b.get("name").asText().startsWith("demo/")), "demo branch deleted");
    assertTrue(store().list("acme", repo, "tags").stream()
        .noneMatch(t -> t.get("name").asText().startsWith("demo-")), "demo tag deleted");
    assertEquals(issuesBefore, store().count("acme", repo, "issues"), "demo issue deleted");
  }
}
