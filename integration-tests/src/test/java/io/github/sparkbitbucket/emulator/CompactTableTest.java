package io.github.sparkbitbucket.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deflated (compact) tables serve exactly what plain tables serve, in the same order. */
class CompactTableTest {

  private static ObjectNode row(int id, String updated) {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("updated_on", updated);
    o.putObject("links").putObject("self").put("href", "http://127.0.0.1/2.0/x/" + id);
    return o;
  }

  @Test
  void compactAndPlainTablesAgreeOnContentOrderAndUpdates() {
    EmulatorStore.RepositoryData plain = new EmulatorStore.RepositoryData();
    EmulatorStore.RepositoryData compact = new EmulatorStore.RepositoryData(0);
    for (int i = 1; i <= 50; i++) {
      String updated = String.format("2024-01-%02dT10:00:00.000000+00:00", 1 + (i * 7) % 28);
      plain.pullrequests.put(row(i, updated));
      compact.pullrequests.put(row(i, updated));
    }
    assertEquals(plain.pullrequests.snapshot(), List.copyOf(compact.pullrequests.snapshot()));
    ObjectNode changed = compact.pullrequests.get("7").deepCopy().put("updated_on", "2030-01-01T00:00:00.000000+00:00");
    compact.pullrequests.put(changed);
    assertEquals(changed, compact.pullrequests.snapshot().get(0), "the update moves it to the front");
    assertEquals(changed, compact.pullrequests.get("7"));
    compact.pullrequests.remove("7");
    assertNull(compact.pullrequests.get("7"));
    assertEquals(49, compact.pullrequests.snapshot().size());
  }

  @Test
  void aTableTurnsCompactPastItsThresholdWithoutChangingWhatItServes() {
    Table table = new Table(o -> o.get("id").asText(), EmulatorStore.BY_ID, 10);
    for (int i = 30; i >= 1; i--) {
      table.put(row(i, "2024-01-01T00:00:00.000000+00:00"));
    }
    List<ObjectNode> all = table.snapshot();
    assertEquals(30, all.size());
    for (int i = 0; i < 30; i++) {
      assertEquals(i + 1, all.get(i).get("id").asInt());
    }
    assertEquals("http://127.0.0.1/2.0/x/12", table.get("12").get("links").get("self").get("href").asText());
  }
}
