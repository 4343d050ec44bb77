package io.github.sparkbitbucket.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.emulator.BitbucketEmulator;
import io.github.sparkbitbucket.emulator.Dataset;
import io.github.sparkbitbucket.emulator.LoggedRequest;
import io.github.sparkbitbucket.table.TableRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, first bullet: a read under injected faults (5xx, 555, connection resets, truncated
 * bodies, 429 bursts) returns exactly the ground truth, and the scan's retries metric accounts
 * for every failed request; when the retries run out the query fails naming the endpoint and
 * the last status, and returns nothing.
 *
 * <p>A dedicated emulator holds 20 repositories with {@code faults.rows} issues in total
 * (default 20,000, sized for CI; the soak runs 100,000).
 */
class FaultyReadIT extends SparkEmulatorTestBase {
  static final int ROWS = Integer.getInteger("faults.rows", 20_000);
  /** Rows per page: 20 in CI (~1,000 requests per read); the soak may take the API's 100. */
  static final int PAGE_SIZE = Integer.getInteger("faults.pageSize", 20);
  static final BitbucketEmulator FAULTY;

  static {
    FAULTY = BitbucketEmulator.builder().port(0).seed(7L).latency(Duration.ZERO)
        .dataset(Dataset.builder().repositories(20).projects(2).members(4).pullRequests(20)
            .commits(20).pullRequestComments(4).branches(20).tags(4).pipelines(4).issues(ROWS)
            .issueComments(4).skew(0.2).build())
        .start();
    FAULTY.onRequest(r -> burst429());
  }

  /** While on, every 100th request opens a 429 burst that the 10th request after it closes. */
  private static final java.util.concurrent.atomic.AtomicBoolean BURSTS =
      new java.util.concurrent.atomic.AtomicBoolean();
  private static final java.util.concurrent.atomic.AtomicLong SERVED =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * 429 bursts counted in requests, not time: a time window would burst on a fast machine and
   * never on a slow one (the 100,000-row soak is slower per request than the CI run).
   */
  private static void burst429() {
    if (!BURSTS.get()) {
      return;
    }
    long n = SERVED.incrementAndGet();
    if (n % 100 == 0) {
      FAULTY.faults().rateLimit(1, Duration.ofMinutes(10)); // the next ~9 answers are 429
    } else if (n % 100 == 10) {
      FAULTY.faults().rateLimit(0, null);
    }
  }

  private static String backoffScaleBefore;

  /**
   * Retries sleep milliseconds instead of seconds. The property is read when a shared client is
   * built (lazily, inside this class's queries, for FAULTY's endpoint only); it is restored after
   * the class so that clients other test classes build later keep the production delays.
   */
  @BeforeAll
  static void fastBackoff() {
    backoffScaleBefore = BackoffScale.set("0.01");
  }

  @AfterAll
  static void stopEmulator() {
    BackoffScale.restore(backoffScaleBefore);
    FAULTY.close();
  }

  @BeforeEach
  void resetFaulty() {
    BURSTS.set(false);
    FAULTY.faults().reset();
    FAULTY.requestLog().clear();
  }

  static DataFrameReader faultyFormat(int maxRetries) {
    return SPARK.read().format("bitbucket").option("endpoint", FAULTY.baseUrl())
        .option("token", FAULTY.credentials().token()).option("workspace", WS)
        .option("maxRetries", String.valueOf(maxRetries)).option("table", "issues")
        // small pages: ~1,000 requests in CI, so each 1 % fault kind shows up (about 10 times)
        .option("pageSize", String.valueOf(PAGE_SIZE));
  }

  /** (method path ?query) -> how many times it was answered 200. */
  static Map<String, Integer> successes(List<LoggedRequest> log) {
    Map<String, Integer> out = new HashMap<>();
    for (LoggedRequest r : log) {
      if (r.status() >= 200 && r.status() < 300) {
        out.merge(r.method() + " " + r.path() + "?" + new TreeMap<>(r.query()), 1, Integer::sum);
      }
    }
    return out;
  }

