package io.github.sparkbitbucket.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.table.TableDef;
import io.github.sparkbitbucket.table.TableRegistry;
import io.github.sparkbitbucket.table.WritableColumn;
import io.github.sparkbitbucket.table.WriteSpec;
import io.github.sparkbitbucket.table.WriteSpecs;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The write side of the registry agrees with the read side and with SPEC section 3. */
class WriteSpecsTest {

  @Test
  void writableTablesAreExactlyThoseOfTheSpec() {
    assertEquals(Set.of("projects", "repositories", "pullrequests", "pullrequest_comments",
        "branches", "tags", "pipelines", "issues", "issue_comments"),
        WriteSpecs.writableTables());
    for (String readOnly : new String[] {"workspaces", "members", "commits"}) {
      assertTrue(WriteSpecs.find(readOnly).isEmpty(), readOnly);
    }
  }

  @Test
  void everyWritableColumnKeyAndParentIsAColumnOfItsTable() {
    for (String name : WriteSpecs.writableTables()) {
      WriteSpec spec = WriteSpecs.find(name).orElseThrow();
      TableDef table = TableRegistry.require(name);
      for (WritableColumn c : spec.columns()) {
        assertTrue(table.column(c.name()).isPresent(), name + "." + c.name());
      }
      assertTrue(table.keyColumns().contains(spec.keyColumn()), name + " key");
      if (spec.parentColumn() != null) {
        assertTrue(table.keyColumns().contains(spec.parentColumn()), name + " parent");
      }
      assertTrue(spec.itemPath().endsWith("{key}"), name + " item path");
      assertEquals(spec.parentColumn() != null, spec.createPath().contains("{parent}"), name);
    }
  }

  @Test
  void specSection3WritesAndRefusals() {
    WriteSpec prs = WriteSpecs.find("pullrequests").orElseThrow();
    assertTrue(prs.column("title").orElseThrow().requiredOnCreate());
    assertTrue(prs.column("source_branch").orElseThrow().requiredOnCreate());
    for (String c : new String[] {"title", "description", "destination_branch", "draft"}) {
      assertTrue(prs.column(c).orElseThrow().onUpdate(), c);
    }
    assertEquals("/decline", prs.stateActions().get("DECLINED"));
    assertEquals("/merge", prs.stateActions().get("MERGED"));
    assertEquals(WriteSpec.DeletePolicy.REFUSED, prs.deletePolicy());
    assertTrue(prs.deleteRefusal().contains("decline"));

    WriteSpec branches = WriteSpecs.find("branches").orElseThrow();
    assertTrue(!branches.updatable() && branches.recreatable());
    assertEquals(WriteSpec.DeletePolicy.NEEDS_REPOSITORY_DELETE_OPTION,
        WriteSpecs.find("repositories").orElseThrow().deletePolicy());
    assertEquals(WriteSpec.CreateUndo.NONE,
        WriteSpecs.find("pipelines").orElseThrow().createUndo());
    assertEquals(java.util.List.of("content_raw"),
        WriteSpecs.find("pullrequest_comments").orElseThrow().columns().stream()
            .filter(WritableColumn::onUpdate).map(WritableColumn::name).toList());
  }
}
