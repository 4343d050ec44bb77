package io.github.sparkbitbucket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** connector/TROUBLESHOOTING.md shows the messages the code really gives, for every SPEC 6 error. */
class TroubleshootingTest {
  private static final Path DOC = Path.of("TROUBLESHOOTING.md");

  @Test
  void troubleshootingDocumentIsUpToDate() throws IOException {
    String doc = Files.readString(DOC);
    String current = Troubleshooting.regenerate(doc);
    if (Boolean.getBoolean("docs.write")) {
      Files.writeString(DOC, current);
      doc = current;
    }
    assertEquals(current, doc, "connector/TROUBLESHOOTING.md is stale: regenerate it from the"
        + " repository root with mvn -pl connector test -Dtest=TroubleshootingTest -Ddocs.write=true");
  }

  @Test
  void everySpecErrorIsCoveredAndEachMessageSaysWhatToDo() {
    List<Troubleshooting.Entry> entries = Troubleshooting.entries();
    String titles = String.join("\n", entries.stream().map(Troubleshooting.Entry::title).toList());
    for (String error : List.of("401", "403", "404", "410", "429", "Malformed",
        "Unknown option", "Bad option value", "Unknown table", "Wrong column type")) {
      assertTrue(titles.contains(error), "no entry for " + error + " in " + titles);
    }
    String md = Troubleshooting.markdown();
    assertTrue(md.contains("lack the scope project"), "403 names the scope: " + md);
    assertTrue(md.contains("Tables: workspaces, projects"), "unknown table lists tables: " + md);
    assertTrue(md.contains("maxConcurrency"), "unknown option suggests the closest: " + md);
    assertTrue(md.contains("The body began with: \"<!DOCTYPE html>"), md);
  }
}
