package io.github.sparkbitbucket.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkbitbucket.api.BitbucketApiException;
import io.github.sparkbitbucket.api.BitbucketClient;
import io.github.sparkbitbucket.api.RequestStats;
import io.github.sparkbitbucket.table.WritableColumn;
import io.github.sparkbitbucket.table.WriteSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Takes changes back, newest first: deletes (or declines) what was created, puts back the old
 * values of what was updated, re-creates what was deleted where the API allows it with the same
 * key. Never throws: what it cannot undo goes into the {@link UndoReport}, row by row.
 */
public final class ChangeReverter {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final WriteSpec spec;
  private final BitbucketClient client;
  private final RequestStats stats;

  public ChangeReverter(WriteSpec spec, BitbucketClient client, RequestStats stats) {
    this.spec = spec;
    this.client = client;
    this.stats = stats;
  }

  /** Undoes {@code changes} (in the order they were made) from the last to the first. */
  public UndoReport revert(List<UndoEntry> changes) {
    UndoReport report = new UndoReport();
    List<UndoEntry> newestFirst = new ArrayList<>(changes);
    Collections.reverse(newestFirst);
    for (UndoEntry change : newestFirst) {
      try {
        String reason = revertOne(change);
        if (reason == null) {
          report.undone();
        } else {
          report.notUndone(change, reason);
        }
      } catch (BitbucketApiException e) {
        report.notUndone(change, "the undo request failed: " + e.getMessage());
      } catch (RuntimeException | IOException e) {
        report.notUndone(change, "the undo failed: " + e);
      }
    }
    return report;
  }

  /** Returns null when undone, else why not. */
  private String revertOne(UndoEntry change) throws IOException {
    RowAddress a = change.address();
    switch (change.kind()) {
      case CREATED:
        return revertCreate(a);
      case UPDATED:
        client.put(spec.itemPath(), a.argsFor(spec.itemPath()))
            .body(MAPPER.readTree(change.beforeJson())).stats(stats).json();
        return null;
      case DELETED:
        if (!spec.recreatable()) {
          return "Bitbucket cannot re-create a deleted " + spec.table() + " row with its key; "
              + "its content was: " + change.beforeJson();
        }
        client.post(spec.createPath(), a.argsFor(spec.createPath()))
            .body(recreateBody(MAPPER.readTree(change.beforeJson()))).stats(stats).json();
        return null;
      case ACTION:
      default:
        return "Bitbucket cannot take back this action (" + change.detail() + ")";
    }
  }

  private String revertCreate(RowAddress a) {
    if (a.key() == null) {
      return "the create's response carried no key, so the created row cannot be found";
    }
    switch (spec.createUndo()) {
      case DELETE:
        try {
          client.delete(spec.itemPath(), a.argsFor(spec.itemPath())).stats(stats).send();
        } catch (BitbucketApiException e) {
          if (e.kind() != BitbucketApiException.Kind.NOT_FOUND) {
            throw e;
          }
          // Already gone: the undo's goal holds.
        }
        return null;
      case DECLINE:
        String decline = spec.itemPath() + "/decline";
        client.post(decline, a.argsFor(decline)).stats(stats).json();
        return "DECLINED instead of deleted: Bitbucket has no API to delete a pull request, so "
            + "it stays in the repository as a declined pull request";
      case NONE:
      default:
        return "a created " + spec.table() + " row cannot be taken back (it has run)";
    }
  }

  /** A create body from a before-image: every create column at its body path, plus constants. */
  ObjectNode recreateBody(JsonNode before) {
    ObjectNode body = MAPPER.createObjectNode();
    spec.fixedCreateBody().forEach((path, value) ->
        RowValues.put(body, List.of(path.split("\\.")), body.textNode(value)));
    for (WritableColumn c : spec.columns()) {
      if (c.onCreate()) {
        JsonNode v = RowValues.at(before, c.bodyPath());
        if (v != null) {
          RowValues.put(body, c.bodyPath(), v);
        }
      }
    }
    return body;
  }
}
