package io.github.sparkbitbucket.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A create whose POST failed in a way that may or may not have applied it (a 5xx) is looked up
 * first; only when the row is not there is the POST sent again, at most {@code maxRetries}
 * times. Against a loopback server that fails the first {@code failures} POSTs without applying
 * them.
 */
class LostCreateTest {
  private static final String HASH = "3f2a9c1d0e4b";
  private HttpServer server;
  private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile boolean created;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/2.0/repositories/acme/api/refs/branches", exchange -> {
      String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
      seen.add(call);
      exchange.getRequestBody().readAllBytes();
      int status;
      String body;
      if (call.startsWith("POST") && failuresLeft.getAndDecrement() > 0) {
        status = 503; // not applied
        body = "{\"type\":\"error\",\"error\":{\"message\":\"Service Unavailable\"}}";
      } else if (call.startsWith("POST")) {
        created = true;
        status = 201;
        body = "{\"name\":\"rel\",\"target\":{\"hash\":\"" + HASH + "\"}}";
      } else if (created) {
        status = 200;
        body = "{\"name\":\"rel\",\"target\":{\"hash\":\"" + HASH + "\"}}";
      } else {
        status = 404;
        body = "{\"type\":\"error\",\"error\":{\"message\":\"No such branch\"}}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
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

  private RowChanges changes(int maxRetries, UndoLog undo) {
    BitbucketOptions options = BitbucketOptions.parse(Map.of(
        "endpoint", "http://127.0.0.1:" + server.getAddress().getPort() + "/2.0",
        "token", "unit-test-token", "maxRetries", String.valueOf(maxRetries)));
    StructType schema = new StructType().add("repository", DataTypes.StringType)
        .add("name", DataTypes.StringType).add("target_hash", DataTypes.StringType);
    WriteContext ctx = new WriteContext("w1", WriteSpecs.find("branches").orElseThrow(), options,
        new WriteSettings("acme", List.of(), false, false, false, 1), schema, null, Map.of());
    return new RowChanges(ctx, BitbucketClient.shared(options), new RequestStats(), undo,
        s -> { }, body -> null, false);
  }

  private static GenericInternalRow row() {
    return new GenericInternalRow(new Object[] {UTF8String.fromString("api"),
        UTF8String.fromString("rel"), UTF8String.fromString(HASH)});
  }

  @Test
  void aFailedCreateThatDidNotHappenIsPostedAgainAfterLooking() {
    failuresLeft.set(2);
    UndoLog undo = new UndoLog();
    RowChanges changes = changes(3, undo);
    changes.insert(row());

    assertEquals(List.of("POST /2.0/repositories/acme/api/refs/branches",
        "GET /2.0/repositories/acme/api/refs/branches/rel",
        "POST /2.0/repositories/acme/api/refs/branches",
        "GET /2.0/repositories/acme/api/refs/branches/rel",
        "POST /2.0/repositories/acme/api/refs/branches"), List.copyOf(seen),
        "each POST follows a look-up that found nothing");
    assertEquals(1, changes.created.get());
    assertEquals(1, undo.snapshot().size(), "the row is on record for undo once");
  }

  @Test
  void theCreateFailsOnceMaxRetriesPostsFoundNothing() {
    failuresLeft.set(10);
    RowChanges changes = changes(1, new UndoLog());
    RowWriteException e = assertThrows(RowWriteException.class, () -> changes.insert(row()));
    assertTrue(e.getMessage().contains("Bitbucket rejected the INSERT of branches"),
        e.getMessage());
    assertEquals(2, seen.stream().filter(s -> s.startsWith("POST")).count(),
        "the first POST and one more after looking");
    assertEquals(0, changes.created.get());
  }
}
