package io.github.sparkbitbucket.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkbitbucket.config.BitbucketOptions;
import io.github.sparkbitbucket.emulator.BitbucketEmulator;
import io.github.sparkbitbucket.emulator.Dataset;
import io.github.sparkbitbucket.emulator.LoggedRequest;
import io.github.sparkbitbucket.table.WriteSpecs;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A task retried on another executor: that JVM has no memory of the first attempt (no
 * {@link AttemptJournal} entries; the first attempt may have died with its executor, undoing
 * nothing). The retry finds what the first attempt created in Bitbucket, by natural identity,
 * and creates no second copy. Writers are driven directly, as Spark's task would.
 */
class RetryOnAnotherExecutorIT {
  private static final String WS = "acme";
  private static final BitbucketEmulator EMU = BitbucketEmulator.builder().port(0).seed(11L)
      .dataset(Dataset.small()).start();
  private static final String REPO = EMU.store().repositories(WS).get(0);

  @AfterAll
  static void stop() {
    EMU.close();
  }

  private static WriteContext context(String table, StructType schema) {
    BitbucketOptions options = BitbucketOptions.parse(Map.of("endpoint", EMU.baseUrl(), "token",
        EMU.credentials().token(), "workspace", WS));
    WriteSettings settings = new WriteSettings(WS, List.of(), false, false, false, 4);
    return new WriteContext("retry-" + System.nanoTime(), WriteSpecs.find(table).orElseThrow(),
        options, settings, schema, null, Map.of());
  }

  private static InternalRow row(Object... values) {
    Object[] out = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] instanceof String s ? UTF8String.fromString(s) : values[i];
    }
    return new GenericInternalRow(out);
  }

  /** One task attempt writing {@code rows}; it commits unless {@code dies}. */
  private static void attempt(WriteContext ctx, int attemptNumber, List<InternalRow> rows,
      boolean dies) {
    BitbucketDataWriter writer = new BitbucketDataWriter(ctx, 0, attemptNumber, attemptNumber, 0);
    try {
      rows.forEach(writer::insert);
      if (dies) {
        writer.currentMetricsValues(); // waits for the requests in flight, then "the JVM dies"
      } else {
        writer.commit();
      }
    } finally {
      writer.close();
    }
    // what another executor's JVM would know of this attempt: nothing
    AttemptJournal.takeAll(ctx.writeId());
  }

  private static long posts(int from, String pathEnd) {
    List<LoggedRequest> log = EMU.requestLog().entries();
    return log.subList(from, log.size()).stream()
        .filter(r -> r.method().equals("POST") && r.path().endsWith(pathEnd)).count();
  }

  private static long count(String collection, String field, String value) {
    return EMU.store().list(WS, REPO, collection).stream()
        .filter(o -> value.equals(o.at(field).asText())).count();
  }

  @Test
  void commentsAndIssuesOfAnAttemptThatDiedAreFoundNotCreatedAgain() {
    int pr = EMU.store().list(WS, REPO, "pullrequests").get(0).get("id").asInt();
    String tag = "exec-" + System.nanoTime();
    StructType comments = new StructType().add("repository", DataTypes.StringType)
        .add("pullrequest_id", DataTypes.IntegerType).add("content_raw", DataTypes.StringType);
    WriteContext ctx = context("pullrequest_comments", comments);
    List<InternalRow> first = List.of(row(REPO, pr, tag + "-a"), row(REPO, pr, tag + "-b"));
    List<InternalRow> all = List.of(row(REPO, pr, tag + "-a"), row(REPO, pr, tag + "-b"),
        row(REPO, pr, tag + "-c"));
    int start = EMU.requestLog().size();

    attempt(ctx, 0, first, true);
    attempt(ctx, 1, all, false);

    for (String s : List.of("-a", "-b", "-c")) {
      assertEquals(1, count("pullrequest_comments", "/content/raw", tag + s), tag + s);
    }
    assertEquals(3, posts(start, "/pullrequests/" + pr + "/comments"),
        "the retry posted only the comment the first attempt had not made");

    // the same rows written by a FIRST attempt of another write are new comments: the look-up
    // is what prevented the copies above
    attempt(context("pullrequest_comments", comments), 0, List.of(row(REPO, pr, tag + "-a")),
        false);
    assertEquals(2, count("pullrequest_comments", "/content/raw", tag + "-a"));

    String title = "issue-" + tag;
    StructType issues = new StructType().add("repository", DataTypes.StringType)
        .add("title", DataTypes.StringType);
    WriteContext issueCtx = context("issues", issues);
    attempt(issueCtx, 0, List.of(row(REPO, title)), true);
    attempt(issueCtx, 1, List.of(row(REPO, title)), false);
    assertEquals(1, count("issues", "/title", title));
  }

  @Test
  void pullRequestsAndBranchesOfAnAbortedAttemptAreReused() {
    String tag = "exec-" + System.nanoTime();
    String main = EMU.store().get(WS, null, "repositories", REPO).path("mainbranch").path("name")
        .asText();
    String source = EMU.store().list(WS, REPO, "branches").stream().map(b -> b.get("name")
        .asText()).filter(n -> !n.equals(main)).findFirst().orElseThrow();
    StructType prs = new StructType().add("repository", DataTypes.StringType)
        .add("title", DataTypes.StringType).add("source_branch", DataTypes.StringType);
    WriteContext ctx = context("pullrequests", prs);
    int start = EMU.requestLog().size();
    BitbucketDataWriter first = new BitbucketDataWriter(ctx, 0, 1, 0, 0);
    first.insert(row(REPO, tag + "-1", source));
    first.insert(row(REPO, tag + "-2", source));
    first.abort(); // keeps the pull requests (they cannot be deleted) for this JVM's retry...
    first.close();
    AttemptJournal.takeAll(ctx.writeId()); // ...which runs in another JVM instead
    attempt(ctx, 1, List.of(row(REPO, tag + "-1", source), row(REPO, tag + "-2", source)), false);

    for (String t : List.of(tag + "-1", tag + "-2")) {
      assertEquals(1, count("pullrequests", "/title", t), t);
      ObjectNode pr = EMU.store().list(WS, REPO, "pullrequests").stream()
          .filter(o -> t.equals(o.get("title").asText())).findFirst().orElseThrow();
      assertEquals("OPEN", pr.get("state").asText());
    }
    assertEquals(2, posts(start, "/" + REPO + "/pullrequests"));

    String hash = EMU.store().list(WS, REPO, "commits").get(0).get("hash").asText();
    StructType branches = new StructType().add("repository", DataTypes.StringType)
        .add("name", DataTypes.StringType).add("target_hash", DataTypes.StringType);
    WriteContext branchCtx = context("branches", branches);
    int branchStart = EMU.requestLog().size();
    attempt(branchCtx, 0, List.of(row(REPO, tag, hash)), true);
    attempt(branchCtx, 1, List.of(row(REPO, tag, hash)), false); // a second POST would be a 400
    assertEquals(1, count("branches", "/name", tag));
    List<LoggedRequest> log = EMU.requestLog().entries();
    assertTrue(log.subList(branchStart, log.size()).stream().noneMatch(r -> r.status() == 400));
    assertEquals(1, posts(branchStart, "/refs/branches"));
  }
}
