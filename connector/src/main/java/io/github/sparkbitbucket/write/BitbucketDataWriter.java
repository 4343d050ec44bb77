package io.github.sparkbitbucket.write;

import io.github.sparkbitbucket.api.BitbucketClient;
import io.github.sparkbitbucket.api.RequestStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DeltaWriter;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's writer for INSERT (append) and for the row-level UPDATE, DELETE and MERGE. Rows are
 * applied several at a time ({@link InFlightRequests}); every confirmed change is logged for undo.
 *
 * <p>On failure the writer undoes its own changes before failing the task, so the error the user
 * sees carries the API's message, the row, and the list of changes that could not be undone; and
 * a task that Spark retries starts from a clean slate, so it creates no second copy. On commit the
 * changes go to the driver, which undoes them if the job fails later.
 */
final class BitbucketDataWriter implements DeltaWriter<InternalRow> {
  private static final Logger LOG = LoggerFactory.getLogger(BitbucketDataWriter.class);

  private final WriteContext ctx;
  private final int partitionId;
  private final long taskId;
  private final BitbucketClient client;
  private final RequestStats stats = new RequestStats();
  private final UndoLog undo = new UndoLog();
  private final List<String> planned = Collections.synchronizedList(new ArrayList<>());
  private final RowChanges changes;
  private final InFlightRequests inFlight;

  BitbucketDataWriter(WriteContext ctx, int partitionId, long taskId) {
    this.ctx = ctx;
    this.partitionId = partitionId;
    this.taskId = taskId;
    this.client = BitbucketClient.shared(ctx.options());
    this.changes = new RowChanges(ctx, client, stats, undo, planned::add);
    this.inFlight = new InFlightRequests(ctx.settings().maxConcurrency());
  }

  @Override
  public void insert(InternalRow row) {
    InternalRow copy = row.copy(); // Spark reuses the row object
    run(() -> changes.insert(copy));
  }

  @Override
  public void update(InternalRow metadata, InternalRow id, InternalRow row) {
    InternalRow idCopy = id.copy();
    InternalRow rowCopy = row.copy();
    run(() -> changes.update(idCopy, rowCopy));
  }

  @Override
  public void delete(InternalRow metadata, InternalRow id) {
    InternalRow idCopy = id.copy();
    run(() -> changes.delete(idCopy));
  }

  private void run(Runnable change) {
    try {
      if (!inFlight.submit(change)) {
        throw failAndUndo(inFlight.awaitAll());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RowWriteException("Interrupted while writing to " + ctx.table(), e);
    }
  }

  @Override
  public WriterCommitMessage commit() {
    Throwable failure;
    try {
      failure = inFlight.awaitAll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RowWriteException("Interrupted while writing to " + ctx.table(), e);
    }
    if (failure != null) {
      throw failAndUndo(failure);
    }
    return new WriteTaskMessage(partitionId, taskId, undo.snapshot(), changes.created.get(),
        changes.updated.get(), changes.deleted.get(), List.copyOf(planned));
  }

  /** Undoes this task's changes and returns the error to fail the task with. */
  private RuntimeException failAndUndo(Throwable failure) {
    UndoReport report = new ChangeReverter(ctx.spec(), client, stats).revert(undo.drain());
    String message = (failure instanceof RowWriteException ? failure.getMessage()
        : "Writing to " + ctx.table() + " failed: " + failure) + "\n" + report.describe();
    return new RowWriteException(message, failure);
  }

  @Override
  public void abort() {
    // Spark failed or killed the task (e.g. a later stage error, a sibling's failure): undo here,
    // while this writer still knows what it did.
    try {
      inFlight.awaitAll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<UndoEntry> done = undo.drain();
    if (done.isEmpty()) {
      return;
    }
    UndoReport report = new ChangeReverter(ctx.spec(), client, stats).revert(done);
    if (report.complete()) {
      LOG.warn("Task {} (partition {}) of the write to {} aborted. {}", taskId, partitionId,
          ctx.table(), report.describe());
    } else {
      LOG.error("Task {} (partition {}) of the write to {} aborted. {}", taskId, partitionId,
          ctx.table(), report.describe());
    }
  }

  @Override
  public void close() {
    inFlight.close();
  }
}
