package io.github.sparkbitbucket.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.table.TableRegistry;
import java.util.Map;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.LiteralValue;
import org.apache.spark.sql.connector.expressions.NullOrdering;
import org.apache.spark.sql.connector.expressions.SortDirection;
import org.apache.spark.sql.connector.expressions.SortOrder;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** Pushdown decisions of the scan builder (no request is made: planning is lazy). */
class BitbucketScanBuilderTest {
  static final String SECRET = "s3cr3t-token-value";

  static BitbucketScanBuilder builder(String table, String... extra) {
    Map<String, String> opts = new java.util.HashMap<>(Map.of("endpoint",
        "http://127.0.0.1:1/2.0", "token", SECRET, "workspace", "acme"));
    for (int i = 0; i < extra.length; i += 2) {
      opts.put(extra[i], extra[i + 1]);
    }
    return new BitbucketScanBuilder(TableRegistry.require(table), ReadOptions.parse(opts));
  }

  static Predicate eq(String col, Expression lit) {
    return new Predicate("=", new Expression[] {Expressions.column(col), lit});
  }

  static Expression str(String s) {
    return new LiteralValue<>(UTF8String.fromString(s), DataTypes.StringType);
  }

  static Expression num(int n) {
    return new LiteralValue<>(n, DataTypes.IntegerType);
  }

  static SortOrder order(String col, SortDirection dir) {
    return new SortOrder() {
      public Expression expression() { return Expressions.column(col); }
      public SortDirection direction() { return dir; }
      public NullOrdering nullOrdering() { return dir.defaultNullOrdering(); }
    };
  }

  static ScanSpec spec(BitbucketScanBuilder b) {
    return ((BitbucketScan) b.build()).spec();
  }

  @Test
  void exactFiltersArePushedAndPreFiltersStay() {
    BitbucketScanBuilder b = builder("pullrequests");
    Predicate state = eq("state", str("OPEN"));
    Predicate contains = new Predicate("CONTAINS", new Expression[] {Expressions.column("title"),
        str("fix")});
    Predicate repo = eq("repository", str("api"));
    Predicate[] post = b.pushPredicates(new Predicate[] {state, contains, repo});
    assertArrayEquals(new Predicate[] {contains}, post);
    assertArrayEquals(new Predicate[] {state, repo}, b.pushedPredicates());
    ScanSpec s = spec(b);
    assertEquals("(state = \"OPEN\") AND (title ~ \"fix\")", s.bbql());
    assertEquals(java.util.Set.of("api"), s.repositories());
    assertFalse(b.pushLimit(5), "no LIMIT while Spark still filters");
  }

  @Test
  void keyEqualityBecomesOneGetAndEverythingElseStaysInSpark() {
    BitbucketScanBuilder b = builder("pullrequests");
    Predicate id = eq("id", num(7));
    Predicate state = eq("state", str("OPEN"));
    Predicate[] post = b.pushPredicates(new Predicate[] {id, state});
    assertEquals(2, post.length);
    ScanSpec s = spec(b);
    assertEquals("7", s.singleKey());
    assertNull(s.bbql());
  }

  @Test
  void repositoryValuesThatCannotBeSlugsMatchNothing() {
    BitbucketScanBuilder b = builder("pullrequests");
    b.pushPredicates(new Predicate[] {new Predicate("IN", new Expression[] {
        Expressions.column("repository"), str(""), str("a/b"), str("api")})});
    assertEquals(java.util.Set.of("api"), spec(b).repositories());
    BitbucketScanBuilder none = builder("pullrequests");
    none.pushPredicates(new Predicate[] {eq("repository", str(" "))});
    assertTrue(spec(none).noRows());
  }

  @Test
  void otherWorkspaceMeansNoRows() {
    BitbucketScanBuilder b = builder("projects");
    assertEquals(0, b.pushPredicates(new Predicate[] {eq("workspace", str("globex"))}).length);
    assertTrue(spec(b).noRows());
  }

  @Test
  void limitTopNAndCount() {
    BitbucketScanBuilder limit = builder("pullrequests");
    limit.pushPredicates(new Predicate[] {eq("state", str("OPEN"))});
    assertTrue(limit.pushLimit(3));
    assertEquals(3, spec(limit).limit());

    BitbucketScanBuilder top = builder("pullrequests");
    assertTrue(top.pushTopN(new SortOrder[] {order("created_on", SortDirection.DESCENDING)}, 4));
    assertEquals("-created_on", spec(top).sort());
    assertFalse(builder("pullrequests").pushTopN(new SortOrder[] {order("reason",
        SortDirection.ASCENDING)}, 4), "not sortable");
    assertFalse(builder("repositories").pushTopN(new SortOrder[] {order("size",
        SortDirection.ASCENDING)}, 4), "nullable: the API's null placement is unknown");
    assertFalse(builder("pullrequest_comments").pushTopN(new SortOrder[] {order("id",
        SortDirection.ASCENDING)}, 4), "comments are listed per pull request: no global order");

    BitbucketScanBuilder count = builder("pullrequests");
    count.pushPredicates(new Predicate[] {eq("state", str("MERGED"))});
    assertTrue(count.pushAggregation(new org.apache.spark.sql.connector.expressions.aggregate
        .Aggregation(new org.apache.spark.sql.connector.expressions.aggregate.AggregateFunc[] {
            new org.apache.spark.sql.connector.expressions.aggregate.CountStar()},
            new Expression[0])));
    assertTrue(spec(count).countOnly());
    assertFalse(builder("commits").pushAggregation(new org.apache.spark.sql.connector
        .expressions.aggregate.Aggregation(new org.apache.spark.sql.connector.expressions
        .aggregate.AggregateFunc[] {new org.apache.spark.sql.connector.expressions.aggregate
        .CountStar()}, new Expression[0])), "cursor lists have no size");
  }

  @Test
  void pushdownOffPushesNothing() {
    BitbucketScanBuilder b = builder("pullrequests", "pushdown", "false");
    Predicate state = eq("state", str("OPEN"));
    assertArrayEquals(new Predicate[] {state}, b.pushPredicates(new Predicate[] {state}));
    assertEquals(0, b.pushedPredicates().length);
    assertFalse(b.pushLimit(1));
  }

  @Test
  void descriptionShowsBbqlButNeverTheToken() {
    BitbucketScanBuilder b = builder("pullrequests");
    b.pushPredicates(new Predicate[] {eq("title", str("a\"b"))});
    String d = b.build().description();
    assertTrue(d.contains("q=title = \"a\\\"b\""), d);
    assertFalse(d.contains(SECRET), d);
    assertFalse(b.build().toString().contains(SECRET));
  }
}
