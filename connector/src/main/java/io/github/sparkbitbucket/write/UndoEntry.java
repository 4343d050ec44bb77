package io.github.sparkbitbucket.write;

import java.io.Serializable;

/**
 * One change a write made, with what is needed to take it back. Travels from executors to the
 * driver in commit messages, so it holds JSON as text.
 *
 * @param kind what was done
 * @param address the row, with its key (a created row's key is the one the API assigned)
 * @param beforeJson CREATED: the create request's body; UPDATED: the undo body (the changed fields' old values);
 *     DELETED: the row's full before-image; ACTION: the before-image
 * @param detail what was done, in words ({@code declined}, {@code title, draft changed})
 */
public record UndoEntry(Kind kind, RowAddress address, String beforeJson, String detail)
    implements Serializable {

  /** What was done. */
  public enum Kind {
    /** A row was created (INSERT). */
    CREATED,
    /** Fields of a row were changed (UPDATE). */
    UPDATED,
    /** A row was deleted (DELETE). */
    DELETED,
    /** An action that Bitbucket cannot take back: a decline, a merge. */
    ACTION
  }

  @Override
  public String toString() {
    return kind + " " + address + (detail == null ? "" : ": " + detail);
  }
}
