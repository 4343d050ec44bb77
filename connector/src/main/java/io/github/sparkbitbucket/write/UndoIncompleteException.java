package io.github.sparkbitbucket.write;

/**
 * Thrown by a job's abort when some of its changes could not be undone; Spark attaches it to the
 * job's failure. The message lists each such row and why.
 */
public class UndoIncompleteException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final UndoReport report;

  public UndoIncompleteException(String table, UndoReport report) {
    super("The failed write to " + table + " was rolled back only in part. "
        + report.describe());
    this.report = report;
  }

  public UndoReport report() {
    return report;
  }
}
