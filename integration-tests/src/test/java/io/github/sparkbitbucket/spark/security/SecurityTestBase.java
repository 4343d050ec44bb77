package io.github.sparkbitbucket.spark.security;

import io.github.sparkbitbucket.BitbucketCatalog;
import io.github.sparkbitbucket.emulator.BitbucketEmulator;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.SparkSession;

/**
 * The leak tests' fixtures: one emulator whose credentials are the {@link Canaries}, and the
 * JVM's SparkSession (shared with the other Spark tests) with one catalog per way of
 * authenticating: {@code bbc_token}, {@code bbc_apitoken}, {@code bbc_oauthclientsecret},
 * {@code bbc_oauthrefreshtoken}.
 */
abstract class SecurityTestBase {
  static final String WS = Canaries.WS;
  static final BitbucketEmulator EMU = Shared.EMU;
  static final SparkSession SPARK = Shared.SPARK;

  private static final class Shared {
    static final BitbucketEmulator EMU = start();
    static final SparkSession SPARK = spark();

    private static BitbucketEmulator start() {
      BitbucketEmulator emu = Canaries.emulator();
      Runtime.getRuntime().addShutdownHook(new Thread(emu::close));
      return emu;
    }

    private static SparkSession spark() {
      SparkSession spark = SparkSession.builder().master("local[2,2]").appName("security-tests")
          .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
          .getOrCreate();
      Canaries.authMethods(EMU).forEach((label, options) -> {
        String prefix = "spark.sql.catalog." + catalog(label);
        spark.conf().set(prefix, BitbucketCatalog.class.getName());
        spark.conf().set(prefix + ".endpoint", EMU.baseUrl());
        options.forEach((k, v) -> spark.conf().set(prefix + "." + k, v));
      });
      return spark;
    }
  }

  /** The catalog that authenticates with the method {@code label} (a key of authMethods). */
  static String catalog(String label) {
    return "bbc_" + label.toLowerCase(java.util.Locale.ROOT);
  }

  /** {@code spark.read.format("bitbucket")} on the canary emulator with the given credentials. */
  static DataFrameReader reader(Map<String, String> credentials) {
    return SPARK.read().format("bitbucket").option("endpoint", EMU.baseUrl())
        .option("workspace", WS).options(credentials);
  }

  /** A throwable's messages, its causes' and suppressed ones', and its stack trace. */
  static String fullText(Throwable t) {
    java.io.StringWriter w = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }
}
