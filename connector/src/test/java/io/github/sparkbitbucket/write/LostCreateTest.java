package io.github.sparkbitbucket.write;

import static io.github.sparkbitbucket.testing.ScriptedServer.Answer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.api.BitbucketClient;
import io.github.sparkbitbucket.api.RequestStats;
import io.github.sparkbitbucket.config.BitbucketOptions;
import io.github.sparkbitbucket.table.WriteSpecs;
import io.github.sparkbitbucket.testing.ScriptedServer;
import io.github.sparkbitbucket.testing.ScriptedServer.Answer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
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
  private static final String BRANCHES = "/2.0/repositories/acme/api/refs/branches";
  private static final String BRANCH = "{\"name\":\"rel\",\"target\":{\"hash\":\"" + HASH + "\"}}";
  private ScriptedServer server;
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile boolean created;

  @BeforeEach
  void start() throws IOException {
    server = new ScriptedServer();
    Function<ScriptedServer.Seen, Answer> branches = seen -> {
      if (seen.method().equals("POST") && failuresLeft.getAndDecrement() > 0) {
        return json(503, "{\"type\":\"error\",\"error\":{\"message\":\"Service Unavailable\"}}");
      } else if (seen.method().equals("POST")) {
        created = true; // applied, answered
        return json(201, BRANCH);
      }
      return created ? json(200, BRANCH)
          : json(404, "{\"type\":\"error\",\"error\":{\"message\":\"No such branch\"}}");
    };
    server.handler(BRANCHES, branches).handler(BRANCHES + "/rel", branches);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private List<String> seen() {
    return server.seen().stream().map(s -> s.method() + " " + s.path()).toList();
  }

  private RowChanges changes(int maxRetries, UndoLog undo) {
    BitbucketOptions options = BitbucketOptions.parse(Map.of(
        "endpoint", server.base() + "/2.0",
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
        "POST /2.0/repositories/acme/api/refs/branches"), seen(),
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
    assertEquals(2, seen().stream().filter(s -> s.startsWith("POST")).count(),
        "the first POST and one more after looking");
    assertEquals(0, changes.created.get());
  }
}
