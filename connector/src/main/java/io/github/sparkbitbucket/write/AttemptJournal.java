package io.github.sparkbitbucket.write;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a failed task attempt leaves for the next attempt of the same partition of the same write,
 * kept in the JVM (Spark retries a task on the executor it failed on when it can; always in local
 * mode):
 * <ul>
 *   <li>changes it could not undo: the retry undoes them first, and refuses to write while a
 *       created row remains (it could create a second copy);</li>
 *   <li>rows it created that cannot be deleted (pull requests, pipelines), kept rather than
 *       declined: the retry adopts them for the same input rows (same create body) instead of
 *       creating copies.</li>
 * </ul>
 * The driver's abort takes what is left, undoes what it can and lists the rest in the job's
 * error.
 */
final class AttemptJournal {
  private static final Map<String, Map<Integer, List<UndoEntry>>> LEFTOVERS =
      new ConcurrentHashMap<>();

  private AttemptJournal() {}

  static void keep(String writeId, int partitionId, List<UndoEntry> notUndone) {
    if (notUndone.isEmpty()) {
      return;
    }
    LEFTOVERS.computeIfAbsent(writeId, k -> new ConcurrentHashMap<>())
        .merge(partitionId, new ArrayList<>(notUndone), (a, b) -> {
          List<UndoEntry> all = new ArrayList<>(a);
          all.addAll(b);
          return all;
        });
  }

  /** Takes the leftovers of earlier attempts of this partition. */
  static List<UndoEntry> take(String writeId, int partitionId) {
    Map<Integer, List<UndoEntry>> byPartition = LEFTOVERS.get(writeId);
    if (byPartition == null) {
      return List.of();
    }
    List<UndoEntry> out = byPartition.remove(partitionId);
    return out == null ? List.of() : out;
  }

  /** Takes every leftover of the write (the driver, when the job fails). */
  static List<UndoEntry> takeAll(String writeId) {
    Map<Integer, List<UndoEntry>> byPartition = LEFTOVERS.remove(writeId);
    List<UndoEntry> out = new ArrayList<>();
    if (byPartition != null) {
      byPartition.values().forEach(out::addAll);
    }
    return out;
  }
}
