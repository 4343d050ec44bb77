package io.github.sparkbitbucket.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.emulator.LoggedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rate limits: a {@code requestsPerHour} budget keeps a job's requests under it in every window,
 * and a job facing 429s slows down and completes; both waits show in the wait metric. The hour
 * is shrunk to {@link #WINDOW} with {@code sparkbitbucket.budget.scale} (tests only), so a
 * budget fills and refills within seconds.
 */
class RequestBudgetIT extends SparkEmulatorTestBase {
  private static final Duration WINDOW = Duration.ofSeconds(2);
  /**
   * The budget is taken when a request is about to be sent; the emulator logs it on arrival,
   * later by a varying delay (a first connection, a busy machine): windows in the log are
   * checked this much shorter.
   */
  private static final long ARRIVAL_SLACK_NANOS = Duration.ofMillis(400).toNanos();
  private static final String WAIT_METRIC = "bitbucketRateLimitWaitMs";

  @BeforeAll
  static void shrinkTheHour() {
    System.setProperty("sparkbitbucket.budget.scale",
        String.valueOf(WINDOW.toNanos() / (double) Duration.ofHours(1).toNanos()));
  }

  @AfterAll
  static void restoreTheHour() {
    System.clearProperty("sparkbitbucket.budget.scale");
  }

  @Test
  void aReadStaysWithinItsBudgetInEveryWindowAndReturnsEveryRow() {
    int budget = 17; // planning takes 5 (sizes, bounds), the 4 partitions 3 each per window
    Dataset<Row> df = format().option("pageSize", "2").option("requestsPerHour", budget)
        .load("pullrequests").select("repository", "id");
    Set<String> rows = df.collectAsList().stream()
        .map(r -> r.getString(0) + "#" + r.get(1)).collect(Collectors.toSet());

    Set<String> expected = repositories().stream().flatMap(repo -> EMU.store()
        .list(WS, repo, "pullrequests").stream().map(pr -> repo + "#" + pr.get("id").asLong()))
        .collect(Collectors.toSet());
    assertEquals(expected, rows);
    List<LoggedRequest> log = EMU.requestLog().entries();
    assertTrue(log.size() > budget, "the job needs more than one window: " + log.size());
    assertAtMostPerWindow(budget, log);
    long waitedMs = scanMetrics(df).get(WAIT_METRIC).value();
    System.out.printf("budget read: %d requests, at most %d per %d ms window, %d ms waited%n",
        log.size(), budget, WINDOW.toMillis(), waitedMs);
    // the partitions' later requests waited for the next window
    assertTrue(waitedMs >= WINDOW.toMillis() / 2, "budget waits counted: " + waitedMs);
  }

  @Test
  void aBudgetTooSmallForThePlannedTasksIsRefusedBeforeTheTasksRun() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> format().option("pageSize", "2")
            .option("requestsPerHour", "6").load("pullrequests").collectAsList());
    assertTrue(e.getMessage().contains("Option 'requestsPerHour' (6) is too small")
        && e.getMessage().contains("Set it to at least"), e.getMessage());
    assertTrue(EMU.requestLog().size() <= 6, "only planning ran: " + EMU.requestLog().size());
  }

  @Test
  void aWriteStaysWithinItsBudgetInEveryWindow() {
    int budget = 4;
    SPARK.conf().set("spark.sql.catalog.bbbudget", "io.github.sparkbitbucket.BitbucketCatalog");
    SPARK.conf().set("spark.sql.catalog.bbbudget.endpoint", EMU.baseUrl());
    SPARK.conf().set("spark.sql.catalog.bbbudget.token", EMU.credentials().token());
    SPARK.conf().set("spark.sql.catalog.bbbudget.requestsPerHour", String.valueOf(budget));
    String repo = repositories().get(0);
    long pr = EMU.store().list(WS, repo, "pullrequests").get(0).get("id").asLong();
    String tag = "budget-" + System.nanoTime();
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      values.add("('" + repo + "', " + pr + ", '" + tag + " " + i + "')");
    }
    Map<String, SQLMetric> metrics = writeMetrics("INSERT INTO bbbudget.acme.pullrequest_comments"
        + " (repository, pullrequest_id, content_raw) VALUES " + String.join(", ", values));

    assertEquals(10, metrics.get("bitbucketRowsCreated").value());
    assertEquals(10, EMU.store().list(WS, repo, "pullrequest_comments").stream()
        .filter(c -> c.path("content").path("raw").asText().startsWith(tag)).count());
    List<LoggedRequest> posts = EMU.requestLog().entries().stream()
        .filter(r -> r.method().equals("POST")).toList();
    assertEquals(10, posts.size());
    assertAtMostPerWindow(budget, posts);
    assertTrue(metrics.get(WAIT_METRIC).value() >= WINDOW.toMillis(),
        "budget waits counted: " + metrics.get(WAIT_METRIC).value());
  }

  @Test
  void a429BurstSlowsTheJobDownAndTheWaitIsMeasured() {
    // a fixed window of 5 requests per second; Bitbucket's 429 has no Retry-After, so the client
    // backs off (exponentially, with jitter) until the window rolls over. Backoff at a tenth of
    // production (100 ms, 200 ms, ...), for a client of its own (maxRateLimitWait 10m).
    EMU.faults().rateLimit(5, Duration.ofSeconds(1));
    String backoffBefore = BackoffScale.set("0.1");
    Dataset<Row> df;
    long rows;
    try {
      df = format().option("pageSize", "8").option("maxRetries", "0")
          .option("maxRateLimitWait", "10m").load("pullrequests").select("repository", "id");
      rows = df.collectAsList().size();
    } finally {
      BackoffScale.restore(backoffBefore);
    }

    long expected = repositories().stream()
        .mapToLong(repo -> EMU.store().list(WS, repo, "pullrequests").size()).sum();
    assertEquals(expected, rows, "every row, despite maxRetries=0: 429s do not spend retries");
    List<LoggedRequest> log = EMU.requestLog().entries();
    List<LoggedRequest> limited = log.stream().filter(r -> r.status() == 429).toList();
    assertTrue(limited.size() >= 2, "the burst answered 429: " + limited.size());
    Map<String, SQLMetric> metrics = scanMetrics(df);
    assertEquals(limited.size(), metrics.get("bitbucketRetries").value());
    // the metric is the backoff the client chose; the log shows it as the gap between each 429
    // and the retry of the same URL, plus the time to wake up and send (on a busy machine, up
    // to a few hundred milliseconds each)
    long gapsMs = limited.stream().mapToLong(r -> gapToRetry(r, log)).sum() / 1_000_000;
    long waitedMs = metrics.get(WAIT_METRIC).value();
    System.out.printf("429 burst: %d requests, %d answered 429, %d ms waited (metric), %d ms of "
        + "gaps before retries (log)%n", log.size(), limited.size(), waitedMs, gapsMs);
    assertTrue(waitedMs > 0, "429 waits counted");
    assertTrue(waitedMs <= gapsMs && waitedMs >= gapsMs / 2,
        "wait metric " + waitedMs + " ms vs gaps before retries in the log " + gapsMs + " ms");
  }

  /** Nanoseconds from the 429's answer to the next request for the same URL. */
  private static long gapToRetry(LoggedRequest limited, List<LoggedRequest> log) {
    long answered = limited.startNanos() + limited.durationNanos();
    return log.stream()
        .filter(r -> r.startNanos() > limited.startNanos() && r.method().equals(limited.method())
            && r.path().equals(limited.path()) && r.query().equals(limited.query()))
        .mapToLong(LoggedRequest::startNanos).min()
        .orElseThrow(() -> new AssertionError("no retry of " + limited)) - answered;
  }

  /** No window of the budget's length (less the arrival slack) holds more than {@code max}. */
  private static void assertAtMostPerWindow(int max, List<LoggedRequest> requests) {
    List<Long> starts = requests.stream().map(LoggedRequest::startNanos)
        .sorted(Comparator.naturalOrder()).toList();
    long window = WINDOW.toNanos() - ARRIVAL_SLACK_NANOS;
    for (int i = 0; i + max < starts.size(); i++) {
      long span = starts.get(i + max) - starts.get(i);
      assertTrue(span >= window, (max + 1) + " requests within " + span / 1_000_000
          + " ms, from request " + i + " of " + starts.size());
    }
  }

  private static Map<String, SQLMetric> scanMetrics(Dataset<Row> df) {
    return StatisticsAndMetricsIT.asJava(
        StatisticsAndMetricsIT.scan(df.queryExecution().executedPlan()).metrics());
  }

  private static Map<String, SQLMetric> writeMetrics(String statement) {
    return PlanMetrics.writeMetrics(SPARK.sql(statement).queryExecution().executedPlan());
  }
}
