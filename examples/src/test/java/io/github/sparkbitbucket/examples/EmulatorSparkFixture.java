package io.github.sparkbitbucket.examples;

import io.github.sparkbitbucket.emulator.BitbucketEmulator;
import io.github.sparkbitbucket.emulator.Dataset;
import io.github.sparkbitbucket.emulator.EmulatorStore;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;

/**
 * One emulator (the small data set, seed 7) and one local Spark session for every examples IT:
 * started by the first test class, stopped when the test JVM exits.
 */
abstract class EmulatorSparkFixture {
  static BitbucketEmulator emulator;
  static SparkSession spark;

  @BeforeAll
  static synchronized void startOnce() {
    if (emulator != null) {
      return;
    }
    emulator = BitbucketEmulator.builder().seed(7L).dataset(Dataset.small()).start();
    spark = SparkSession.builder().master("local[2]").appName("examples-it")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      spark.stop();
      emulator.close();
    }));
  }

  static EmulatorStore store() {
    return emulator.store();
  }
}
