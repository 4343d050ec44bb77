package io.github.sparkbitbucket.write;

import org.apache.spark.sql.connector.write.WriterCommitMessage;
import java.util.List;

/**
 * What one task changed, sent to the driver on commit: the changes (with the keys the API
 * assigned to created rows, and before-images) so that the driver can undo the whole job if
 * another task fails; the counts; and in a dry run the requests it would have sent.
 */
public record WriteTaskMessage(int partitionId, long taskId, List<UndoEntry> changes,
    long created, long updated, long deleted, List<String> plannedRequests)
    implements WriterCommitMessage {}
