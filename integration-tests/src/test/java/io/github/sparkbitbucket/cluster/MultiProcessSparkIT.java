package io.github.sparkbitbucket.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkbitbucket.emulator.BitbucketEmulator;
import io.github.sparkbitbucket.emulator.Credentials;
import io.github.sparkbitbucket.emulator.Dataset;
import io.github.sparkbitbucket.emulator.LoggedRequest;
import io.github.sparkbitbucket.forked.ForkedJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, real distribution: the core read and write scenarios of {@link ClusterDriver} on
 * {@code local-cluster[2,1,1024]} (a standalone master and two workers, each executor its own
 * JVM), against the emulator running here so its state and request log can be checked. The
 * driver runs once for the class; each test checks one thing it must have proved.
 */
class MultiProcessSparkIT {
  private static final String WS = "acme";
  private static final Path WORK = Path.of("target", "multi-process-spark");
  private static final List<LoggedRequest> SEEN = Collections.synchronizedList(new ArrayList<>());
  private static BitbucketEmulator emu;
  private static ForkedJvm.Result run;
  private static final List<String[]> INSERTS = new ArrayList<>();
  /** Repository and pull request (before) of each row the UPDATE changes. */
  private static final List<Object[]> UPDATES = new ArrayList<>();
  private static final String TITLE = "retitled on a cluster " + System.nanoTime();

  @BeforeAll
  static void runDriverOnACluster() throws Exception {
    emu = BitbucketEmulator.builder().port(0).seed(42L).dataset(Dataset.small())
        .latency(Duration.ZERO).start();
    emu.onRequest(SEEN::add);
    List<String> inserts = new ArrayList<>();
    List<String> updates = new ArrayList<>();
    for (String repo : emu.store().repositories(WS)) {
      String hash = emu.store().list(WS, repo, "commits").get(0).get("hash").asText();
      String name = "cluster/" + repo + "-" + System.nanoTime();
      INSERTS.add(new String[] {repo, name, hash});
      inserts.add(repo + ":" + name + ":" + hash);
      emu.store().list(WS, repo, "pullrequests").stream()
          .filter(p -> "OPEN".equals(p.get("state").asText())).findFirst().ifPresent(p -> {
            UPDATES.add(new Object[] {repo, p});
            updates.add(repo + ":" + p.get("id").asInt());
          });
    }
    assertTrue(UPDATES.size() >= 2, "the small dataset has open pull requests in 2 repositories");

    // What the worker needs to build an executor's command: SPARK_HOME with a jars/ directory
    // (empty: the classpath goes in spark.executor.extraClassPath) and the Scala version.
    Path sparkHome = WORK.resolve("spark-home").toAbsolutePath();
    Files.createDirectories(sparkHome.resolve("jars"));
    Credentials c = emu.credentials();
    run = ForkedJvm.main(ClusterDriver.class).logDir(WORK)
        .env("SPARK_HOME", sparkHome.toString()).env("SPARK_SCALA_VERSION", "2.13")
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .args("endpoint=" + emu.baseUrl(), "token=" + c.token(),
            "oauthTokenUrl=" + emu.oauthTokenUrl(), "oauthClientId=" + c.oauthClientId(),
            "oauthClientSecret=" + c.oauthClientSecret(), "workspace=" + WS,
            "inserts=" + String.join(",", inserts), "updates=" + String.join(",", updates),
            "title=" + TITLE)
        .run(Duration.ofMinutes(10));
    System.out.printf("MultiProcessSparkIT: driver JVM wall %,d ms, %d executors%n",
        run.took().toMillis(), Integer.parseInt(run.fact("EXECUTORS")));
  }

  @AfterAll
  static void stopEmulator() {
    if (emu != null) {
      emu.close();
    }
  }

  @Test
  void rowsAreReadInTwoExecutorJvmsOtherThanTheDriver() {
    assertEquals("2", run.fact("EXECUTORS"));
    long driver = Long.parseLong(run.fact("DRIVER_PID"));
    Set<Long> readers = run.facts("READ_ROW").stream().map(l -> Long.parseLong(l.split("\t")[3]))
        .collect(Collectors.toSet());
    assertFalse(readers.contains(driver), "no row was read in the driver's JVM");
    assertEquals(2, readers.size(), "rows were read in both executor JVMs: " + readers);
    for (long pid : readers) {
      // the executors were separate processes, children of the driver's workers; gone by now
      assertTrue(pid != ProcessHandle.current().pid(), "not this test's JVM either");
    }
  }

