package io.github.sparkbitbucket.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkbitbucket.table.WriteSpecs;
import org.junit.jupiter.api.Test;

class ChangeReverterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void reCreatesADeletedTagFromItsBeforeImage() throws Exception {
    ChangeReverter reverter = new ChangeReverter(WriteSpecs.find("tags").orElseThrow(), null,
        null);
    String before = "{\"name\":\"v1.0\",\"message\":\"first\",\"date\":\"2024-01-01T00:00:00Z\","
        + "\"target\":{\"hash\":\"abc123\",\"date\":\"2023-12-31T00:00:00Z\"},\"links\":{}}";
    assertEquals("{\"name\":\"v1.0\",\"target\":{\"hash\":\"abc123\"},\"message\":\"first\"}",
        reverter.recreateBody(MAPPER.readTree(before)).toString());
  }

  @Test
  void reportsWhatItCannotUndoRowByRow() {
    UndoReport report = new UndoReport();
    report.undone();
    RowAddress pr = new RowAddress("pullrequests", "acme", "api", null, null, "id", "7");
    report.notUndone(new UndoEntry(UndoEntry.Kind.ACTION, pr, null, "merged"), "final");
    assertEquals("Undo: 1 change(s) undone; 1 could not be undone:\n"
        + "  - ACTION pullrequests (workspace=acme, repository=api, id=7): merged -- not undone: "
        + "final", report.describe());
    assertTrue(!report.complete());
  }
}
