package io.github.sparkbitbucket.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.table.TableDef;
import io.github.sparkbitbucket.table.TableRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** connector/TABLES.md's per-table reference is generated; it must match the registry. */
class TableReferenceTest {
  private static final Path DOC = Path.of("..", "connector", "TABLES.md");
  private static final EndpointScopes SCOPES = EndpointScopes.load();

  @Test
  void tablesDocumentIsUpToDate() throws IOException {
    String doc = Files.readString(DOC);
    String current = new TableReference(SCOPES).regenerate(doc);
    if (Boolean.getBoolean("docs.write")) {
      Files.writeString(DOC, current);
      doc = current;
    }
    assertEquals(current, doc, "connector/TABLES.md is stale: regenerate it from the repository"
        + " root with mvn -pl integration-tests -am test -Dtest=TableReferenceTest"
        + " -Dsurefire.failIfNoSpecifiedTests=false -Ddocs.write=true");
  }

  @Test
  void everyTableHasItsSectionAndConsistencyNote() throws IOException {
    String doc = Files.readString(DOC);
    String generated = new TableReference(SCOPES).markdown();
    String notes = doc.substring(doc.indexOf("## Consistency per table"));
    for (TableDef t : TableRegistry.all()) {
      assertTrue(generated.contains("### `" + t.name() + "` ("), t.name());
      assertTrue(notes.contains("- `" + t.name() + "`: "), "no consistency note for " + t.name()
          + " under '## Consistency per table' in connector/TABLES.md: write one");
    }
  }

  @Test
  void scopesComeFromTheOpenApiDocument() {
    EndpointScopes.Scopes list = SCOPES.of("GET", "/repositories/{ws}/{repo}/pullrequests");
    assertEquals(List.of("pullrequest"), list.oauth());
    assertEquals(List.of("read:pullrequest:bitbucket"), list.apiToken());
    EndpointScopes.Scopes create = SCOPES.of("POST", "/repositories/{ws}/{repo}/pullrequests");
    assertEquals(List.of("pullrequest:write"), create.oauth());
    assertTrue(create.apiToken().contains("write:pullrequest:bitbucket"), create.toString());
    // an endpoint the API does not have is an error, not an empty row
    assertThrows(IllegalArgumentException.class,
        () -> SCOPES.of("DELETE", "/repositories/{ws}/{repo}/commits"));
  }

  @Test
  void generatedSectionShowsKeysWritesAndScopes() {
    String md = new TableReference(SCOPES).markdown();
    assertTrue(md.contains("Key: `(repository, id)`."), md);
    assertTrue(md.contains("| `id` | INT | no | `id` | BBQL filter + sort |"), md);
    assertTrue(md.contains("| read | `GET /repositories/{ws}/{repo}/pullrequests`"), md);
    assertTrue(md.contains("`MERGED` (`POST /repositories/{ws}/{repo}/pullrequests/{key}/merge`)"),
        md);
    assertTrue(md.contains("Writes: read only"), "commits are read only: " + md);
  }
}
