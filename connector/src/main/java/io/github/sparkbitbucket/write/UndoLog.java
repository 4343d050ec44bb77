package io.github.sparkbitbucket.write;

import java.util.ArrayList;
import java.util.List;

/**
 * The changes one writer made, in order. Thread-safe: a writer runs several requests at once.
 */
final class UndoLog {
  private final List<UndoEntry> entries = new ArrayList<>();

  synchronized void add(UndoEntry entry) {
    entries.add(entry);
  }

  synchronized List<UndoEntry> snapshot() {
    return List.copyOf(entries);
  }

  /** Takes every entry out (so that an undo runs once). */
  synchronized List<UndoEntry> drain() {
    List<UndoEntry> out = List.copyOf(entries);
    entries.clear();
    return out;
  }

  synchronized int size() {
    return entries.size();
  }
}