  @Test
  void readUnderFaultsReturnsExactlyTheGroundTruth() {
    List<String> columns = List.of("repository", "id", "title", "state", "updated_on");
    List<String> truth = GroundTruth.rows(FAULTY.store(), WS,
        TableRegistry.require("issues"), columns).stream().sorted().toList();
    assertEquals(ROWS, truth.size(), "the dataset holds the configured rows");
    // 20 repositories: the ground truth spans them all
    assertEquals(20, FAULTY.store().repositories(WS).size());

    // Baseline without faults: which requests a clean read makes (and how often each).
    int retries = 16; // a 429 burst is up to 9 answers in a row: more than the default 6
    List<String> clean = faultyFormat(retries).load().select(columns.stream()
        .map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new))
        .collectAsList().stream().map(GroundTruth::canonical).sorted().toList();
    assertEquals(truth, clean, "a clean read returns the ground truth");
    Map<String, Integer> baseline = successes(FAULTY.requestLog().entries());
    FAULTY.requestLog().clear();

    FAULTY.faults().serverErrorRate(0.05).status555Rate(0.01).resetRate(0.01)
        .truncateRate(0.01);
    SERVED.set(0);
    BURSTS.set(true);
    org.apache.spark.sql.Dataset<Row> df = faultyFormat(retries).load().select(columns.stream()
        .map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new));
    List<String> got = df.collectAsList().stream().map(GroundTruth::canonical).sorted().toList();
    BURSTS.set(false);
    List<LoggedRequest> log = FAULTY.requestLog().entries();
    FAULTY.faults().reset();

    // Sorted lists equal = equal multisets: no duplicate, no missing row.
    assertEquals(truth.size(), got.size(), "row count under faults");
    assertEquals(truth, got, "rows under faults equal the ground truth");

    long http5xx = log.stream().filter(r -> r.status() >= 500 && r.status() < 600
        && r.status() != 555).count();
    long s555 = log.stream().filter(r -> r.status() == 555).count();
    long resets = log.stream().filter(r -> r.status() == 0).count();
    long s429 = log.stream().filter(r -> r.status() == 429).count();
    // A truncated body is logged as 200: it shows as a 200 answered more often than in the
    // clean run (the client asked again for the same page).
    Map<String, Integer> faulty = successes(log);
    long truncated = faulty.entrySet().stream()
        .mapToLong(e -> Math.max(0, e.getValue() - baseline.getOrDefault(e.getKey(), 0))).sum();
    String seen = "5xx=" + http5xx + " 555=" + s555 + " resets=" + resets + " 429=" + s429
        + " truncated=" + truncated + " of " + log.size() + " requests";
    assertTrue(http5xx > 0, "5xx injected: " + seen);
    assertTrue(s555 > 0, "555 injected: " + seen);
    assertTrue(resets > 0, "resets injected: " + seen);
    assertTrue(s429 > 0, "429 bursts injected: " + seen);
    assertTrue(truncated > 0, "truncations injected: " + seen);

    Map<String, SQLMetric> metrics = StatisticsAndMetricsIT.asJava(
        StatisticsAndMetricsIT.scan(df.queryExecution().executedPlan()).metrics());
    long retried = metrics.get("bitbucketRetries").value();
    long failed = http5xx + s555 + resets + s429 + truncated;
    System.out.println("FaultyReadIT: " + ROWS + " rows in pages of " + PAGE_SIZE + ", " + seen
        + ", retries metric " + retried);
    assertTrue(retried > 0, "retries shown in the scan's metrics");
    // Every failed request was retried (none ran out), and each retry follows one failure.
    assertEquals(failed, retried, "retries metric equals failed requests: " + seen);
    assertEquals(log.size(), metrics.get("bitbucketRequests").value(),
        "every request counted, retries included");
  }

  @Test
  void retriesRunningOutFailTheQueryNamingEndpointAndStatus() {
    org.apache.spark.sql.Dataset<Row> df = faultyFormat(1).load().select("repository", "id");
    df.queryExecution().executedPlan(); // planning succeeds; the tasks meet the outage
    FAULTY.requestLog().clear();
    FAULTY.faults().serverErrorRate(1.0);
    Exception e = assertThrows(Exception.class, df::collectAsList);
    String message = messages(e);
    assertTrue(message.contains("/2.0/repositories/" + WS + "/") && message.contains("/issues"),
        "names the endpoint: " + message);
    assertTrue(message.matches("(?s).*answered 50[023].*"), "names the last status: " + message);
    assertTrue(FAULTY.requestLog().entries().stream().noneMatch(r -> r.status() == 200
        && r.path().endsWith("/issues")), "no issues page was served, so no row was returned");
  }

  static String messages(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable x = t; x != null; x = x.getCause()) {
      b.append(x.getMessage()).append('\n');
    }
    return b.toString();
  }
}
