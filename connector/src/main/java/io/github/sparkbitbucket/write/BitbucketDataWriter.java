package io.github.sparkbitbucket.write;

import io.github.sparkbitbucket.api.BitbucketClient;
import io.github.sparkbitbucket.api.RequestStats;
import io.github.sparkbitbucket.metrics.WriteMetrics;
import io.github.sparkbitbucket.table.WriteSpec.CreateUndo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
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
 * a task that Spark retries starts from a clean slate ({@link AttemptJournal}), so it creates no
 * second copy. On commit the changes go to the driver, which undoes them if the job fails later.
 */
final class BitbucketDataWriter implements DeltaWriter<InternalRow> {
  private static final Logger LOG = LoggerFactory.getLogger(BitbucketDataWriter.class);

  private final WriteContext ctx;
  private final int partitionId;
  private final long taskId;
  private final BitbucketClient client;
  private final RequestStats stats;
  private final UndoLog undo = new UndoLog();
  private final List<String> planned = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Deque<UndoEntry>> adoptable = new HashMap<>();
  private final RowChanges changes;
  private final InFlightRequests inFlight;

  /**
   * @param attemptNumber the task attempt (0 = first): a retry looks for the rows an earlier
   *     attempt created before creating them, as that attempt may have run in another JVM
   * @param requestShare this task's share of the job's requests per hour, planned by the driver
   *     (0: no budget)
   */
  BitbucketDataWriter(WriteContext ctx, int partitionId, long taskId, int attemptNumber,
      long requestShare) {
    this.ctx = ctx;
    this.stats = RequestStats.withBudget(requestShare);
    this.partitionId = partitionId;
    this.taskId = taskId;
    this.client = BitbucketClient.shared(ctx.options());
    this.changes = new RowChanges(ctx, client, stats, undo, planned::add, this::adopt,
        attemptNumber > 0);
    undoEarlierAttempts();
    this.inFlight = new InFlightRequests(ctx.settings().maxConcurrency());
  }

  /**
   * A retry first takes back what an earlier attempt of this partition left behind, and keeps the
   * rows it created that cannot be deleted for adoption. While a created row it could not undo
   * remains, writing again could create a second copy, so the retry fails instead.
   */
  private void undoEarlierAttempts() {
    List<UndoEntry> toUndo = new ArrayList<>();
    for (UndoEntry e : AttemptJournal.take(ctx.writeId(), partitionId)) {
      if (isIrreversibleCreate(e)) {
        adoptable.computeIfAbsent(e.beforeJson(), k -> new ArrayDeque<>()).add(e);
      } else {
        toUndo.add(e);
      }
    }
    if (toUndo.isEmpty()) {
      return;
    }
    UndoReport report = new ChangeReverter(ctx.spec(), client, stats).revert(toUndo);
    List<UndoEntry> left = report.notUndone().stream().map(UndoReport.NotUndone::change).toList();
    if (left.stream().anyMatch(e -> e.kind() == UndoEntry.Kind.CREATED)) {
      AttemptJournal.keep(ctx.writeId(), partitionId, left);
      AttemptJournal.keep(ctx.writeId(), partitionId, adoptableEntries());
      throw new RowWriteException("An earlier attempt of this task (partition " + partitionId
          + ") of the write to " + ctx.table() + " created rows that could not be undone, so "
          + "this attempt does not write again (it would create second copies). "
          + report.describe());
    }
    // What could not be undone (a deleted comment cannot be re-created) stays on this attempt's
    // record: if this attempt or the job fails, its undo tries again and its report names these
    // rows, instead of the job's error forgetting what the earlier attempt left behind.
    left.forEach(undo::add);
    LOG.info("Partition {} of the write to {}: took back what an earlier attempt left. {}",
        partitionId, ctx.table(), report.describe());
  }

  private boolean isIrreversibleCreate(UndoEntry e) {
    return e.kind() == UndoEntry.Kind.CREATED && ctx.spec().createUndo() != CreateUndo.DELETE;
  }

  private synchronized UndoEntry adopt(String createBody) {
    Deque<UndoEntry> same = adoptable.get(createBody);
    return same == null ? null : same.poll();
  }

  private synchronized List<UndoEntry> adoptableEntries() {
    List<UndoEntry> out = new ArrayList<>();
    adoptable.values().forEach(out::addAll);
    adoptable.clear();
    return out;
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
    InternalRow metadataCopy = metadata == null ? null : metadata.copy();
    run(() -> changes.update(idCopy, rowCopy, metadataCopy));
  }

  @Override
  public void delete(InternalRow metadata, InternalRow id) {
    InternalRow idCopy = id.copy();
    InternalRow metadataCopy = metadata == null ? null : metadata.copy();
    run(() -> changes.delete(idCopy, metadataCopy));
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
    List<UndoEntry> unadopted = adoptableEntries();
    if (!unadopted.isEmpty()) {
      // The input changed between attempts: the earlier rows match nothing now. The driver
      // takes them back (declines them) whatever the job's outcome.
      AttemptJournal.keep(ctx.writeId(), partitionId, unadopted);
    }
    return new WriteTaskMessage(partitionId, taskId, undo.snapshot(), changes.created.get(),
        changes.updated.get(), changes.deleted.get(), List.copyOf(planned));
  }

  /** Undoes this task's changes and returns the error to fail the task with. */
  private RuntimeException failAndUndo(Throwable failure) {
    String outcome = undoOwnChanges();
    String message = (failure instanceof RowWriteException ? failure.getMessage()
        : "Writing to " + ctx.table() + " failed: " + failure) + "\n" + outcome;
    return new RowWriteException(message, failure);
  }

  /**
   * Undoes what this attempt did, except created rows that cannot be deleted: those are kept for
   * a retry to adopt (the driver declines them if the job fails). Returns the report's text.
   */
  private String undoOwnChanges() {
    List<UndoEntry> toUndo = new ArrayList<>();
    List<UndoEntry> kept = new ArrayList<>(adoptableEntries());
    for (UndoEntry e : undo.drain()) {
      (isIrreversibleCreate(e) ? kept : toUndo).add(e);
    }
    UndoReport report = new ChangeReverter(ctx.spec(), client, stats).revert(toUndo);
    AttemptJournal.keep(ctx.writeId(), partitionId,
        report.notUndone().stream().map(UndoReport.NotUndone::change).toList());
    AttemptJournal.keep(ctx.writeId(), partitionId, kept);
    String text = report.describe();
    if (!kept.isEmpty()) {
      StringBuilder s = new StringBuilder(text).append("\n").append(kept.size())
          .append(" created row(s) that Bitbucket cannot delete are kept for the task's retry,")
          .append(" which reuses them; if the job fails they are taken back (declined):");
      kept.forEach(e -> s.append("\n  - ").append(e.address()));
      text = s.toString();
    }
    return text;
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
    if (undo.size() == 0) {
      return;
    }
    String outcome = undoOwnChanges();
    LOG.warn("Task {} (partition {}) of the write to {} aborted. {}", taskId, partitionId,
        ctx.table(), outcome);
  }

  /**
   * Spark reads these every 100 rows and once after the last row, before commit: waiting for the
   * requests in flight makes that last reading exact (failures are reported by commit).
   */
  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    try {
      inFlight.awaitAll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return WriteMetrics.taskValues(stats, changes.created.get(), changes.updated.get(),
        changes.deleted.get());
  }

  @Override
  public void close() {
    if (inFlight != null) {
      inFlight.close();
    }
  }
}
