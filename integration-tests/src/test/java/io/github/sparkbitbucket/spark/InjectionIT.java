package io.github.sparkbitbucket.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filter values with quotes, backslashes, BBQL keywords and non-ASCII text, through SQL: exactly
 * the rows Spark's own semantics give (a value never changes the BBQL query's meaning).
 */
class InjectionIT extends SparkEmulatorTestBase {
  static final String REPO_TITLE_PREFIX = "inj:";
  static final String[] TITLES = {"it's \"quoted\"", "back\\slash\\", "x\" OR title ~ \"",
      "AND OR NOT IN null", "Ünïcödé 日本語 ✓", "CASE matters", "case MATTERS", "50% off_"};

  @BeforeAll
  static void createPullRequestsWithNastyTitles() {
    String repo = repositories().get(0);
    String branch = EMU.store().list(WS, repo, "branches").get(0).get("name").asText();
    for (String t : TITLES) {
      if (EMU.store().list(WS, repo, "pullrequests").stream()
          .noneMatch(o -> o.get("title").asText().equals(REPO_TITLE_PREFIX + t))) {
        ObjectNode fields = new ObjectMapper().createObjectNode()
            .put("title", REPO_TITLE_PREFIX + t);
        fields.putObject("source").putObject("branch").put("name", branch);
        EMU.store().create(WS, repo, "pullrequests", fields);
      }
    }
  }

  static Stream<String> values() {
    return Stream.of(TITLES);
  }

  static List<Integer> truth(java.util.function.Predicate<String> title) {
    return EMU.store().list(WS, null, "pullrequests").stream()
        .filter(o -> title.test(o.get("title").asText())).map(o -> o.get("id").asInt())
        .sorted().toList();
  }

  static List<Integer> ids(String where) {
    return SPARK.sql("SELECT id FROM bb.acme.pullrequests WHERE " + where).collectAsList()
        .stream().map(r -> r.getInt(0)).sorted().toList();
  }

  @ParameterizedTest
  @MethodSource("values")
  void equalityInAndContainsReturnExactlySparksRows(String raw) {
    String value = REPO_TITLE_PREFIX + raw;
    String lit = DifferentialPushdownIT.lit(value);
    List<Integer> eq = truth(value::equals);
    assertEquals(1, eq.size());
    assertEquals(eq, ids("title = " + lit));
    assertEquals(eq, ids("title IN (" + lit + ", 'nothing')"));
    assertEquals(truth(t -> t.contains(raw)), ids("contains(title, "
        + DifferentialPushdownIT.lit(raw) + ")"));
    assertEquals(truth(t -> t.startsWith(value)), ids("startswith(title, " + lit + ")"));
    assertEquals(truth(t -> !t.equals(value)), ids("title <> " + lit));
    List<Row> explain = SPARK.sql("EXPLAIN SELECT id FROM bb.acme.pullrequests WHERE title = "
        + lit).collectAsList();
    assertFalse(explain.get(0).getString(0).contains(EMU.credentials().token()));
  }
}
