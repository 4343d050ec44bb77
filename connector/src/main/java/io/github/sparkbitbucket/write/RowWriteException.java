package io.github.sparkbitbucket.write;

/**
 * A row could not be written: Bitbucket rejected it (its message, the table and the row's key)
 * or the connector refused it before sending (what to do instead). After the writer's undo, the
 * message also lists, row by row, what could not be undone.
 */
public class RowWriteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RowWriteException(String message) {
    super(message);
  }

  public RowWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
