package io.github.sparkbitbucket.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's queries, run on the small data set, give what the emulator's own state says; the
 * write demo leaves the workspace as its script says.
 */
class DemoReportIT extends EmulatorSparkFixture {
  private static DemoReport report;

  @BeforeAll
  static void createReport() {
    report = new DemoReport(spark, Map.of(
        "workspace", "acme",
        "endpoint", emulator.baseUrl(),
        "token", emulator.credentials().token()));
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
  void theWholeReportRunsAndWritesAPageWhoseChartsAllDecode(@TempDir Path dir) throws Exception {
    Path page = report.run(dir.resolve("report"));

    assertEquals(dir.resolve("report/index.html").toAbsolutePath(), page);
    String html = Files.readString(page);
    List<String> charts = List.of("cycle_time_by_repository.png", "merges_per_week.png",
        "review_load.png", "pipeline_success_rate.png", "pipeline_duration.png",
        "branch_age_by_repository.png");
    Set<String> referenced = new HashSet<>();
    Matcher img = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
    while (img.find()) {
      referenced.add(img.group(1));
    }
    assertEquals(Set.copyOf(charts), referenced, "the page shows each chart once");
    for (String chart : charts) {
      BufferedImage image = ImageIO.read(page.resolveSibling(chart).toFile());
      assertTrue(image != null, chart + " is a PNG");
      assertEquals(Charts.WIDTH, image.getWidth(), chart);
      assertEquals(Charts.HEIGHT, image.getHeight(), chart);
    }
    // each analysis's table is on the page, e.g. every repository's cycle time row
    for (String repo : store().repositories("acme")) {
      assertTrue(html.contains("<td>" + repo + "</td>"), repo + " in the page's tables");
    }
  }

  // ---- The analytics queries against figures computed from the emulator's store ----

  private static Instant instant(JsonNode node) {
    return OffsetDateTime.parse(node.asText()).toInstant();
  }

  private static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  /** Spark's exact percentile: linear interpolation between the closest ranks. */
  private static double percentile(List<Double> values, double p) {
    List<Double> sorted = values.stream().sorted().toList();
    double position = p * (sorted.size() - 1);
    int lower = (int) Math.floor(position);
    int upper = (int) Math.ceil(position);
    return sorted.get(lower) + (position - lower) * (sorted.get(upper) - sorted.get(lower));
  }

  /** The SQL rounds to one decimal: equal up to that rounding. */
  private static void assertRounded(double expected, double actual, String what) {
    assertEquals(expected, actual, 0.05 + 1e-9, what);
  }

  @Test
  void cycleTimeIsTheMedianAndP90HoursFromOpeningToMergePerRepository() {
    Map<String, List<Double>> hours = new TreeMap<>();
    for (String repo : store().repositories("acme")) {
      for (JsonNode pr : store().list("acme", repo, "pullrequests")) {
        if (pr.get("state").asText().equals("MERGED")) {
          long micros = micros(instant(pr.get("updated_on"))) - micros(instant(pr.get("created_on")));
          hours.computeIfAbsent(repo, r -> new ArrayList<>()).add(micros / 3_600_000_000.0);
        }
      }
    }
    List<Row> rows = report.cycleTimeByRepository().collectAsList();
    assertTrue(hours.size() >= 2, "merged pull requests in several repositories");
    assertEquals(hours.keySet(), rows.stream().map(r -> r.getString(0)).collect(Collectors.toSet()));
    for (Row row : rows) {
      List<Double> h = hours.get(row.getString(0));
      assertEquals(h.size(), row.getLong(1), row.toString());
      assertRounded(percentile(h, 0.5), row.getDouble(2), "median " + row);
      assertRounded(percentile(h, 0.9), row.getDouble(3), "p90 " + row);
    }
    List<Double> medians = rows.stream().map(r -> r.getDouble(2)).toList();
    assertEquals(medians.stream().sorted(Comparator.reverseOrder()).toList(), medians,
        "slowest repository first");
  }

  @Test
  void mergesPerWeekCountsMergedPullRequestsByMondayWeekInUtc() {
    Map<LocalDate, Long> expected = new TreeMap<>();
    for (String repo : store().repositories("acme")) {
      for (JsonNode pr : store().list("acme", repo, "pullrequests")) {
        if (pr.get("state").asText().equals("MERGED")) {
          LocalDate week = instant(pr.get("updated_on")).atZone(ZoneOffset.UTC).toLocalDate()
              .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
          expected.merge(week, 1L, Long::sum);
        }
      }
    }
    List<Row> rows = report.mergesPerWeek().collectAsList();
    Map<LocalDate, Long> actual = new TreeMap<>();
    for (Row row : rows) {
      actual.put(row.getDate(0).toLocalDate(), row.getLong(1));
    }
    assertTrue(expected.size() >= 5, "merges spread over weeks");
    assertEquals(expected, actual);
    assertEquals(List.copyOf(expected.keySet()),
        rows.stream().map(r -> r.getDate(0).toLocalDate()).toList(), "in week order");
  }

  @Test
  void reviewLoadCountsCommentsOnOtherPeoplesPullRequestsPerReviewer() {
    Map<String, Set<String>> reviewed = new HashMap<>();
    Map<String, Long> comments = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    for (String repo : store().repositories("acme")) {
      Map<Integer, String> authors = new HashMap<>();
      for (JsonNode pr : store().list("acme", repo, "pullrequests")) {
        authors.put(pr.get("id").asInt(), pr.at("/author/uuid").asText());
      }
      for (JsonNode c : store().list("acme", repo, "pullrequest_comments")) {
        int prId = c.at("/pullrequest/id").asInt();
        String user = c.at("/user/uuid").asText();
        if (!user.equals(authors.get(prId)) && !c.path("deleted").asBoolean(false)) {
          names.put(user, c.at("/user/display_name").asText());
          reviewed.computeIfAbsent(user, u -> new HashSet<>()).add(repo + "#" + prId);
          comments.merge(user, 1L, Long::sum);
        }
      }
    }
    // display names may repeat across accounts: compare as sorted lists of (name, reviewed, comments)
    List<String> expected = names.keySet().stream()
        .map(u -> names.get(u) + "|" + reviewed.get(u).size() + "|" + comments.get(u))
        .sorted().toList();
    List<Row> rows = report.reviewLoad().collectAsList();
    List<String> actual = rows.stream()
        .map(r -> r.getString(0) + "|" + r.getLong(1) + "|" + r.getLong(2)).sorted().toList();
    assertTrue(expected.size() >= 3, "several reviewers");
    assertEquals(expected, actual);
    List<Long> load = rows.stream().map(r -> r.getLong(1)).toList();
    assertEquals(load.stream().sorted(Comparator.reverseOrder()).toList(), load, "busiest first");
  }

  @Test
  void pipelineHealthIsSuccessRateAndDurationOfCompletedPipelinesPerRepository() {
    List<Row> rows = report.pipelineHealthByRepository().collectAsList();
    Map<String, Row> byRepo = rows.stream().collect(Collectors.toMap(r -> r.getString(0), r -> r));
    int repositoriesWithFailures = 0;
    for (String repo : store().repositories("acme")) {
      List<JsonNode> completed = store().list("acme", repo, "pipelines").stream()
          .filter(p -> p.at("/state/name").asText().equals("COMPLETED"))
          .map(p -> (JsonNode) p).toList();
      if (completed.isEmpty()) {
        assertFalse(byRepo.containsKey(repo), repo);
        continue;
      }
      Row row = byRepo.get(repo);
      assertTrue(row != null, repo + " has completed pipelines");
      long successful = completed.stream()
          .filter(p -> p.at("/state/result/name").asText().equals("SUCCESSFUL")).count();
      List<Double> seconds = completed.stream()
          .map(p -> (double) p.get("duration_in_seconds").asInt()).toList();
      assertEquals(completed.size(), row.getLong(1), repo);
      assertRounded(100.0 * successful / completed.size(), row.getDouble(2), "success % " + repo);
      assertRounded(seconds.stream().mapToDouble(d -> d).average().orElseThrow() / 60, row.getDouble(3),
          "mean minutes " + repo);
      assertRounded(percentile(seconds, 0.9) / 60, row.getDouble(4), "p90 minutes " + repo);
      repositoriesWithFailures += successful < completed.size() ? 1 : 0;
    }
    assertEquals(byRepo.size(), rows.size());
    assertTrue(repositoriesWithFailures >= 1, "the data has failed pipelines to chart");
  }

  @Test
  void branchAgeCountsDaysFromEachHeadCommitToTheNewestOne() {
    Map<String, List<LocalDate>> heads = new TreeMap<>();
    LocalDate newest = LocalDate.MIN;
    for (String repo : store().repositories("acme")) {
      for (JsonNode b : store().list("acme", repo, "branches")) {
        LocalDate day = instant(b.at("/target/date")).atZone(ZoneOffset.UTC).toLocalDate();
        heads.computeIfAbsent(repo, r -> new ArrayList<>()).add(day);
        newest = day.isAfter(newest) ? day : newest;
      }
    }
    List<Row> rows = report.branchAgeByRepository().collectAsList();
    assertEquals(heads.keySet(), rows.stream().map(r -> r.getString(0)).collect(Collectors.toSet()));
    for (Row row : rows) {
      LocalDate asOf = newest;
      List<Double> ages = heads.get(row.getString(0)).stream()
          .map(d -> (double) ChronoUnit.DAYS.between(d, asOf)).toList();
      assertEquals(ages.size(), row.getLong(1), row.toString());
      assertRounded(percentile(ages, 0.5), row.getDouble(2), "median " + row);
      assertEquals(ages.stream().mapToDouble(d -> d).max().orElseThrow(), row.getInt(3), row.toString());
    }
    assertTrue(rows.stream().anyMatch(r -> r.getInt(3) > 0), "some branches are older than others");
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
