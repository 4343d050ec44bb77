package io.github.sparkbitbucket.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.emulator.LoggedRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Planning a keyset read probes every repository once (size and largest id); the probes are
 * independent, so the planner sends them concurrently instead of one round trip after another.
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
}
