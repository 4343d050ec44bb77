package io.github.sparkbitbucket.write;

import static io.github.sparkbitbucket.testing.ScriptedServer.Answer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.api.BitbucketClient;
import io.github.sparkbitbucket.api.RequestStats;
import io.github.sparkbitbucket.config.BitbucketOptions;
import io.github.sparkbitbucket.table.TableDef;
import io.github.sparkbitbucket.table.TableRegistry;
import io.github.sparkbitbucket.table.WriteSpecs;
import io.github.sparkbitbucket.testing.ScriptedServer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * UPDATE and DELETE take the before-image from the row the scan read ({@code _row_as_read},
 * passed as metadata): no GET per row, and the undo record holds the values as read. Without it
 * the row is read first, as before.
 */
class ScannedBeforeImageTest {
  private static final String ITEM = "/2.0/repositories/acme/api/pullrequests/7/comments/9";
  private static final TableDef COMMENTS = TableRegistry.require("pullrequest_comments");
  private static final StructType IDS = new StructType().add("repository", DataTypes.StringType)
      .add("pullrequest_id", DataTypes.LongType).add("id", DataTypes.LongType);
  private static final StructType DATA = new StructType().add("content_raw", DataTypes.StringType)
      .add("inline_path", DataTypes.StringType);

  private ScriptedServer server;
  private UndoLog undo;
  private RowChanges changes;

  @BeforeEach
  void start() throws IOException {
    server = new ScriptedServer();
    BitbucketOptions options = BitbucketOptions.parse(Map.of("endpoint", server.base() + "/2.0",
        "token", "unit-test-token", "maxRetries", "0"));
    StructType metadata = new StructType().add(TableDef.ROW_AS_READ, COMMENTS.rowImageType());
    WriteContext ctx = new WriteContext("w", WriteSpecs.find("pullrequest_comments").orElseThrow(),
        options, new WriteSettings("acme", List.of(), false, false, false, 1), DATA, IDS,
        metadata, Map.of());
    undo = new UndoLog();
    changes = new RowChanges(ctx, BitbucketClient.shared(options), new RequestStats(), undo,
        s -> { }, body -> null, false);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static InternalRow id() {
    return new GenericInternalRow(new Object[] {UTF8String.fromString("api"), 7L, 9L});
  }

  private static InternalRow row(String content, String inlinePath) {
    return new GenericInternalRow(new Object[] {UTF8String.fromString(content),
        inlinePath == null ? null : UTF8String.fromString(inlinePath)});
  }

  /** The metadata row Spark passes: the row image as the scan decoded it. */
  private static InternalRow scanned(String content, String inlinePath) {
    Object[] image = new Object[COMMENTS.rowImageColumns().size()];
    for (int i = 0; i < image.length; i++) {
      String name = COMMENTS.rowImageColumns().get(i).name();
      image[i] = switch (name) {
        case "id" -> 9L;
        case "content_raw" -> UTF8String.fromString(content);
        case "inline_path" -> inlinePath == null ? null : UTF8String.fromString(inlinePath);
        default -> null;
      };
    }
    return new GenericInternalRow(new Object[] {new GenericInternalRow(image)});
  }

  private long requests(String method) {
    return server.seen().stream().filter(s -> s.path().equals(ITEM) && s.method().equals(method))
        .count();
  }

  @Test
  void anUpdateSendsOnlyThePutAndRecordsTheValueAsRead() {
    server.script(ITEM, json(200, "{\"id\":9,\"content\":{\"raw\":\"new\"}}"));
    changes.update(id(), row("new", null), scanned("as read", null));

    assertEquals(0, requests("GET"), "no GET before the PUT");
    assertEquals(1, requests("PUT"));
    assertEquals("{\"content\":{\"raw\":\"new\"}}", server.seen().get(0).body());
    assertEquals(1, undo.snapshot().size());
    assertEquals("{\"content\":{\"raw\":\"as read\"}}", undo.snapshot().get(0).beforeJson());
  }

  @Test
  void anUnchangedRowSendsNothing() {
    changes.update(id(), row("same", null), scanned("same", null));
    assertEquals(0, server.seen().size());
  }

  @Test
  void aReadOnlyColumnChangeIsRefusedFromTheScannedValue() {
    RowWriteException e = assertThrows(RowWriteException.class,
        () -> changes.update(id(), row("same", "src/Main.java"), scanned("same", null)));
    assertTrue(e.getMessage().contains("cannot change inline_path"), e.getMessage());
    assertEquals(0, server.seen().size());
  }

  @Test
  void aRowDeletedSinceTheScanFailsWithWhatHappened() {
    server.script(ITEM, json(404, "{\"type\":\"error\",\"error\":{\"message\":\"No such comment\"}}"));
    RowWriteException e = assertThrows(RowWriteException.class,
        () -> changes.update(id(), row("new", null), scanned("old", null)));
    assertTrue(e.getMessage().contains("no longer exists in Bitbucket (deleted since the statement"
        + " read it)"), e.getMessage());
    assertEquals(0, undo.snapshot().size());
  }

  @Test
  void aDeleteKeepsTheScannedRowForItsUndo() {
    server.script(ITEM, json(204, ""));
    changes.delete(id(), scanned("to be deleted", null));

    assertEquals(0, requests("GET"));
    assertEquals(1, requests("DELETE"));
    assertEquals(UndoEntry.Kind.DELETED, undo.snapshot().get(0).kind());
    assertTrue(undo.snapshot().get(0).beforeJson().contains("\"raw\":\"to be deleted\""),
        undo.snapshot().get(0).beforeJson());
  }

  @Test
  void withoutTheScannedRowTheRowIsReadFirst() {
    server.handler(ITEM, seen -> seen.method().equals("GET")
        ? json(200, "{\"id\":9,\"content\":{\"raw\":\"current\"},\"deleted\":false}")
        : json(200, "{\"id\":9,\"content\":{\"raw\":\"new\"}}"));
    changes.update(id(), row("new", null), null);

    assertEquals(1, requests("GET"));
    assertEquals(1, requests("PUT"));
    assertEquals("{\"content\":{\"raw\":\"current\"}}", undo.snapshot().get(0).beforeJson());
  }
}
