package io.github.sparkbitbucket.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkbitbucket.emulator.LoggedRequest;
import io.github.sparkbitbucket.forked.ForkedJvm;
import io.github.sparkbitbucket.packaging.ForkedDriver;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.connect.service.SparkConnectService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Option;

/**
 * The path notebook users take: a Spark Connect server runs here, in the test JVM, on the shared
 * SparkSession with the connector on its classpath; the JVM Spark Connect client runs in a fresh
 * JVM (its jar carries the same {@code org.apache.spark.connect.proto} classes as the server's,
 * shaded differently, so the two cannot share a JVM) whose classpath has neither classic Spark
 * nor the connector. The client configures a catalog, lists tables, runs a query whose filters
 * are pushed down, and INSERTs a branch; the emulator's store and request log are checked here.
 */
class SparkConnectIT extends SparkEmulatorTestBase {
  private static final Path WORK = Path.of("target", "spark-connect-it");
  private static String url;

  @BeforeAll
  static void startConnectServer() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    // the server reads its address from the running SparkContext's conf when it starts
    SparkEnv.get().conf().set("spark.connect.grpc.binding.address", "127.0.0.1");
    SparkEnv.get().conf().set("spark.connect.grpc.binding.port", String.valueOf(port));
    SparkConnectService.start(SPARK.sparkContext());
    url = "sc://127.0.0.1:" + port;
  }

  @AfterAll
  static void stopConnectServer() {
    SparkConnectService.stop(Option.empty(), Option.empty());
  }

  @Test
  void clientQueriesWithPushdownAndInsertsThroughTheServer() throws Exception {
    String clientClasspath = clientClasspath();
    for (String serverSide : List.of("spark-sql_2.13-", "spark-catalyst_2.13-",
        "spark-connect_2.13-", "spark-bitbucket")) {
      assertFalse(clientClasspath.contains(serverSide),
          "the client's classpath must not hold " + serverSide);
    }
    ForkedDriver driver = new ForkedDriver(WORK, "ConnectClientDriver");
    Path classes = driver.compile("/connect-client-driver/ConnectClientDriver.java",
        clientClasspath);

    // the repository and state with the most pull requests: a filter with a non-trivial answer
    Map.Entry<String, List<ObjectNode>> busiest = repositories().stream()
        .flatMap(repo -> EMU.store().list(WS, repo, "pullrequests").stream()
            .map(pr -> Map.entry(repo + "\t" + pr.path("state").asText(), pr)))
        .collect(Collectors.groupingBy(Map.Entry::getKey,
            Collectors.mapping(Map.Entry::getValue, Collectors.toList())))
        .entrySet().stream().max(Comparator.comparingInt(e -> e.getValue().size()))
        .orElseThrow();
    String repo = busiest.getKey().split("\t")[0];
    String state = busiest.getKey().split("\t")[1];
    List<String> expectedPrs = busiest.getValue().stream()
        .sorted(Comparator.comparingInt(pr -> pr.path("id").asInt()))
        .map(pr -> pr.path("id").asInt() + "\t" + pr.path("title").asText()).toList();
    String hash = EMU.store().list(WS, repo, "commits").get(0).get("hash").asText();
    String branch = "connect/" + System.nanoTime();
    int branchesBefore = EMU.store().count(WS, repo, "branches");
    List<LoggedRequest> seen = Collections.synchronizedList(new ArrayList<>());
    onRequest(seen::add);

    ForkedJvm.Result out = driver.run(clientClasspath + File.pathSeparator + classes.toAbsolutePath(),
        url, EMU.baseUrl(), EMU.credentials().token(), WS, repo, state, branch, hash);

    assertEquals(List.of("false"), out.facts("CLASSIC"), "classic Spark leaked to the client");
    assertEquals(List.of("org.apache.spark.sql.connect.SparkSession"), out.facts("SESSION"));
    assertEquals(List.of(SPARK.version()), out.facts("SPARK"));
    List<String> tables = out.facts("TABLE");
    assertTrue(tables.containsAll(List.of("repositories", "pullrequests", "branches", "commits")),
        "SHOW TABLES: " + tables);
    assertEquals(expectedPrs, out.facts("PR"));
    // pushed down: only that repository's pull requests were listed, with the state in BBQL
    List<LoggedRequest> prPages = seen.stream()
        .filter(r -> "GET".equals(r.method()) && r.path().endsWith("/pullrequests")).toList();
    assertFalse(prPages.isEmpty(), "no pull request page was read");
    assertTrue(prPages.stream().allMatch(r -> r.path().endsWith("/repositories/" + WS + "/"
        + repo + "/pullrequests")), "pages of other repositories were read: " + prPages);
    assertTrue(prPages.stream().allMatch(r -> r.query().getOrDefault("q", List.of("")).get(0)
        .contains("state = \"" + state + "\"")), "the state is not in q: " + prPages);

    // the INSERT reached the emulator, and reading it back through the server sees it
    assertEquals(branchesBefore + 1, EMU.store().count(WS, repo, "branches"));
    assertEquals(hash, EMU.store().get(WS, repo, "branches", branch).path("target")
        .path("hash").asText());
    assertEquals(List.of(branch + "\t" + hash), out.facts("BRANCH"));
  }

  /** target/connect-client-classpath.txt: the client's jars, written by the build. */
  private static String clientClasspath() throws IOException {
    String file = System.getProperty("connect.client.classpath.file");
    if (file == null || !Files.isRegularFile(Path.of(file))) {
      throw new IllegalStateException("The Spark Connect client's classpath file (" + file
          + ") is missing: run this test through failsafe from the repository root"
          + " (mvn -pl integration-tests -am verify -Dit.test=SparkConnectIT)");
    }
    String cp = Files.readString(Path.of(file)).trim();
    assertTrue(cp.contains("spark-connect-client-jvm_2.13-"), "not the client's classpath: " + cp);
    return cp;
  }
}
