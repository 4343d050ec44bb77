package io.github.sparkbitbucket.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkbitbucket.config.BitbucketOptions;
import io.github.sparkbitbucket.emulator.BitbucketEmulator;
import io.github.sparkbitbucket.emulator.Dataset;
import io.github.sparkbitbucket.table.WriteSpecs;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The driver's abort, from the commit messages of the tasks that committed before the job failed
 * (the others carry null): it undoes every change they report and fails with the rows it could
 * not undo.
 */
class JobAbortIT {
  private static final String WS = "acme";
  private static final BitbucketEmulator EMU = BitbucketEmulator.builder().port(0).seed(7L)
      .dataset(Dataset.small()).start();
  private static final String REPO = EMU.store().repositories(WS).get(0);

  @AfterAll
  static void stop() {
    EMU.close();
  }

  private static BitbucketBatchWrite job(String table) {
    BitbucketOptions options = BitbucketOptions.parse(Map.of("endpoint", EMU.baseUrl(), "token",
        EMU.credentials().token(), "workspace", WS));
    WriteSettings settings = new WriteSettings(WS, List.of(), false, false, false, 4);
    return new BitbucketBatchWrite(new WriteContext("job-" + System.nanoTime(),
        WriteSpecs.find(table).orElseThrow(), options, settings, null, null, Map.of()));
  }

  private static RowAddress branch(String name) {
    return new RowAddress("branches", WS, REPO, null, null, "name", name);
  }

  private static ObjectNode newBranch(String name) {
    ObjectNode f = JsonNodeFactory.instance.objectNode();
    f.put("name", name);
    f.putObject("target").put("hash",
        EMU.store().list(WS, REPO, "commits").get(0).get("hash").asText());
    return EMU.store().create(WS, REPO, "branches", f);
  }

  @Test
  void undoesWhatCommittedTasksCreatedAndDeleted() {
    String made = "abort-made-" + System.nanoTime();
    String gone = "abort-gone-" + System.nanoTime();
    newBranch(made);
    ObjectNode deleted = newBranch(gone);
    EMU.store().delete(WS, REPO, "branches", gone);
    WriterCommitMessage committed = new WriteTaskMessage(0, 11, List.of(
        new UndoEntry(UndoEntry.Kind.CREATED, branch(made), null, "created"),
        new UndoEntry(UndoEntry.Kind.DELETED, branch(gone), deleted.toString(), "deleted")),
        1, 0, 1, List.of());

    job("branches").abort(new WriterCommitMessage[] {committed, null});

    assertNull(EMU.store().get(WS, REPO, "branches", made));
    ObjectNode back = EMU.store().get(WS, REPO, "branches", gone);
    assertNotNull(back, "the deleted branch is re-created");
    assertEquals(deleted.path("target").path("hash").asText(),
        back.path("target").path("hash").asText());
  }

  @Test
  void failsWithTheRowsItCouldNotUndo() {
    ObjectNode f = JsonNodeFactory.instance.objectNode();
    f.put("title", "abort " + System.nanoTime());
    f.putObject("source").putObject("branch").put("name",
        EMU.store().list(WS, REPO, "branches").get(1).get("name").asText());
    ObjectNode pr = EMU.store().create(WS, REPO, "pullrequests", f);
    String id = pr.get("id").asText();
    RowAddress address = new RowAddress("pullrequests", WS, REPO, null, null, "id", id);
    ObjectNode undoBody = JsonNodeFactory.instance.objectNode().put("title", "restored title");
    WriterCommitMessage committed = new WriteTaskMessage(1, 12, List.of(
        new UndoEntry(UndoEntry.Kind.UPDATED, address, undoBody.toString(), "changed title"),
        new UndoEntry(UndoEntry.Kind.ACTION, address, pr.toString(), "merged")),
        0, 1, 0, List.of());

    UndoIncompleteException e = assertThrows(UndoIncompleteException.class,
        () -> job("pullrequests").abort(new WriterCommitMessage[] {null, committed}));

    assertEquals(1, e.report().notUndone().size());
    assertTrue(e.getMessage().contains("ACTION pullrequests (workspace=acme, repository=" + REPO
        + ", id=" + id + "): merged -- not undone: Bitbucket cannot take back this action"),
        e.getMessage());
    assertEquals("restored title", EMU.store().get(WS, REPO, "pullrequests", id).get("title")
        .asText());
  }

  @Test
  void pullRequestsTheJobCreatedAreDeclinedAndTheReportSaysSo() {
    ObjectNode f = JsonNodeFactory.instance.objectNode();
    f.put("title", "abort-created " + System.nanoTime());
    f.putObject("source").putObject("branch").put("name",
        EMU.store().list(WS, REPO, "branches").get(1).get("name").asText());
    String id = EMU.store().create(WS, REPO, "pullrequests", f).get("id").asText();
    RowAddress address = new RowAddress("pullrequests", WS, REPO, null, null, "id", id);
    WriterCommitMessage committed = new WriteTaskMessage(0, 13, List.of(
        new UndoEntry(UndoEntry.Kind.CREATED, address, f.toString(), "created")),
        1, 0, 0, List.of());

    UndoIncompleteException e = assertThrows(UndoIncompleteException.class,
        () -> job("pullrequests").abort(new WriterCommitMessage[] {committed}));

    assertEquals("DECLINED", EMU.store().get(WS, REPO, "pullrequests", id).get("state").asText());
    assertEquals(1, e.report().notUndone().size());
    assertTrue(e.getMessage().contains("CREATED pullrequests (workspace=acme, repository=" + REPO
        + ", id=" + id + "): created -- not undone: DECLINED instead of deleted: Bitbucket has no "
        + "API to delete a pull request"), e.getMessage());
  }
}
