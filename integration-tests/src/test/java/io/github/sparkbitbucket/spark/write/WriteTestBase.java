package io.github.sparkbitbucket.spark.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkbitbucket.BitbucketCatalog;
import io.github.sparkbitbucket.emulator.BitbucketEmulator;
import io.github.sparkbitbucket.emulator.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterEach;

/**
 * One emulator and one SparkSession for every write test in the JVM. Spark runs {@code local[2,2]}:
 * two task threads, and a failed task is retried once, as on a cluster. Catalogs:
 * {@code bbw} (plain), {@code bbfull} (allowFullTableWrite), {@code bbdry} (dryRun),
 * {@code bbrepodel} (allowRepositoryDelete), {@code bbone} (maxConcurrency=1), {@code bbfragile}
 * (maxConcurrency=1, maxRetries=0: a failure is final at once); each test writes
 * rows it creates itself (unique names), so tests do not see each other's changes.
 */
abstract class WriteTestBase {
  static final String WS = "acme";
  static final BitbucketEmulator EMU = Shared.EMU;
  static final SparkSession SPARK = Shared.SPARK;

  private static final class Shared {
    static final BitbucketEmulator EMU = startEmulator();
    static final SparkSession SPARK = startSpark();

    private static BitbucketEmulator startEmulator() {
      BitbucketEmulator emu = BitbucketEmulator.builder().port(0).seed(42L)
          .dataset(Dataset.small()).start();
      emu.onRequest(r -> {
        java.util.function.Consumer<io.github.sparkbitbucket.emulator.LoggedRequest> h = hook;
        if (h != null) {
          h.accept(r);
        }
      });
      Runtime.getRuntime().addShutdownHook(new Thread(emu::close));
      return emu;
    }

    private static SparkSession startSpark() {
      SparkSession spark = SparkSession.builder().master("local[2,2]").appName("write-tests")
          .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
          .getOrCreate();
      catalog(spark, "bbw", Map.of());
      catalog(spark, "bbfull", Map.of("allowFullTableWrite", "true"));
      catalog(spark, "bbdry", Map.of("dryRun", "true"));
      catalog(spark, "bbrepodel", Map.of("allowRepositoryDelete", "true"));
      catalog(spark, "bbone", Map.of("maxConcurrency", "1"));
      catalog(spark, "bbfragile", Map.of("maxConcurrency", "1", "maxRetries", "0"));
      failureUdfs(spark);
      return spark;
    }

    /** fail_on(value, marker) and fail_first_attempt(value, marker), for tests of failed jobs. */
    private static void failureUdfs(SparkSession spark) {
      // Nondeterministic, so that Spark runs them in the write's tasks (it would fold a
      // deterministic UDF over VALUES into a constant on the driver).
      // Fails every attempt on the row whose value is the marker.
      spark.udf().register("fail_on", functions.udf(
          (UDF2<String, String, String>) (v, marker) -> {
            if (v.equals(marker)) {
              throw new IllegalStateException("test failure on " + v);
            }
            return v;
          }, DataTypes.StringType).asNondeterministic());
      // Fails only a task's first attempt, on the marker row: Spark retries the task.
      spark.udf().register("fail_first_attempt", functions.udf(
          (UDF2<String, String, String>) (v, marker) -> {
            if (v.equals(marker) && TaskContext.get().attemptNumber() == 0) {
              throw new IllegalStateException("first attempt fails on " + v);
            }
            return v;
          }, DataTypes.StringType).asNondeterministic());
    }

    private static void catalog(SparkSession spark, String name, Map<String, String> extra) {
      String prefix = "spark.sql.catalog." + name;
      spark.conf().set(prefix, BitbucketCatalog.class.getName());
      spark.conf().set(prefix + ".endpoint", EMU.baseUrl());
      spark.conf().set(prefix + ".token", EMU.credentials().token());
      extra.forEach((k, v) -> spark.conf().set(prefix + "." + k, v));
    }
  }

  /** What a test wants done after each request the emulator served (cleared after the test). */
  static volatile java.util.function.Consumer<io.github.sparkbitbucket.emulator.LoggedRequest>
      hook;

  @AfterEach
  void resetFaults() {
    hook = null;
    EMU.faults().reset();
  }

  /** The write requests (POST, PUT, DELETE) served since {@code fromIndex} of the request log. */
  static List<io.github.sparkbitbucket.emulator.LoggedRequest> writesSince(int fromIndex) {
    List<io.github.sparkbitbucket.emulator.LoggedRequest> all = EMU.requestLog().entries();
    return all.subList(Math.min(fromIndex, all.size()), all.size()).stream()
        .filter(r -> !r.method().equals("GET")).toList();
  }

  /** Options for {@code spark.read/write.format("bitbucket")}. */
  static Map<String, String> formatOptions() {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("endpoint", EMU.baseUrl());
    o.put("token", EMU.credentials().token());
    o.put("workspace", WS);
    return o;
  }

  static List<Row> sql(String query) {
    return SPARK.sql(query).collectAsList();
  }

  /** The first repository of acme: where most tests write. */
  static String repo() {
    return EMU.store().repositories(WS).get(0);
  }

  static List<ObjectNode> store(String repo, String collection) {
    return EMU.store().list(WS, repo, collection);
  }

  static List<ObjectNode> store(String repo, String collection, Predicate<JsonNode> which) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode o : store(repo, collection)) {
      if (which.test(o)) {
        out.add(o);
      }
    }
    return out;
  }

  /** A commit hash of {@code repo}, for branches and tags. */
  static String someCommit(String repo) {
    return store(repo, "commits").get(0).get("hash").asText();
  }

  /** The main branch of {@code repo}, for pull requests. */
  static String mainBranch(String repo) {
    return EMU.store().get(WS, null, "repositories", repo).path("mainbranch").path("name")
        .asText();
  }

  /** The JSON text at a dotted path, or null. */
  static String text(JsonNode o, String dotted) {
    JsonNode n = o;
    for (String p : dotted.split("\\.")) {
      n = n == null ? null : n.get(p);
    }
    return n == null || n.isNull() ? null : n.asText();
  }

  /** A unique suffix so tests never collide. */
  static String unique(String prefix) {
    return prefix + "-" + Long.toString(System.nanoTime(), 36);
  }

  /** Every message in a throwable's chain (Spark wraps task failures), suppressed ones too. */
  static String messages(Throwable t) {
    StringBuilder s = new StringBuilder();
    java.util.Set<Throwable> seen = new java.util.HashSet<>();
    collect(t, s, seen);
    return s.toString();
  }

  private static void collect(Throwable t, StringBuilder s, java.util.Set<Throwable> seen) {
    if (t == null || !seen.add(t)) {
      return;
    }
    s.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
    for (Throwable x : t.getSuppressed()) {
      collect(x, s, seen);
    }
    collect(t.getCause(), s, seen);
  }
}
