package io.github.sparkbitbucket.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.emulator.BitbucketEmulator;
import io.github.sparkbitbucket.emulator.Dataset;
import io.github.sparkbitbucket.emulator.LoggedRequest;
import io.github.sparkbitbucket.forked.ForkedJvm;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
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
    Path driverClasses = compileDriver(sparkClasspath);

    String repo = emu.store().repositories(WS).get(0);
    String hash = emu.store().list(WS, repo, "commits").get(0).get("hash").asText();
    String branch = "shaded-jar/" + System.nanoTime();
    int branchesBefore = emu.store().count(WS, repo, "branches");

    List<String> out = runDriver(sparkClasspath + File.pathSeparator + ShadedJar.jar()
        .toAbsolutePath() + File.pathSeparator + driverClasses.toAbsolutePath(),
        emu.baseUrl(), emu.credentials().token(), WS, repo, branch, hash);

    // the jar exposes no unrelocated OkHttp, Okio, Kotlin or Failsafe to the user's classpath
    assertEquals(List.of("okhttp3.OkHttpClient\tfalse", "okio.Buffer\tfalse", "kotlin.Unit\tfalse",
        "dev.failsafe.Failsafe\tfalse"), facts(out, "CLASS"));
    // the Spark the build chose (4.1.x, or 4.2.x under -Pspark-4.2), not whatever else is around
    assertEquals(List.of(System.getProperty("spark.version")), facts(out, "SPARK"));
    List<String> tables = facts(out, "TABLE");
    assertTrue(tables.containsAll(List.of("repositories", "pullrequests", "branches", "commits")),
        "SHOW TABLES: " + tables);
    assertEquals(emu.store().repositories(WS).stream().sorted().toList(), facts(out, "REPO"));
    assertEquals(List.of("branches\t" + branchesBefore), facts(out, "FORMAT"));

    // the INSERT reached the emulator, and reading it back through the connector sees it
    assertEquals(branchesBefore + 1, emu.store().count(WS, repo, "branches"));
    assertEquals(hash, emu.store().get(WS, repo, "branches", branch).get("target").get("hash")
        .asText());
    assertEquals(List.of(branch + "\t" + hash), facts(out, "BRANCH"));
    assertTrue(SEEN.stream().anyMatch(r -> "POST".equals(r.method())
        && r.path().endsWith("/repositories/" + WS + "/" + repo + "/refs/branches")),
        "no POST to refs/branches among " + SEEN.size() + " requests");
  }

  private static Path compileDriver(String sparkClasspath) throws IOException {
    Path src = WORK.resolve("src/ShadedJarDriver.java");
    Path classes = WORK.resolve("driver-classes");
    Files.createDirectories(src.getParent());
    Files.createDirectories(classes);
    try (var in = java.util.Objects.requireNonNull(ShadedJarIT.class.getResourceAsStream(
        "/shaded-jar-driver/ShadedJarDriver.java"), "driver source missing from test resources")) {
      Files.write(src, in.readAllBytes());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    // against Spark alone: the driver must not need any connector class at compile time
    int rc = javac.run(null, null, null, "--release", "17", "-classpath", sparkClasspath, "-d",
        classes.toString(), src.toString());
    assertEquals(0, rc, "compiling the driver failed");
    return classes;
  }

  private static List<String> runDriver(String classpath, String... args) throws Exception {
    return ForkedJvm.main("ShadedJarDriver").classpath(classpath).args(args)
        .logDir(WORK.resolve("driver")).run(Duration.ofMinutes(5)).out();
  }

  private static List<String> facts(List<String> out, String kind) {
    return out.stream().filter(l -> l.startsWith(kind + "\t"))
        .map(l -> l.substring(kind.length() + 1)).toList();
  }
}
