package io.github.sparkbitbucket.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.table.ColumnDef;
import io.github.sparkbitbucket.table.TableDef;
import io.github.sparkbitbucket.table.TableRegistry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * Seeded random predicates over every filterable column type of pull requests (INT, STRING,
 * BOOLEAN, TIMESTAMP; nullable and not): the rows read with pushdown equal Spark's own evaluation
 * of the predicate over the ground truth, and (for a sample) the rows read with pushdown off.
 */
class DifferentialPushdownIT extends SparkEmulatorTestBase {
  static final int PREDICATES = 520;
  static final TableDef PRS = TableRegistry.require("pullrequests");
  static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
      .withZone(ZoneOffset.UTC);
  static final String[] ODD = {"O'Brien", "say \"hi\"", "back\\slash", "a AND b OR c",
      "state = \"OPEN\"", "Zoë ✓ 日本", "%", "_", "open", "MERGED ", ""};

  final Random random = new Random(20261123L);
  List<Object[]> truth;
  List<String> columns;

  @Test
  void pushdownEqualsSparkSemanticsForRandomPredicates() {
    columns = PRS.columns().stream().map(ColumnDef::name).toList();
    truth = GroundTruth.objects(EMU.store(), WS, PRS, columns);
    List<Row> rows = new ArrayList<>();
    for (Object[] r : truth) {
      rows.add(RowFactory.create(r));
    }
    Dataset<Row> truthDf = SPARK.createDataFrame(rows, PRS.schema());
    truthDf.createOrReplaceTempView("prs_truth");

    List<String> predicates = new ArrayList<>();
    for (int i = 0; i < PREDICATES; i++) {
      predicates.add(predicate(2));
    }
    // Spark's own semantics on the ground truth: every predicate in one pass
    StringBuilder select = new StringBuilder("SELECT concat(repository, '#', id)");
    for (String p : predicates) {
      select.append(", coalesce((").append(p).append("), false)");
    }
    List<Row> evaluated = SPARK.sql(select + " FROM prs_truth").collectAsList();

    // Spark runs concurrent jobs: a few predicates at a time keep the test short
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors
        .newFixedThreadPool(3);
    java.util.concurrent.atomic.AtomicInteger pushed = new java.util.concurrent.atomic
        .AtomicInteger();
    List<java.util.concurrent.Future<?>> checks = new ArrayList<>();
    for (int i = 0; i < predicates.size(); i++) {
      int n = i;
      checks.add(pool.submit(() -> check(n, predicates.get(n), evaluated, pushed)));
    }
    try {
      for (java.util.concurrent.Future<?> f : checks) {
        f.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof AssertionError a) {
        throw a;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
    int pushedSomething = pushed.get();
    assertTrue(pushedSomething > PREDICATES / 2, "BBQL was pushed for " + pushedSomething
        + " of " + PREDICATES + " predicates");
  }

  static void check(int i, String p, List<Row> evaluated,
      java.util.concurrent.atomic.AtomicInteger pushedCount) {
    Set<String> expected = new TreeSet<>();
    for (Row r : evaluated) {
      if (r.getBoolean(i + 1)) {
        expected.add(r.getString(0));
      }
    }
    String sql = "SELECT concat(repository, '#', id) FROM bb.acme.pullrequests WHERE " + p;
    Dataset<Row> pushedDf = SPARK.sql(sql);
    List<String> pushed = keys(pushedDf);
    assertEquals(new ArrayList<>(expected), pushed, "pushdown, predicate #" + i + ": " + p);
    if (pushedDf.queryExecution().executedPlan().toString().contains("q=")) {
      pushedCount.incrementAndGet();
    }
    if (i % 10 == 0) {
      SPARK.read().option("pushdown", "false").table("bb.acme.pullrequests")
          .createOrReplaceTempView("prs_nopush_" + i);
      List<String> off = keys(SPARK.sql(sql.replace("bb.acme.pullrequests",
          "prs_nopush_" + i)));
      assertEquals(pushed, off, "pushdown=false, predicate #" + i + ": " + p);
    }
  }

  static List<String> keys(Dataset<Row> df) {
    List<String> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      out.add(r.getString(0));
    }
    out.sort(null);
    Set<String> unique = new HashSet<>(out);
    assertEquals(unique.size(), out.size(), "no row twice");
    return out;
  }

  String predicate(int depth) {
    int k = random.nextInt(10);
    if (depth > 0 && k == 0) {
      return "(" + predicate(depth - 1) + " AND " + predicate(depth - 1) + ")";
    }
    if (depth > 0 && k == 1) {
      return "(" + predicate(depth - 1) + " OR " + predicate(depth - 1) + ")";
    }
    if (depth > 0 && k == 2) {
      return "NOT (" + predicate(depth - 1) + ")";
    }
    return atom();
  }

  static final String[] FILTERABLE = {"id", "comment_count", "task_count", "title", "state",
      "author_display_name", "source_branch", "destination_branch", "merge_commit",
      "closed_by_display_name", "reason", "description", "draft", "close_source_branch",
      "created_on", "updated_on", "repository"};

  String atom() {
    String col = FILTERABLE[random.nextInt(FILTERABLE.length)];
    DataType t = PRS.column(col).get().type();
    int c = columns.indexOf(col);
    Object v = truth.get(random.nextInt(truth.size()))[c];
    if (t == DataTypes.BooleanType) {
      return switch (random.nextInt(4)) {
        case 0 -> col + " = " + random.nextBoolean();
        case 1 -> col + " IS NULL";
        case 2 -> col + " <> " + random.nextBoolean();
        default -> "NOT " + col;
      };
    }
    if (t == DataTypes.IntegerType) {
      int n = v == null ? 0 : ((Number) v).intValue() + random.nextInt(3) - 1;
      String[] ops = {"=", "<>", "<", "<=", ">", ">="};
      return random.nextInt(6) == 0 ? col + " IN (" + n + ", " + (n + 2) + ")"
          : col + " " + ops[random.nextInt(ops.length)] + " " + n;
    }
    if (t == DataTypes.TimestampType) {
      Instant at = v == null ? Instant.parse("2021-01-01T00:00:00Z") : (Instant) v;
      if (random.nextBoolean()) {
        at = at.plusSeconds(random.nextInt(7200) - 3600);
      }
      String[] ops = {"=", "<", "<=", ">", ">="};
      return col + " " + ops[random.nextInt(ops.length)] + " TIMESTAMP '" + TS.format(at) + "'";
    }
    String s = v == null || random.nextInt(5) == 0 ? ODD[random.nextInt(ODD.length)]
        : (String) v;
    String prefix = s.isEmpty() ? "" : s.substring(0, Math.max(1, s.length() / 2));
    return switch (random.nextInt(9)) {
      case 0, 1 -> col + " = " + lit(s);
      case 2 -> col + " <> " + lit(s);
      case 3 -> col + " IN (" + lit(s) + ", " + lit(ODD[random.nextInt(ODD.length)]) + ")";
      case 4 -> col + (random.nextBoolean() ? " IS NULL" : " IS NOT NULL");
      case 5 -> "startswith(" + col + ", " + lit(prefix) + ")";
      case 6 -> "contains(" + col + ", " + lit(prefix.toLowerCase()) + ")";
      case 7 -> col + " <=> " + lit(s);
      default -> col + " NOT IN (" + lit(s) + ")";
    };
  }

  /** A Spark SQL string literal. */
  static String lit(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
