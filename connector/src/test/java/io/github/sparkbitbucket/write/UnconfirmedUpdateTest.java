package io.github.sparkbitbucket.write;

import static io.github.sparkbitbucket.testing.ScriptedServer.Answer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.sparkbitbucket.api.BitbucketClient;
import io.github.sparkbitbucket.api.RequestStats;
import io.github.sparkbitbucket.config.BitbucketOptions;
import io.github.sparkbitbucket.table.WriteSpecs;
import io.github.sparkbitbucket.testing.ScriptedServer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An UPDATE whose PUT keeps failing (its retries run out) goes on the undo record exactly when the
 * row shows the change: a PUT applied before its 5xx answer must be undone, one never applied
 * must not be listed.
 */
class UnconfirmedUpdateTest {
  private ScriptedServer server;
  private volatile String content = "old";
  private volatile boolean applyPuts;

  @BeforeEach
  void start() throws IOException {
    server = new ScriptedServer();
    server.handler("/2.0/repositories/acme/api/pullrequests/7/comments/9", seen -> {
      if (!seen.method().equals("PUT")) {
        return json(200, "{\"id\":9,\"content\":{\"raw\":\"" + content + "\"}}");
      }
      if (applyPuts) {
        content = "new"; // applied, yet answered 500
      }
      return json(500, "{\"type\":\"error\",\"error\":{\"message\":\"boom\"}}");
    });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private UndoLog update() {
    BitbucketOptions options = BitbucketOptions.parse(Map.of(
        "endpoint", server.base() + "/2.0",
        "token", "unit-test-token", "maxRetries", "1"));
    StructType ids = new StructType().add("repository", DataTypes.StringType)
        .add("pullrequest_id", DataTypes.LongType).add("id", DataTypes.LongType);
    StructType data = new StructType().add("content_raw", DataTypes.StringType);
    WriteContext ctx = new WriteContext("w2",
        WriteSpecs.find("pullrequest_comments").orElseThrow(), options,
        new WriteSettings("acme", List.of(), false, false, false, 1), data, ids, Map.of());
    UndoLog undo = new UndoLog();
    RowChanges changes = new RowChanges(ctx, BitbucketClient.shared(options),
        new RequestStats(), undo, s -> { }, body -> null, false);
    assertThrows(RowWriteException.class, () -> changes.update(
        new GenericInternalRow(new Object[] {UTF8String.fromString("api"), 7L, 9L}),
        new GenericInternalRow(new Object[] {UTF8String.fromString("new")}), null));
    return undo;
  }

  @Test
  void aPutAppliedBeforeItsErrorIsOnTheUndoRecord() {
    applyPuts = true;
    List<UndoEntry> undo = update().snapshot();
    assertEquals(1, undo.size());
    assertEquals(UndoEntry.Kind.UPDATED, undo.get(0).kind());
    assertEquals("{\"content\":{\"raw\":\"old\"}}", undo.get(0).beforeJson());
  }

  @Test
  void aPutNeverAppliedIsNotListed() {
    applyPuts = false;
    assertEquals(0, update().snapshot().size());
  }
}
