package io.github.sparkbitbucket.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.emulator.BitbucketEmulator;
import io.github.sparkbitbucket.emulator.Dataset;
import io.github.sparkbitbucket.emulator.LoggedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Planning a keyset read probes every repository once (size and largest id); the probes are
 * independent, so the planner sends them concurrently instead of one round trip after another.
 * Above 64 repositories it sends none: planning is the repository list alone.
 */
class PlanningConcurrencyIT extends SparkEmulatorTestBase {

  @Test
  void repositoryProbesAreInFlightTogether() {
    EMU.faults().latency(Duration.ofMillis(150)); // reset by the base class before the next test
    var df = format().option("table", "pullrequests").option("maxConcurrency", "4").load();
    EMU.requestLog().clear();
    EMU.requestLog().resetPeak();
    df.queryExecution().toRdd(); // plans the input partitions; runs no task

    List<LoggedRequest> probes = requests("/pullrequests").stream()
        .filter(r -> List.of("1").equals(r.query().get("pagelen"))).toList();
    assertEquals(repositories().size(), probes.size(), "one probe per repository: " + probes);
    assertTrue(EMU.requestLog().peakInFlight() >= 2,
        "probes were sent one after another: peak in flight " + EMU.requestLog().peakInFlight());
  }

  @Test
  void manyRepositoriesArePlannedFromTheRepositoryListAlone() {
    // 70 repositories: more than the planner probes (64); still every row, once
    try (BitbucketEmulator many = BitbucketEmulator.builder().port(0).seed(11L)
        .dataset(Dataset.builder().repositories(70).pullRequests(700).skew(0.3).build())
        .start()) {
      var df = SPARK.read().format("bitbucket").option("endpoint", many.baseUrl())
          .option("token", many.credentials().token()).option("workspace", WS)
          .option("table", "pullrequests").load().select("repository", "id");
      many.requestLog().clear();
      df.queryExecution().toRdd(); // plans the input partitions; runs no task

      List<String> planned = many.requestLog().entries().stream()
          .filter(r -> !r.path().endsWith("/user/workspaces")).map(LoggedRequest::path).toList();
      assertTrue(!planned.isEmpty() && planned.stream()
          .allMatch(p -> p.endsWith("/repositories/" + WS)),
          "planning sent only repository-list pages: " + planned);

      List<String> expected = new ArrayList<>();
      for (String repo : many.store().repositories(WS)) {
        many.store().list(WS, repo, "pullrequests")
            .forEach(pr -> expected.add(repo + "#" + pr.get("id").asLong()));
      }
      List<String> read = df.collectAsList().stream()
          .map((Row r) -> r.getString(0) + "#" + ((Number) r.get(1)).longValue()).sorted().toList();
      assertEquals(expected.stream().sorted().toList(), read);
    }
  }
}
