package io.github.sparkbitbucket.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the analytics SQL file is split into setup statements and named queries. */
class AnalyticsScriptTest {

  @Test
  void setupComesBeforeTheFirstNameAndEachNamedStatementIsOneQuery() {
    AnalyticsScript script = AnalyticsScript.parse("""
        -- a header comment
        SET spark.sql.session.timeZone = UTC;

        USE bb.acme;

        -- name: first
        -- what it does
        SELECT a,
        -- whole comment lines are dropped
               b   -- an inline comment stays
        FROM t;

        -- name: second
        SELECT 1;
        """);
    assertEquals(List.of("SET spark.sql.session.timeZone = UTC", "USE bb.acme"), script.setup());
    assertEquals(Map.of("first", "SELECT a,\n       b   -- an inline comment stays\nFROM t",
        "second", "SELECT 1"), script.queries());
    assertEquals(List.of("first", "second"), List.copyOf(script.queries().keySet()));
  }

  @Test
  void theUseStatementFollowsTheConfiguredWorkspace() {
    AnalyticsScript script = AnalyticsScript.parse("SET x = 1;\nuse bb.acme;\n-- name: q\nSELECT 1;\n");
    assertEquals(List.of("SET x = 1", "USE cat.`my-team`"), script.setupFor("cat", "my-team"));
    assertThrows(IllegalArgumentException.class, () -> script.setupFor("cat", "a`b"));
  }

  @Test
  void malformedFilesSayWhatIsWrong() {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> AnalyticsScript.parse("-- name: q\nSELECT 1\n"));
    assertTrue(missing.getMessage().contains("lacks its ';'"), missing.getMessage());
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> AnalyticsScript.parse("-- name: q\nSELECT 1;\n-- name: q\nSELECT 2;\n"));
    assertTrue(twice.getMessage().contains("Two queries are named q"), twice.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> AnalyticsScript.parse("-- name: q\nSELECT 1;\n").query("r"));
    assertTrue(unknown.getMessage().contains("No query named r"), unknown.getMessage());
  }

  @Test
  void theShippedFileHasTheFiveAnalyses() {
    assertEquals(List.of("cycle_time_by_repository", "merges_per_week", "review_load",
        "pipeline_health_by_repository", "branch_age_by_repository"),
        List.copyOf(AnalyticsScript.load().queries().keySet()));
  }
}
