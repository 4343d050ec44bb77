package io.github.sparkbitbucket.write;

import io.github.sparkbitbucket.api.BitbucketClient;
import io.github.sparkbitbucket.api.RequestBudget;
import io.github.sparkbitbucket.api.RequestStats;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.spark.sql.connector.write.DeltaBatchWrite;
import org.apache.spark.sql.connector.write.DeltaWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of one write job. Commit logs what the job did (and in a dry run, every
 * request it would have sent). Abort undoes what the committed tasks did, from their commit
 * messages (failed tasks undid their own work), and fails with the rows it could not undo.
 */
final class BitbucketBatchWrite implements DeltaBatchWrite {
  private static final Logger LOG = LoggerFactory.getLogger(BitbucketBatchWrite.class);
  /** Dry-run plans go to their own logger so users can route them. */
  static final Logger DRY_RUN = LoggerFactory.getLogger("io.github.sparkbitbucket.write.DryRun");
  private static final int KEYS_LOGGED = 20;

  private final WriteContext ctx;

  BitbucketBatchWrite(WriteContext ctx) {
    this.ctx = ctx;
  }

  /** Plans each task's equal share of the write's request budget ({@code requestsPerHour}). */
  @Override
  public DeltaWriterFactory createBatchWriterFactory(PhysicalWriteInfo info) {
    OptionalInt perHour = ctx.options().requestsPerHour();
    long share = perHour.isEmpty() ? 0
        : RequestBudget.taskShare(RowLevelBudget.writeSide(ctx, perHour.getAsInt()), 0,
            info.numPartitions());
    return new BitbucketWriterFactory(ctx, share);
  }

  /**
   * No commit coordinator: a writer learns of its last in-flight requests' failures only in
   * {@code commit()}, after the coordinator would have authorized that attempt, and the retry
   * would then be denied its commit and fail the job with Spark's "commit denied" instead of the
   * API's message. Two attempts of one partition never both succeed here: a retry starts only
   * after its predecessor failed (and undid itself), and speculation is refused.
   */
  @Override
  public boolean useCommitCoordinator() {
    return false;
  }

  @Override
  public void commit(WriterCommitMessage[] messages) {
    long created = 0;
    long updated = 0;
    long deleted = 0;
    List<String> createdKeys = new ArrayList<>();
    List<String> planned = new ArrayList<>();
    for (WriterCommitMessage m : messages) {
      if (m instanceof WriteTaskMessage t) {
        created += t.created();
        updated += t.updated();
        deleted += t.deleted();
        planned.addAll(t.plannedRequests());
        for (UndoEntry e : t.changes()) {
          if (e.kind() == UndoEntry.Kind.CREATED && createdKeys.size() < KEYS_LOGGED) {
            createdKeys.add(e.address().toString());
          }
        }
      }
    }
    if (ctx.settings().dryRun()) {
      DRY_RUN.info("Dry run of a write to {}: nothing was changed; {} request(s) planned "
          + "({} create, {} update, {} delete):\n{}", ctx.table(), planned.size(), created,
          updated, deleted, String.join("\n", planned));
      return;
    }
    List<UndoEntry> leftovers = AttemptJournal.takeAll(ctx.writeId());
    if (!leftovers.isEmpty()) {
      // Rows failed attempts created that no retry reused (the input changed between attempts).
      UndoReport report = new ChangeReverter(ctx.spec(), BitbucketClient.shared(ctx.options()),
          new RequestStats()).revert(leftovers);
      LOG.warn("Write to {}: rows created by failed task attempts and not reused were taken "
          + "back. {}", ctx.table(), report.describe());
    }
    LOG.info("Write to {} committed: {} created, {} updated, {} deleted. Created: {}{}",
        ctx.table(), created, updated, deleted, createdKeys,
        created > KEYS_LOGGED ? " ..." : "");
  }

  @Override
  public void abort(WriterCommitMessage[] messages) {
    List<UndoEntry> changes = new ArrayList<>();
    for (WriterCommitMessage m : messages) {
      if (m instanceof WriteTaskMessage t) {
        changes.addAll(t.changes());
      }
    }
    // What failed attempts could not undo (known here when they ran in this JVM): try again.
    changes.addAll(AttemptJournal.takeAll(ctx.writeId()));
    if (changes.isEmpty()) {
      return;
    }
    UndoReport report = new ChangeReverter(ctx.spec(), BitbucketClient.shared(ctx.options()),
        new RequestStats()).revert(changes);
    if (!report.complete()) {
      throw new UndoIncompleteException(ctx.table(), report);
    }
    LOG.warn("Write to {} aborted; the committed tasks' changes were undone. {}", ctx.table(),
        report.describe());
  }

  @Override
  public String toString() {
    return "BitbucketBatchWrite[" + ctx.table() + "]";
  }
}
