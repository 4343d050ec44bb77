package io.github.sparkbitbucket.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkbitbucket.table.TableDef;
import io.github.sparkbitbucket.table.TableRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.LiteralValue;
import org.apache.spark.sql.connector.expressions.filter.And;
import org.apache.spark.sql.connector.expressions.filter.Not;
import org.apache.spark.sql.connector.expressions.filter.Or;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven: each V2 predicate on pullrequests, its exact BBQL and its pre-filter BBQL. */
class BbqlTranslatorTest {
  private static final TableDef PRS = TableRegistry.require("pullrequests");

  static Expression col(String name) {
    return Expressions.column(name);
  }

  static Expression str(String s) {
    return new LiteralValue<>(UTF8String.fromString(s), DataTypes.StringType);
  }

  static Expression num(int n) {
    return new LiteralValue<>(n, DataTypes.IntegerType);
  }

  static Expression bool(boolean b) {
    return new LiteralValue<>(b, DataTypes.BooleanType);
  }

  static Expression ts(String iso) {
    return new LiteralValue<>(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(iso)),
        DataTypes.TimestampType);
  }

  static Expression nul(org.apache.spark.sql.types.DataType t) {
    return new LiteralValue<>(null, t);
  }

  static Predicate p(String op, Expression... children) {
    return new Predicate(op, children);
  }

  static Arguments row(Predicate p, String exact, String pre) {
    return Arguments.of(p, exact, pre);
  }

  static Stream<Arguments> cases() {
    Predicate idEq = p("=", col("id"), num(7));
    Predicate contains = p("CONTAINS", col("title"), str("fix"));
    return Stream.of(
        row(idEq, "id = 7", "id = 7"),
        row(p("=", num(7), col("id")), "id = 7", "id = 7"),
        row(p("<>", col("id"), num(7)), "id != 7", "id != 7"),
        row(p("<", col("id"), num(7)), "id < 7", "id < 7"),
        row(p("<=", col("id"), num(7)), "id <= 7", "id <= 7"),
        row(p(">", col("id"), num(7)), "id > 7", "id > 7"),
        row(p(">=", col("id"), num(7)), "id >= 7", "id >= 7"),
        row(p("<", num(7), col("id")), "id > 7", "id > 7"),
        row(p("=", col("comment_count"), num(2)), "comment_count = 2", "comment_count = 2"),
        row(p(">", col("comment_count"), num(2)),
            "(comment_count > 2 AND comment_count != null)",
            "(comment_count > 2 AND comment_count != null)"),
        row(p("=", col("state"), str("MERGED")), "state = \"MERGED\"", "state = \"MERGED\""),
        row(p("<>", col("state"), str("MERGED")), "(state != \"MERGED\" AND state != null)",
            "(state != \"MERGED\" AND state != null)"),
        row(new Not(p("=", col("state"), str("OPEN"))), "(state != \"OPEN\" AND state != null)",
            "(state != \"OPEN\" AND state != null)"),
        row(p("<=>", col("state"), str("OPEN")), "state = \"OPEN\"", "state = \"OPEN\""),
        row(new Not(p("<=>", col("state"), str("OPEN"))),
            "(state != \"OPEN\" OR state = null)", "(state != \"OPEN\" OR state = null)"),
        row(p("<=>", col("state"), nul(DataTypes.StringType)), "state = null", "state = null"),
        row(p("=", col("state"), nul(DataTypes.StringType)), null, null),
        row(p("<", col("title"), str("m")), null, null),
        row(p("IN", col("state"), str("OPEN"), str("MERGED")),
            "state IN (\"OPEN\", \"MERGED\")", "state IN (\"OPEN\", \"MERGED\")"),
        row(p("IN", col("state"), str("OPEN"), nul(DataTypes.StringType)),
            "state IN (\"OPEN\")", "state IN (\"OPEN\")"),
        row(new Not(p("IN", col("state"), str("OPEN"), str("MERGED"))),
            "(state NOT IN (\"OPEN\", \"MERGED\") AND state != null)",
            "(state NOT IN (\"OPEN\", \"MERGED\") AND state != null)"),
        row(new Not(p("IN", col("state"), str("OPEN"), nul(DataTypes.StringType))), null, null),
        row(p("IN", col("id"), num(1), num(2)), "id IN (1, 2)", "id IN (1, 2)"),
        row(p("IS_NULL", col("merge_commit")), "merge_commit.hash = null",
            "merge_commit.hash = null"),
        row(p("IS_NOT_NULL", col("merge_commit")), "merge_commit.hash != null",
            "merge_commit.hash != null"),
        row(new Not(p("IS_NULL", col("reason"))), "reason != null", "reason != null"),
        row(p("=", col("draft"), bool(true)), "draft = true", "draft = true"),
        row(p("<", col("draft"), bool(true)), null, null),
        row(p(">", col("created_on"), ts("2024-01-02T03:04:05.123456Z")),
            "created_on > 2024-01-02T03:04:05.123456+00:00",
            "created_on > 2024-01-02T03:04:05.123456+00:00"),
        row(p("=", col("author_display_name"), str("Zoë Ünïcödé ✓")),
            "author.display_name = \"Zoë Ünïcödé ✓\"", "author.display_name = \"Zoë Ünïcödé ✓\""),
        row(new And(idEq, p("=", col("state"), str("OPEN"))), "(id = 7 AND state = \"OPEN\")",
            "(id = 7 AND state = \"OPEN\")"),
        row(new Or(idEq, p("=", col("state"), str("OPEN"))), "(id = 7 OR state = \"OPEN\")",
            "(id = 7 OR state = \"OPEN\")"),
        row(new Not(new And(idEq, p("<", col("id"), num(3)))), "(id != 7 OR id >= 3)",
            "(id != 7 OR id >= 3)"),
        row(new Not(new Or(idEq, p("<", col("id"), num(3)))), "(id != 7 AND id >= 3)",
            "(id != 7 AND id >= 3)"),
        row(new Not(new Not(idEq)), "id = 7", "id = 7"),
        // '~' is case-insensitive: never exact, a pre-filter only, never under NOT
        row(contains, null, "title ~ \"fix\""),
        row(p("STARTS_WITH", col("title"), str("Fix")), null, "title ~ \"Fix\""),
        row(p("ENDS_WITH", col("title"), str("x")), null, "title ~ \"x\""),
        row(new Not(contains), null, null),
        row(new And(idEq, contains), null, "(id = 7 AND title ~ \"fix\")"),
        row(new And(idEq, new Not(contains)), null, "id = 7"),
        row(new Or(idEq, contains), null, "(id = 7 OR title ~ \"fix\")"),
        row(new Or(idEq, p("<", col("title"), str("m"))), null, null),
        // not columns BBQL knows: context columns, unknown columns, type mismatches
        row(p("=", col("repository"), str("api")), null, null),
        row(p("=", col("workspace"), str("acme")), null, null),
        row(p("=", col("nope"), str("x")), null, null),
        row(p("=", col("id"), str("7")), null, null),
        row(p("=", col("title"), num(7)), null, null),
        row(new org.apache.spark.sql.connector.expressions.filter.AlwaysTrue(), null, null),
        // injection: every value stays one quoted string
        row(p("=", col("title"), str("x\" OR id > 0 OR title = \"y")),
            "title = \"x\\\" OR id > 0 OR title = \\\"y\"",
            "title = \"x\\\" OR id > 0 OR title = \\\"y\""),
        row(p("=", col("title"), str("back\\slash\\\"")), "title = \"back\\\\slash\\\\\\\"\"",
            "title = \"back\\\\slash\\\\\\\"\""),
        row(p("=", col("title"), str("AND OR NOT IN null true ) (")),
            "title = \"AND OR NOT IN null true ) (\"", "title = \"AND OR NOT IN null true ) (\""),
        row(p("=", col("title"), str("line\nbreak")), null, null));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void translatesExactlyOrNotAtAll(Predicate p, String exact, String pre) {
    assertEquals(Optional.ofNullable(exact), BbqlTranslator.translate(p, PRS), "exact " + p);
    assertEquals(Optional.ofNullable(pre), BbqlTranslator.preFilter(p, PRS), "pre " + p);
  }
}
