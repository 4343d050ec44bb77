package io.github.sparkbitbucket.spark.security;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkbitbucket.emulator.LoggedRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BinaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of pushed string filters: 1,200 generated values (quotes, backslashes,
 * parentheses, BBQL keywords and operators, LIKE wildcards, unicode with astral-plane and
 * right-to-left text, control characters, up to 10,000 characters, empty) under =, !=, IN, LIKE
 * prefix/contains/suffix, startsWith and contains on five string columns of three tables. Rows
 * carrying generated values are added first, so filters match rows, not only nothing.
 *
 * <p>Each pushed query's rows equal, as a multiset, Spark's own filtering of a cached full read
 * made with {@code pushdown=false}; and the emulator's BBQL parser accepted every query sent (no
 * 400). Values are batched (up to 40: an OR of equalities, an AND of inequalities, one IN list...) to keep
 * the run short; a value that broke out of its quotes would still change or break its batch.
 */
class FilterFuzzIT extends SecurityTestBase {
  private static final long SEED = 20261124L;
  private static final int CASES = 1200;
  private static final String[] PIECES = {"'", "\"", "\\", "(", ")", " AND ", " OR ", "NOT ",
      "null", "true", "false", "~", "!=", "=", " IN ", "%", "_", "*", "\\\"", "''", "x", "Title",
      "abc", " ", "日本語", "😀", "𝄞", "שלום", "مرحبا", "\u202E", "\u200F", "é", "\u0001", "\n",
      "\t", "\u007f", "{}", "[", "]", ",", "state = \"OPEN\"", "\" OR title ~ \"", ")) OR ((",
      "\\\\", "+", "&", "#", "?q=", "%22", "\uFEFF", "ǅ", "ß", "İ"};

  /** A string column of a table, and the columns that identify its rows. */
  private record Target(String table, String column) {}

  private static final List<Target> TARGETS = List.of(new Target("pullrequests", "title"),
      new Target("pullrequests", "description"), new Target("issues", "title"),
      new Target("issues", "content_raw"), new Target("projects", "description"));

  private enum Op { EQ, NEQ, IN, LIKE_PREFIX, LIKE_CONTAINS, LIKE_SUFFIX, STARTS_WITH, CONTAINS }

  private static final Random RANDOM = new Random(SEED);
  /** Repository tables are read from this one repository only: fewer requests per query. */
  private static final String REPO = EMU.store().repositories(WS).get(0);
  /** Values stored in the emulator, per target: filters cut them so that rows match. */
  private static final Map<Target, List<String>> STORED = new HashMap<>();