  @Test
  void multiPartitionReadWithPushdownEqualsGroundTruth() {
    Set<String> expected = new TreeSet<>();
    for (String repo : emu.store().repositories(WS)) {
      for (ObjectNode p : emu.store().list(WS, repo, "pullrequests")) {
        if ("MERGED".equals(p.get("state").asText())) {
          expected.add(repo + "\t" + p.get("id").asInt() + "\t" + p.get("title").asText());
        }
      }
    }
    List<String> rows = run.facts("READ_ROW").stream()
        .map(l -> l.substring(0, l.lastIndexOf('\t'))).toList();
    assertEquals(expected.size(), rows.size(), "no duplicate, no missing row");
    assertEquals(expected, new TreeSet<>(rows));
    assertTrue(Integer.parseInt(run.fact("READ_PARTITIONS")) >= 2, "a multi-partition scan");
    List<LoggedRequest> pages = in("read").stream()
        .filter(r -> r.path().endsWith("/pullrequests")).toList();
    assertFalse(pages.isEmpty());
    assertTrue(pages.stream().allMatch(r -> r.query().getOrDefault("q", List.of()).stream()
        .anyMatch(q -> q.contains("state = \"MERGED\""))), "the filter was pushed as BBQL");
  }

  @Test
  void metricsFromRemoteExecutorsReachTheDriver() {
    long logged = in("read").stream().filter(r -> !r.path().endsWith("/user/workspaces")).count();
    assertEquals(String.valueOf(logged), metric("READ_METRIC", "bitbucketRequests"),
        "every request of the scan counted, planning in the driver and pages in the executors");
    assertEquals(String.valueOf(run.facts("READ_ROW").size()),
        metric("READ_METRIC", "bitbucketRowsRead"));
    assertEquals(String.valueOf(INSERTS.size()), metric("INSERT_METRIC", "bitbucketRowsCreated"));
    assertEquals(String.valueOf(UPDATES.size()), metric("UPDATE_METRIC", "bitbucketRowsUpdated"));
    long writes = in("insert").stream().filter(r -> !"GET".equals(r.method())).count();
    assertEquals(String.valueOf(writes), metric("INSERT_METRIC", "bitbucketRequests"));
  }

  @Test
  void insertFromTwoWriterTasksReachesTheEmulator() {
    for (String[] row : INSERTS) {
      ObjectNode branch = emu.store().get(WS, row[0], "branches", row[1]);
      assertTrue(branch != null, "branch " + row[1] + " created in " + row[0]);
      assertEquals(row[2], branch.get("target").get("hash").asText());
    }
    assertEquals(INSERTS.size(), in("insert").stream()
        .filter(r -> "POST".equals(r.method()) && r.path().endsWith("/refs/branches")).count(),
        "one POST per row, none repeated");
  }

  @Test
  void updateChangesExactlyTheChosenPullRequests() {
    for (Object[] row : UPDATES) {
      String repo = (String) row[0];
      ObjectNode before = (ObjectNode) row[1];
      ObjectNode after = emu.store().get(WS, repo, "pullrequests",
          String.valueOf(before.get("id").asInt()));
      assertEquals(TITLE, after.get("title").asText());
      assertEquals(before.get("description"), after.get("description"), "nothing else changed");
    }
    assertEquals(UPDATES.size(), in("update").stream().filter(r -> "PUT".equals(r.method()))
        .count());
  }

  @Test
  void oauthCredentialsAreObtainedInEachJvmThatReads() {
    Set<String> expected = new TreeSet<>();
    for (String repo : emu.store().repositories(WS)) {
      for (ObjectNode b : emu.store().list(WS, repo, "branches")) {
        expected.add(repo + "\t" + b.get("name").asText());
      }
    }
    // the branches created later by the insert are not in this read
    INSERTS.forEach(row -> expected.remove(row[0] + "\t" + row[1]));
    List<String> rows = run.facts("OAUTH_ROW").stream()
        .map(l -> l.substring(0, l.lastIndexOf('\t'))).toList();
    assertEquals(expected, new TreeSet<>(rows));
    long driver = Long.parseLong(run.fact("DRIVER_PID"));
    assertTrue(run.facts("OAUTH_ROW").stream()
        .noneMatch(l -> l.endsWith("\t" + driver)), "read in executors");
    List<LoggedRequest> oauth = in("oauth");
    long tokens = oauth.stream().filter(r -> r.path().endsWith("/oauth2/access_token")).count();
    // the driver (planning) and every executor that ran a task each obtain their own token:
    // the client secret travelled to the executors, the access token did not have to
    assertTrue(tokens >= 2, "tokens obtained: " + tokens);
    assertTrue(oauth.stream().allMatch(r -> r.status() == 200), "no request refused");
  }

  private static String metric(String kind, String name) {
    return run.facts(kind).stream().filter(l -> l.startsWith(name + "\t"))
        .map(l -> l.substring(name.length() + 1)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + run.out()));
  }

  /** The emulator requests made during one of the driver's scenarios. */
  private static List<LoggedRequest> in(String scenario) {
    String[] w = run.facts("WINDOW").stream().filter(l -> l.startsWith(scenario + "\t"))
        .findFirst().orElseThrow().split("\t");
    long start = Long.parseLong(w[1]);
    long end = Long.parseLong(w[2]);
    synchronized (SEEN) {
      return SEEN.stream().filter(r -> r.startNanos() >= start && r.startNanos() <= end)
          .toList();
    }
  }
}
