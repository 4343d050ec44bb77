package io.github.sparkbitbucket.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * One typical query per table: with pushdown it returns the rows it returns with pushdown off,
 * and its requests, rows and pushed BBQL/parameters are written to
 * target/read-figures.md (the figures quoted in the README).
 */
class ReadFiguresIT extends SparkEmulatorTestBase {
  static final List<String> FIGURES = new ArrayList<>();

  static Map<String, String> queries() {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("workspaces", "SELECT slug, name FROM {t} WHERE is_administrator");
    q.put("projects", "SELECT key, name FROM {t} WHERE is_private = true");
    q.put("repositories", "SELECT slug, size FROM {t} WHERE is_private = true");
    q.put("members", "SELECT display_name FROM {t} LIMIT 5");
    q.put("pullrequests", "SELECT repository, id, title FROM {t} WHERE state = 'MERGED'"
        + " AND created_on >= TIMESTAMP '2021-06-01 00:00:00'");
    q.put("pullrequest_comments", "SELECT repository, pullrequest_id, id FROM {t}"
        + " WHERE pullrequest_id IN (1, 2) AND deleted = false");
    q.put("commits", "SELECT hash, date FROM {t} WHERE repository = '" + repositories().get(0)
        + "' LIMIT 10");
    q.put("branches", "SELECT repository, name FROM {t}"
        + " WHERE target_date > TIMESTAMP '2021-01-01 00:00:00'");
    q.put("tags", "SELECT repository, name FROM {t} WHERE name LIKE 'v1%'");
    q.put("pipelines", "SELECT repository, build_number FROM {t} WHERE target_ref_name = 'main'");
    q.put("issues", "SELECT repository, id FROM {t} ORDER BY updated_on DESC LIMIT 5");
    q.put("issue_comments", "SELECT repository, issue_id, id FROM {t} WHERE issue_id = 1");
    return q;
  }

  static List<String> run(String sql, String table, boolean pushdown) {
    String ident = table.equals("workspaces") ? "bb.workspaces" : "bb.acme." + table;
    SPARK.read().option("pushdown", String.valueOf(pushdown)).table(ident)
        .createOrReplaceTempView("figures_" + table);
    Dataset<Row> df = SPARK.sql(sql.replace("{t}", "figures_" + table));
    List<String> rows = df.collectAsList().stream().map(Row::toString).sorted().toList();
    if (pushdown) {
      String plan = df.queryExecution().executedPlan().toString();
      int at = plan.indexOf("BitbucketScan[");
      String scan = at < 0 ? "?" : balanced(plan, at);
      long requests = EMU.requestLog().entries().stream()
          .filter(r -> !r.path().endsWith("/user/workspaces")).count();
      FIGURES.add("| " + table + " | `" + sql.replace("{t}", table) + "` | " + requests + " | "
          + rows.size() + " | " + scan.replace("|", "\\|") + " |");
    }
    return rows;
  }

  /** The scan description from its opening bracket to the matching closing one. */
  static String balanced(String s, int start) {
    int depth = 0;
    for (int i = s.indexOf('[', start); i < s.length(); i++) {
      if (s.charAt(i) == '[') {
        depth++;
      } else if (s.charAt(i) == ']' && --depth == 0) {
        return s.substring(start + "BitbucketScan".length(), i + 1);
      }
    }
    return s.substring(start);
  }

  @Test
  void typicalQueryPerTable() {
    queries().forEach((table, sql) -> {
      List<String> off = run(sql, table, false);
      EMU.requestLog().clear();
      List<String> on = run(sql, table, true);
      if (sql.contains("LIMIT") && !sql.contains("ORDER BY")) {
        assertEquals(off.size(), on.size(), table); // any rows will do
      } else {
        assertEquals(off, on, table);
      }
    });
  }

  @AfterAll
  static void writeFigures() throws IOException {
    List<String> lines = new ArrayList<>(List.of("| table | query | requests | rows | pushed |",
        "|---|---|---|---|---|"));
    lines.addAll(FIGURES);
    Files.write(Path.of("target", "read-figures.md"), lines);
  }
}
