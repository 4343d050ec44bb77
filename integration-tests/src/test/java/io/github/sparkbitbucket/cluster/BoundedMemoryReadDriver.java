package io.github.sparkbitbucket.cluster;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads every commit of a workspace through the catalog in a JVM whose heap the test limits
 * ({@code -Xmx512m}), and aggregates the rows so that each one is really decoded: the count, the
 * distinct hashes (no duplicate) and the total message length (the values arrived whole).
 * Spark runs {@code local[2]}; the emulator runs in the test's JVM, so only the connector and
 * Spark share this heap.
 *
 * <p>Arguments: endpoint, token, workspace. Prints {@code RESULT\tcount\tdistinct\tchars},
 * {@code MILLIS\t...}, {@code HEAP_MAX_MB\t...} and {@code HEAP_PEAK_MB\t...} (the sum of every
 * heap pool's peak: an upper bound of what was ever in use at once).
 */
public final class BoundedMemoryReadDriver {
  private BoundedMemoryReadDriver() {
  }

  public static void main(String[] args) {
    String endpoint = args[0];
    String token = args[1];
    String ws = args[2];
    SparkSession spark = SparkSession.builder().master("local[2]").appName("bounded-memory-read")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.catalog.bb", "io.github.sparkbitbucket.BitbucketCatalog")
        .config("spark.sql.catalog.bb.endpoint", endpoint)
        .config("spark.sql.catalog.bb.token", token)
        .getOrCreate();
    try {
      long start = System.nanoTime();
      Row r = spark.sql("SELECT count(*), count(DISTINCT hash), sum(length(message)) FROM bb."
          + ws + ".commits").collectAsList().get(0);
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.println("RESULT\t" + r.getLong(0) + "\t" + r.getLong(1) + "\t" + r.getLong(2));
      System.out.println("MILLIS\t" + millis);
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      System.out.println("HEAP_MAX_MB\t" + Runtime.getRuntime().maxMemory() / (1 << 20));
      System.out.println("HEAP_PEAK_MB\t" + peak / (1 << 20));
    } finally {
      spark.stop();
    }
  }
}
