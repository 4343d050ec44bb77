package io.github.sparkbitbucket.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Seeded, deterministic, realistically shaped data. */
class DataGeneratorTest {
  private static final String BASE = "http://127.0.0.1:1/2.0";

  private static EmulatorStore generate(long seed, Dataset d) {
    return new DataGenerator(seed, new ResourceFactory(BASE)).generate(d);
  }

  private static String dump(EmulatorStore s) {
    StringBuilder sb = new StringBuilder();
    for (String ws : s.workspaces()) {
      for (String c : EmulatorStore.WORKSPACE_COLLECTIONS) {
        sb.append(s.list(ws, null, c));
      }
      for (String c : EmulatorStore.REPOSITORY_COLLECTIONS) {
        sb.append(s.list(ws, null, c));
      }
    }
    return sb.toString();
  }

  @Test
  void sameSeedGivesIdenticalJsonAndAnotherSeedDoesNot() {
    String a = dump(generate(7L, Dataset.small()));
    String b = dump(generate(7L, Dataset.small()));
    assertEquals(a, b);
    assertNotEquals(a, dump(generate(8L, Dataset.small())));
  }

  @Test
  void smallDatasetHasEveryTableNonEmptyAndASecondWorkspace() {
    EmulatorStore s = generate(42L, Dataset.small());
    assertEquals(List.of("acme", "globex"), s.workspaces());
    assertEquals(4, s.count("acme", null, "repositories"));
    for (String c : EmulatorStore.WORKSPACE_COLLECTIONS) {
      assertTrue(s.count("acme", null, c) > 0, c);
    }
    for (String c : EmulatorStore.REPOSITORY_COLLECTIONS) {
      assertTrue(s.count("acme", null, c) > 0, c);
      assertTrue(s.count("globex", null, c) > 0, "globex " + c);
    }
  }

  @Test
  void standardDatasetIsSkewedAndRealistic() {
    EmulatorStore s = generate(42L, Dataset.standard());
    assertEquals(20, s.count("acme", null, "repositories"));
    assertEquals(3, s.count("acme", null, "projects"));
    assertEquals(3000, s.count("acme", null, "pullrequests"));
    assertEquals(6000, s.count("acme", null, "commits"));
    Map<String, Integer> prsPerRepo = s.repositories("acme").stream()
        .collect(Collectors.toMap(r -> r, r -> s.count("acme", r, "pullrequests")));
    int largest = prsPerRepo.values().stream().max(Integer::compare).orElseThrow();
    int smallest = prsPerRepo.values().stream().min(Integer::compare).orElseThrow();
    assertTrue(largest >= 1000 && largest > 10 * smallest, "skew: " + prsPerRepo);
    Set<String> states = new HashSet<>();
    for (ObjectNode pr : s.list("acme", null, "pullrequests")) {
      states.add(pr.get("state").asText());
      assertTrue(pr.get("created_on").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00"));
      assertTrue(pr.get("author").get("uuid").asText().matches("\\{[0-9a-f-]{36}\\}"));
    }
    assertEquals(Set.of("OPEN", "MERGED", "DECLINED", "SUPERSEDED"), states);
    ObjectNode commit = s.list("acme", s.repositories("acme").get(0), "commits").get(0);
    assertTrue(commit.get("hash").asText().matches("[0-9a-f]{40}"));
    assertEquals(1, commit.get("parents").size());
  }

  @Test
  void scaledDatasetMultipliesRows() {
    Dataset d = Dataset.scaled(0.1);
    assertEquals(300, d.pullRequests());
    assertEquals(20, d.repositories());
  }
}
