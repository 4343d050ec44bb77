package io.github.sparkbitbucket.spark;

import io.github.sparkbitbucket.emulator.BitbucketEmulator;
import io.github.sparkbitbucket.emulator.Dataset;
import io.github.sparkbitbucket.emulator.LoggedRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared fixtures for the Spark integration tests: one emulator (Dataset.small(), seed 42) and
 * one local[2,2] SparkSession whose catalog {@code bb} points at it, both started once per JVM.
 */
abstract class SparkEmulatorTestBase {
  static final String WS = "acme";
  static final BitbucketEmulator EMU;
  static final SparkSession SPARK;
  /** The emulator keeps every hook it is given: tests swap the one delegate installed here. */
  private static final AtomicReference<Consumer<LoggedRequest>> HOOK =
      new AtomicReference<>(r -> { });

  static {
    EMU = BitbucketEmulator.builder().port(0).seed(42L).dataset(Dataset.small())
        .latency(Duration.ZERO).start();
    EMU.onRequest(r -> HOOK.get().accept(r));
    // local[2,2]: a failed task is retried once, as on a cluster. The write tests rely on it
    // (retried tasks must not duplicate), and both test bases share the JVM's one SparkContext.
    SPARK = SparkSession.builder().master("local[2,2]").appName("bitbucket-it")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.datetime.java8API.enabled", "true")
        .config("spark.sql.catalog.bb", "io.github.sparkbitbucket.BitbucketCatalog")
        .config("spark.sql.catalog.bb.endpoint", EMU.baseUrl())
        .config("spark.sql.catalog.bb.token", EMU.credentials().token())
        .getOrCreate();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      SPARK.stop();
      EMU.close();
    }));
  }

  @BeforeEach
  void resetEmulator() {
    EMU.faults().reset();
    onRequest(r -> { });
    EMU.issueTrackerRemoved(false);
    EMU.requestLog().clear();
  }

  /** Runs {@code hook} after each request the emulator serves (replacing the previous one). */
  static void onRequest(Consumer<LoggedRequest> hook) {
    HOOK.set(hook);
  }

  /** {@code spark.read.format("bitbucket")} with the emulator's endpoint and token. */
  static DataFrameReader format() {
    return SPARK.read().format("bitbucket").option("endpoint", EMU.baseUrl())
        .option("token", EMU.credentials().token()).option("workspace", WS);
  }

  /** Requests the emulator logged since the last clear, GETs to paths containing {@code part}. */
  static List<LoggedRequest> requests(String part) {
    return EMU.requestLog().entries().stream().filter(r -> r.path().contains(part)).toList();
  }

  static List<String> repositories() {
    return EMU.store().repositories(WS);
  }
}
