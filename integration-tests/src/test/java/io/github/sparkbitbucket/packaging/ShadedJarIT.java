package io.github.sparkbitbucket.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.emulator.BitbucketEmulator;
import io.github.sparkbitbucket.emulator.Dataset;
import io.github.sparkbitbucket.emulator.LoggedRequest;
import io.github.sparkbitbucket.forked.ForkedJvm;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code spark-submit --jars spark-bitbucket-*-shaded.jar} gives a user: a fresh JVM whose
 * classpath is only Spark 4.1's runtime jars, the shaded jar and a tiny driver compiled against
 * Spark alone. The driver reads through the catalog and the short format name, and INSERTs a
 * branch; the emulator runs here, in the test JVM, so its state can be checked directly.
 */
class ShadedJarIT {
  private static final String WS = "acme";
  private static final Path WORK = Path.of("target", "shaded-jar-it");
  private static BitbucketEmulator emu;
  private static final List<LoggedRequest> SEEN =
      java.util.Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void startEmulator() {
    emu = BitbucketEmulator.builder().port(0).seed(42L).dataset(Dataset.small()).start();
    emu.onRequest(SEEN::add);
  }

  @AfterAll
  static void stopEmulator() {
    emu.close();
  }

  @Test
  void catalogQueryAndInsertRunOnStockSparkWithTheShadedJarAlone() throws Exception {
    String sparkClasspath = ShadedJar.sparkClasspath();
    assertTrue(sparkClasspath.contains("spark-sql_2.13-"), "not Spark's classpath: "
        + sparkClasspath);
    for (String bundled : List.of("okhttp", "okio", "kotlin", "failsafe", "spark-bitbucket")) {
      assertTrue(!sparkClasspath.contains(bundled), "Spark's classpath must not hold " + bundled);
    }
    ForkedDriver driver = new ForkedDriver(WORK, "ShadedJarDriver");
    // against Spark alone: the driver must not need any connector class at compile time
    Path driverClasses = driver.compile("/shaded-jar-driver/ShadedJarDriver.java", sparkClasspath);

    String repo = emu.store().repositories(WS).get(0);
    String hash = emu.store().list(WS, repo, "commits").get(0).get("hash").asText();
    String branch = "shaded-jar/" + System.nanoTime();
    int branchesBefore = emu.store().count(WS, repo, "branches");

    ForkedJvm.Result out = driver.run(sparkClasspath + File.pathSeparator + ShadedJar.jar()
        .toAbsolutePath() + File.pathSeparator + driverClasses.toAbsolutePath(),
        emu.baseUrl(), emu.credentials().token(), WS, repo, branch, hash);

    // the jar exposes no unrelocated OkHttp, Okio, Kotlin or Failsafe to the user's classpath
    assertEquals(List.of("okhttp3.OkHttpClient\tfalse", "okio.Buffer\tfalse", "kotlin.Unit\tfalse",
        "dev.failsafe.Failsafe\tfalse"), out.facts("CLASS"));
    // the Spark the build chose (4.1.x, or 4.2.x under -Pspark-4.2), not whatever else is around
    assertEquals(List.of(System.getProperty("spark.version")), out.facts("SPARK"));
    List<String> tables = out.facts("TABLE");
    assertTrue(tables.containsAll(List.of("repositories", "pullrequests", "branches", "commits")),
        "SHOW TABLES: " + tables);
    assertEquals(emu.store().repositories(WS).stream().sorted().toList(), out.facts("REPO"));
    assertEquals(List.of("branches\t" + branchesBefore), out.facts("FORMAT"));

    // the INSERT reached the emulator, and reading it back through the connector sees it
    assertEquals(branchesBefore + 1, emu.store().count(WS, repo, "branches"));
    assertEquals(hash, emu.store().get(WS, repo, "branches", branch).get("target").get("hash")
        .asText());
    assertEquals(List.of(branch + "\t" + hash), out.facts("BRANCH"));
    assertTrue(SEEN.stream().anyMatch(r -> "POST".equals(r.method())
        && r.path().endsWith("/repositories/" + WS + "/" + repo + "/refs/branches")),
        "no POST to refs/branches among " + SEEN.size() + " requests");
  }
}