  @BeforeAll
  static void storeRowsWithGeneratedText() {
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < 40; i++) {
      String repo = REPO;
      String branch = EMU.store().list(WS, repo, "branches").get(0).get("name").asText();
      String a = nonEmpty(), b = nonEmpty(), c = nonEmpty(), d = nonEmpty(), e = nonEmpty();
      ObjectNode pr = json.createObjectNode().put("title", a).put("description", b);
      pr.putObject("source").putObject("branch").put("name", branch);
      EMU.store().create(WS, repo, "pullrequests", pr);
      ObjectNode issue = json.createObjectNode().put("title", c);
      issue.putObject("content").put("raw", d);
      EMU.store().create(WS, repo, "issues", issue);
      EMU.store().create(WS, null, "projects", json.createObjectNode().put("key", "FZ" + i)
          .put("name", "fuzz " + i).put("description", e));
      STORED.computeIfAbsent(TARGETS.get(0), t -> new ArrayList<>()).add(a);
      STORED.computeIfAbsent(TARGETS.get(1), t -> new ArrayList<>()).add(b);
      STORED.computeIfAbsent(TARGETS.get(2), t -> new ArrayList<>()).add(c);
      STORED.computeIfAbsent(TARGETS.get(3), t -> new ArrayList<>()).add(d);
      STORED.computeIfAbsent(TARGETS.get(4), t -> new ArrayList<>()).add(e);
    }
  }

  private static String nonEmpty() {
    String v = generate();
    return v.isBlank() ? "x" + v : v; // Bitbucket requires a title
  }

  /** A seeded nasty value: mostly a few pieces, sometimes empty, sometimes 1,000-10,000 chars. */
  static String generate() {
    int kind = RANDOM.nextInt(100);
    if (kind < 3) {
      return "";
    }
    int length = kind < 5 ? 1000 + RANDOM.nextInt(9001) : 0;
    StringBuilder s = new StringBuilder();
    int pieces = 1 + RANDOM.nextInt(6);
    while (pieces-- > 0 || s.length() < length) {
      s.append(PIECES[RANDOM.nextInt(PIECES.length)]);
    }
    return cut(s.toString(), 0, Math.max(length, s.length()) > 10_000 ? 10_000 : s.length());
  }

  /** Substring on code point boundaries (never half a surrogate pair). */
  private static String cut(String s, int from, int to) {
    int start = s.offsetByCodePoints(0, Math.min(from, s.codePointCount(0, s.length())));
    int end = Math.min(s.length(), to);
    if (end < s.length() && Character.isLowSurrogate(s.charAt(end))) {
      end--;
    }
    return s.substring(start, Math.max(start, end));
  }

  /** A value for {@code op}: a generated one, or a cut of a stored one so that rows match. */
  private static String valueFor(Target t, Op op) {
    if (RANDOM.nextInt(100) < 60) {
      return generate();
    }
    List<String> stored = STORED.get(t);
    String v = stored.get(RANDOM.nextInt(stored.size()));
    int n = v.codePointCount(0, v.length());
    int a = RANDOM.nextInt(n + 1);
    int b = a + RANDOM.nextInt(n - a + 1);
    String prefix = v.substring(0, v.offsetByCodePoints(0, a));
    return switch (op) {
      case LIKE_PREFIX, STARTS_WITH -> prefix;
      case LIKE_SUFFIX -> v.substring(v.offsetByCodePoints(0, a));
      case LIKE_CONTAINS, CONTAINS -> v.substring(v.offsetByCodePoints(0, a),
          v.offsetByCodePoints(0, b));
      default -> v;
    };
  }

  private static String likeEscaped(String v) {
    return v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static Column predicate(Op op, Column c, String v) {
    return switch (op) {
      case EQ -> c.equalTo(v);
      case NEQ -> c.notEqual(v);
      case LIKE_PREFIX -> c.like(likeEscaped(v) + "%");
      case LIKE_CONTAINS -> c.like("%" + likeEscaped(v) + "%");
      case LIKE_SUFFIX -> c.like("%" + likeEscaped(v));
      case STARTS_WITH -> c.startsWith(v);
      case CONTAINS -> c.contains(v);
      case IN -> throw new IllegalArgumentException("IN takes the whole batch");
    };
  }

  private static Column batchCondition(Op op, Column c, List<String> values) {
    if (op == Op.IN) {
      return c.isin(values.toArray());
    }
    BinaryOperator<Column> join = op == Op.NEQ ? Column::and : Column::or;
    return values.stream().map(v -> predicate(op, c, v)).reduce(join).orElseThrow();
  }

  private static List<String> multiset(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static Dataset<Row> read(Target t, boolean pushdown) {
    List<String> cols = t.table().equals("projects") ? List.of("key", t.column())
        : List.of("repository", "id", t.column());
    DataFrameReader r = reader(Canaries.authMethods(EMU).get("token"))
        .option("pushdown", pushdown);
    if (!t.table().equals("projects")) {
      r.option("repository", REPO);
    }
    return r.load(t.table()).selectExpr(cols.toArray(String[]::new));
  }

  @Test
  void pushedFiltersReturnExactlySparksRowsForEveryGeneratedValue() {
    Map<Target, Map<Op, List<String>>> cases = new LinkedHashMap<>();
    for (int i = 0; i < CASES; i++) {
      Target t = TARGETS.get(RANDOM.nextInt(TARGETS.size()));
      Op op = Op.values()[RANDOM.nextInt(Op.values().length)];
      cases.computeIfAbsent(t, k -> new LinkedHashMap<>())
          .computeIfAbsent(op, k -> new ArrayList<>()).add(valueFor(t, op));
    }
    EMU.requestLog().clear();
    int queries = 0;
    int values = 0;
    int nonEmpty = 0;
    for (Map.Entry<Target, Map<Op, List<String>>> byTarget : cases.entrySet()) {
      Target t = byTarget.getKey();
      Dataset<Row> truth = read(t, false).cache();
      assertTrue(truth.count() >= 40, t.toString());
      for (Map.Entry<Op, List<String>> byOp : byTarget.getValue().entrySet()) {
        for (List<String> batch : batches(byOp.getValue())) {
          Column cond = batchCondition(byOp.getKey(), col(t.column()), batch);
          List<String> expected = multiset(truth.where(cond));
          List<String> actual = multiset(read(t, true).where(cond));
          assertEquals(expected, actual, t + " " + byOp.getKey() + " " + batch);
          queries++;
          values += batch.size();
          nonEmpty += expected.isEmpty() ? 0 : 1;
        }
      }
      truth.unpersist();
    }
    assertEquals(CASES, values);
    List<LoggedRequest> log = EMU.requestLog().entries();
    List<LoggedRequest> withQ = log.stream().filter(r -> r.query().containsKey("q")).toList();
    assertEquals(List.of(), withQ.stream().filter(r -> r.status() == 400)
        .map(r -> r.query().get("q")).limit(3).toList(), "BBQL the emulator refused");
    long pushed = withQ.stream().map(r -> r.query().get("q").get(0))
        .filter(q -> q.contains("title") || q.contains("description") || q.contains("content.raw"))
        .count();
    assertTrue(pushed >= queries / 2, "too few filters were pushed: " + pushed + " of " + queries);
    assertTrue(nonEmpty >= queries / 4, "too few batches matched rows: " + nonEmpty);
    System.out.printf("FilterFuzzIT: %d values in %d pushed queries (%d matched rows), "
        + "%d requests with BBQL%n", values, queries, nonEmpty, pushed);
  }

  /**
   * Up to 40 values and about 20,000 characters per batch. Values with
   * control characters, which are never pushed (BBQL documents no escape for them), get batches
   * of their own: in a batch with others they would keep the whole OR in Spark.
   */
  private static List<List<String>> batches(List<String> values) {
    List<List<String>> out = new ArrayList<>();
    out.addAll(chunks(values.stream().filter(v -> !hasControl(v)).toList()));
    out.addAll(chunks(values.stream().filter(FilterFuzzIT::hasControl).toList()));
    return out;
  }

  private static boolean hasControl(String v) {
    return v.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
  }

  private static List<List<String>> chunks(List<String> values) {
    List<List<String>> out = new ArrayList<>();
    List<String> current = new ArrayList<>();
    int chars = 0;
    for (String v : values) {
      if (!current.isEmpty() && (current.size() == 40 || chars + v.length() > 20_000)) {
        out.add(current);
        current = new ArrayList<>();
        chars = 0;
      }
      current.add(v);
      chars += v.length();
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }
}
