package io.github.sparkbitbucket.write;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The outcome of an undo: how many changes were taken back and, row by row, which were not. */
public final class UndoReport implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A change that could not be undone, and why. */
  public record NotUndone(UndoEntry change, String reason) implements Serializable {
    @Override
    public String toString() {
      return change + " -- not undone: " + reason;
    }
  }

  private int undone;
  private final List<NotUndone> notUndone = new ArrayList<>();

  void undone() {
    undone++;
  }

  void notUndone(UndoEntry change, String reason) {
    notUndone.add(new NotUndone(change, reason));
  }

  void addAll(UndoReport other) {
    undone += other.undone;
    notUndone.addAll(other.notUndone);
  }

  public int undoneCount() {
    return undone;
  }

  public List<NotUndone> notUndone() {
    return List.copyOf(notUndone);
  }

  public boolean complete() {
    return notUndone.isEmpty();
  }

  /** One line per row not undone, after a summary line. */
  public String describe() {
    StringBuilder s = new StringBuilder("Undo: ").append(undone).append(" change(s) undone");
    if (notUndone.isEmpty()) {
      return s.append(", nothing left behind.").toString();
    }
    s.append("; ").append(notUndone.size()).append(" could not be undone:");
    for (NotUndone n : notUndone) {
      s.append("\n  - ").append(n);
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return describe();
  }
}
