package io.github.sparkbitbucket.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.connector.read.InputPartition;
import org.junit.jupiter.api.Test;

/**
 * How read tasks become Spark partitions: at least one per task slot of the cluster (so every
 * executor reads), else about PREFETCH_TASKS per partition (so one partition keeps several
 * requests in flight), never an empty partition, every task exactly once.
 */
class PartitionSizingTest {

  private static List<ReadTask> tasks(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> ReadTask.keyset("acme", "repo" + (i % 20), i * 200L, i * 200L + 200, false))
        .toList();
  }

  private static List<List<ReadTask>> plan(int tasks, int slots) {
    List<List<ReadTask>> out = new ArrayList<>();
    for (InputPartition p : ScanPlanner.partitionsOf(tasks(tasks), slots)) {
      out.add(((BitbucketPartition) p).tasks());
    }
    return out;
  }

  @Test
  void manyTasksOnFewSlotsMakeFullPartitions() {
    List<List<ReadTask>> parts = plan(117, 4);
    assertEquals(15, parts.size(), "ceil(117 / 8)");
    assertTrue(parts.stream().allMatch(p -> p.size() == 7 || p.size() == 8), parts.toString());
  }

  @Test
  void everySlotGetsAPartitionWhenThereAreEnoughTasks() {
    assertEquals(64, plan(117, 64).size());
    assertEquals(4, plan(20, 4).size());
    assertEquals(20, plan(20, 64).size(), "never more partitions than tasks");
    assertEquals(2, plan(5, 1).size(), "at least two, so that a small read still runs in parallel");
    assertEquals(1, plan(1, 8).size());
  }

  @Test
  void everyTaskIsPlannedOnce() {
    for (int slots : new int[] {1, 4, 16, 200}) {
      List<ReadTask> all = new ArrayList<>();
      plan(117, slots).forEach(all::addAll);
      assertEquals(tasks(117).stream().sorted(java.util.Comparator.comparingLong(ReadTask::lo))
          .toList(), all.stream().sorted(java.util.Comparator.comparingLong(ReadTask::lo))
          .toList());
    }
  }
}
