package io.github.sparkbitbucket.spark.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkbitbucket.BitbucketCatalog;
import io.github.sparkbitbucket.emulator.BitbucketEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * No secret in the Spark UI's REST API. A SparkSession of its own with the UI on (random port,
 * loopback): catalogs for every way of authenticating set as session conf (so the environment
 * page lists them), queries and writes with per-query secret options, and a failing job; then
 * every REST endpoint that shows configuration, plans, jobs, stages or executors is read and
 * searched for the canaries.
 *
 * <p>It needs the JVM's first SparkContext, so it runs in its own failsafe execution
 * ({@code spark-ui}, see the module's pom).
 */
class SparkUiLeakIT {
  private static final String WS = Canaries.WS;
  private static final BitbucketEmulator EMU = Canaries.emulator();
  private static final SparkSession SPARK = session();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A session of our own, or null when this JVM already runs a (UI-less) SparkContext. */
  private static SparkSession session() {
    if (SparkSession.getDefaultSession().isDefined()
        && !SparkSession.getDefaultSession().get().sparkContext().isStopped()) {
      return null;
    }
    SparkSession.Builder b = SparkSession.builder().master("local[2]").appName("ui-leak")
        .config("spark.ui.enabled", "true").config("spark.ui.port", "0")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2");
    Canaries.authMethods(EMU).forEach((label, options) -> {
      String prefix = "spark.sql.catalog.bbc_" + label.toLowerCase();
      b.config(prefix, BitbucketCatalog.class.getName()).config(prefix + ".endpoint", EMU.baseUrl());
      options.forEach((k, v) -> b.config(prefix + "." + k, v));
    });
    return b.getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (SPARK != null) {
      SPARK.stop();
    }
    EMU.close();
  }

  @Test
  void noCanaryInAnyRestEndpoint() throws Exception {
    // with -Dit.test naming other Spark tests too, the default execution may already hold a
    // UI-less SparkContext: the failsafe execution spark-ui runs this test in a JVM of its own
    assumeTrue(SPARK != null, "another SparkContext is active; runs in execution spark-ui");
    assertTrue(SPARK.sparkContext().uiWebUrl().isDefined(), "the UI did not start");
    String repo = EMU.store().repositories(WS).get(0);
    String hash = EMU.store().list(WS, repo, "commits").get(0).get("hash").asText();
    Map<String, Map<String, String>> auth = Canaries.authMethods(EMU);
    for (String label : auth.keySet()) {
      String cat = "bbc_" + label.toLowerCase();
      assertTrue(SPARK.sql("SELECT id, title FROM " + cat + ".acme.pullrequests WHERE state = "
          + "'MERGED'").collectAsList().size() > 0, label);
      SPARK.sql("INSERT INTO " + cat + ".acme.branches (repository, name, target_hash) VALUES ('"
          + repo + "', 'canary-ui-" + label.toLowerCase() + "', '" + hash + "')");
      assertTrue(SPARK.read().format("bitbucket").option("endpoint", EMU.baseUrl())
          .option("workspace", WS).options(auth.get(label)).load("tags")
          .where("name LIKE 'v%'").count() >= 0);
    }
    StructType schema = new StructType().add("workspace", DataTypes.StringType)
        .add("repository", DataTypes.StringType).add("name", DataTypes.StringType)
        .add("target_hash", DataTypes.StringType);
    SPARK.createDataFrame(List.of(RowFactory.create(WS, repo, "canary-ui-df", hash)), schema)
        .write().format("bitbucket").option("endpoint", EMU.baseUrl()).option("workspace", WS)
        .options(auth.get("apiToken")).mode("append").save("branches");
    assertThrows(Exception.class, () -> SPARK.read().format("bitbucket")
        .option("endpoint", EMU.baseUrl()).option("workspace", WS).options(auth.get("token"))
        .option("repository", "no-such-repo").load("pullrequests").collectAsList());
    // the UI's stores are fed by the listener bus: wait until it has delivered every event
    SPARK.sparkContext().listenerBus().waitUntilEmpty();

    String base = SPARK.sparkContext().uiWebUrl().get() + "/api/v1";
    JsonNode apps = JSON.readTree(get(base + "/applications"));
    String app = base + "/applications/" + apps.get(0).get("id").asText();
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("applications", apps.toString());
    for (String path : List.of("", "/environment", "/sql?details=true&planDescription=true",
        "/jobs", "/stages?details=true&withSummaries=true", "/executors", "/allexecutors",
        "/storage/rdd")) {
      bodies.put(path, get(app + path));
    }

    // the checks can fail: the plan text (with the pushed BBQL) and the secret keys are there
    String sql = bodies.get("/sql?details=true&planDescription=true");
    assertTrue(sql.contains("pullrequests") && sql.contains("state = \\\"MERGED\\\""),
        "the SQL endpoint does not show the plans: " + sql.substring(0, Math.min(400,
            sql.length())));
    String env = bodies.get("/environment");
    assertTrue(env.contains("spark.sql.catalog.bbc_token.token")
        && env.contains("spark.sql.catalog.bbc_oauthrefreshtoken.oauthRefreshToken"), env);
    bodies.forEach((path, body) ->
        assertEquals(List.of(), Canaries.leaksIn(body), "secret in " + path));
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), url + ": " + r.body());
    return r.body();
  }
}
