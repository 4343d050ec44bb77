package io.github.sparkbitbucket.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 4: while the emulator creates and deletes pull requests between page requests,
 * every pull request that existed at planning and was not deleted is read exactly once, no row is
 * read twice, and nothing is read that never existed.
 */
class ConsistencyIT extends SparkEmulatorTestBase {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void rowsExistingAtPlanningAreReadExactlyOnceWhileOthersWrite() {
    Map<String, List<Integer>> original = new HashMap<>();
    Set<String> atPlanning = new HashSet<>();
    for (String repo : repositories()) {
      List<Integer> ids = new ArrayList<>();
      for (ObjectNode pr : EMU.store().list(WS, repo, "pullrequests")) {
        ids.add(pr.get("id").asInt());
        atPlanning.add(repo + "#" + pr.get("id").asInt());
      }
      ids.sort(null);
      original.put(repo, ids);
    }
    Set<String> deleted = new HashSet<>();
    Set<String> created = new HashSet<>();
    AtomicBoolean armed = new AtomicBoolean();
    AtomicInteger pages = new AtomicInteger();
    onRequest(r -> {
      // planning asks sort=-id; the keyset pages (sort=id) come after it
      List<String> sort = r.query().get("sort");
      if (!r.path().endsWith("/pullrequests") || sort == null || !sort.get(0).equals("id")) {
        return;
      }
      armed.set(true);
      String repo = r.path().split("/")[4];
      synchronized (original) {
        List<Integer> ids = original.get(repo);
        int n = pages.incrementAndGet();
        if (!ids.isEmpty()) {
          // alternate: delete the highest remaining id (not read yet) or the lowest (read)
          Integer victim = n % 2 == 0 ? ids.remove(ids.size() - 1) : ids.remove(0);
          if (EMU.store().delete(WS, repo, "pullrequests", String.valueOf(victim))) {
            deleted.add(repo + "#" + victim);
          }
        }
        String branch = EMU.store().list(WS, repo, "branches").get(0).get("name").asText();
        ObjectNode fields = JSON.createObjectNode().put("title", "created during scan " + n);
        fields.putObject("source").putObject("branch").put("name", branch);
        ObjectNode pr = EMU.store().create(WS, repo, "pullrequests", fields);
        created.add(repo + "#" + pr.get("id").asInt());
      }
    });

    List<Row> rows = SPARK.read().option("pageSize", "2").table("bb.acme.pullrequests")
        .select("repository", "id").collectAsList();
    onRequest(r -> { });

    assertTrue(armed.get() && !deleted.isEmpty() && !created.isEmpty(),
        "the scan saw concurrent writes: deleted " + deleted.size() + ", created "
        + created.size());
    List<String> read = rows.stream().map(r -> r.getString(0) + "#" + r.getInt(1)).toList();
    Set<String> unique = new HashSet<>(read);
    assertEquals(unique.size(), read.size(), "no row read twice");
    for (String key : atPlanning) {
      if (!deleted.contains(key)) {
        assertTrue(unique.contains(key), key + " existed at planning, was not deleted, and"
            + " must be read");
      }
    }
    for (String key : unique) {
      assertTrue(atPlanning.contains(key) || created.contains(key), key + " never existed");
    }
    assertFalse(deleted.stream().allMatch(unique::contains), "some deleted rows were not read");
  }
}
