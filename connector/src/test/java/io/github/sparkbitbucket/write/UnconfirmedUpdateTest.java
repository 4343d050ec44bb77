package io.github.sparkbitbucket.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.github.sparkbitbucket.api.BitbucketClient;
import io.github.sparkbitbucket.api.RequestStats;
import io.github.sparkbitbucket.config.BitbucketOptions;
import io.github.sparkbitbucket.table.WriteSpecs;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
  private HttpServer server;
  private volatile String content = "old";
  private volatile boolean applyPuts;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/2.0/repositories/acme/api/pullrequests/7/comments/9", exchange -> {
      exchange.getRequestBody().readAllBytes();
      int status = 200;
      if (exchange.getRequestMethod().equals("PUT")) {
        if (applyPuts) {
          content = "new"; // applied, yet answered 500
        }
        status = 500;
      }
      byte[] bytes = (status == 500 ? "{\"type\":\"error\",\"error\":{\"message\":\"boom\"}}"
          : "{\"id\":9,\"content\":{\"raw\":\"" + content + "\"}}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private UndoLog update() {
    BitbucketOptions options = BitbucketOptions.parse(Map.of(
        "endpoint", "http://127.0.0.1:" + server.getAddress().getPort() + "/2.0",
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
        new GenericInternalRow(new Object[] {UTF8String.fromString("new")})));
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
