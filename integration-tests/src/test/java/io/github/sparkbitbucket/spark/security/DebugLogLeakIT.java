package io.github.sparkbitbucket.spark.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * No secret in any log line at DEBUG: reads, writes and failing requests with each way of
 * authenticating (the canaries are the emulator's real credentials), while every logger of the
 * JVM (Spark, OkHttp, the connector) writes at DEBUG into memory.
 */
class DebugLogLeakIT extends SecurityTestBase {

  @Test
  void noCanaryInAnyLogLineAtDebug() {
    List<String> errors = new ArrayList<>();
    List<DebugLogCapture.Line> lines;
    String repo = EMU.store().repositories(WS).get(0);
    String hash = EMU.store().list(WS, repo, "commits").get(0).get("hash").asText();
    try (DebugLogCapture log = new DebugLogCapture()) {
      int n = 0;
      for (Map.Entry<String, Map<String, String>> auth : Canaries.authMethods(EMU).entrySet()) {
        String label = auth.getKey();
        Map<String, String> creds = auth.getValue();
        assertTrue(reader(creds).load("pullrequests").where("state = 'OPEN'").count() > 0, label);
        // a write per method: df.write and SQL INSERT alternate
        String branch = "canary-log-" + label.toLowerCase() + "-" + (n++);
        if (n % 2 == 0) {
          StructType schema = new StructType().add("workspace", DataTypes.StringType)
              .add("repository", DataTypes.StringType).add("name", DataTypes.StringType)
              .add("target_hash", DataTypes.StringType);
          SPARK.createDataFrame(List.of(RowFactory.create(WS, repo, branch, hash)), schema)
              .write().format("bitbucket").option("endpoint", EMU.baseUrl())
              .option("workspace", WS).options(creds)
              .mode("append").save("branches");
        } else {
          SPARK.sql("INSERT INTO " + catalog(label) + ".acme.branches (repository, name, "
              + "target_hash) VALUES ('" + repo + "', '" + branch + "', '" + hash + "')");
        }
        assertTrue(EMU.store().get(WS, repo, "branches", branch) != null, branch);
        // a failing request: an unknown repository (404)
        errors.add(fullText(assertThrows(Exception.class, () -> reader(creds)
            .option("repository", "no-such-repo").load("pullrequests").collectAsList())));
      }
      // and a server that answers 500
      EMU.faults().serverErrorRate(1.0);
      try {
        errors.add(fullText(assertThrows(Exception.class, () -> reader(Canaries.authMethods(EMU)
            .get("oauthRefreshToken")).option("maxRetries", "0").load("tags").collectAsList())));
      } finally {
        EMU.faults().reset();
      }
      lines = log.lines();
    }

    assertTrue(lines.size() > 100, "the capture saw too little to prove anything: " + lines.size());
    assertTrue(lines.stream().anyMatch(l -> l.level().equals("DEBUG")), "no DEBUG line captured");
    // the connector's own DEBUG line for every request (method, URL, status): present, clean
    assertTrue(lines.stream().anyMatch(l -> l.logger().startsWith("io.github.sparkbitbucket")
        && l.text().contains("/pullrequests") && l.text().contains("-> 200")),
        "the connector's request lines were not captured");
    assertTrue(lines.stream().anyMatch(l -> l.logger().startsWith("okhttp3")),
        "OkHttp's lines were not captured");
    List<String> leaks = lines.stream().filter(l -> !Canaries.leaksIn(l.text()).isEmpty())
        .map(l -> l.logger() + " " + l.level() + ": " + l.text()).limit(5).toList();
    assertEquals(List.of(), leaks, "secrets in log lines");
    errors.forEach(e -> assertEquals(List.of(), Canaries.leaksIn(e), e));
    assertEquals(5, errors.size());
  }
}
