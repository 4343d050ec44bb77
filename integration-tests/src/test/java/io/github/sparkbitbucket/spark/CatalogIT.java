package io.github.sparkbitbucket.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.table.TableDef;
import io.github.sparkbitbucket.table.TableRegistry;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Browsing: SHOW NAMESPACES / TABLES, DESCRIBE, and what the catalog refuses. */
class CatalogIT extends SparkEmulatorTestBase {

  static List<String> column(String sql, int index) {
    return SPARK.sql(sql).collectAsList().stream().map(r -> r.getString(index)).toList();
  }

  @Test
  void namespacesAreTheVisibleWorkspaces() {
    assertEquals(EMU.store().workspaces().stream().sorted().toList(),
        column("SHOW NAMESPACES IN bb", 0).stream().sorted().toList());
  }

  @Test
  void tablesOfAWorkspaceAndOfTheRoot() {
    List<String> expected = TableRegistry.workspaceTables().stream().map(TableDef::name)
        .sorted().toList();
    assertEquals(expected, column("SHOW TABLES IN bb.acme", 1).stream().sorted().toList());
    assertEquals(List.of("workspaces"), column("SHOW TABLES IN bb", 1));
  }

  @Test
  void describeShowsColumnsAndTypes() {
    List<Row> rows = SPARK.sql("DESCRIBE TABLE bb.acme.pullrequests").collectAsList();
    assertEquals("workspace", rows.get(0).getString(0));
    assertEquals("repository", rows.get(1).getString(0));
    Row id = rows.stream().filter(r -> r.getString(0).equals("id")).findFirst().orElseThrow();
    assertEquals("int", id.getString(1));
    Row created = rows.stream().filter(r -> r.getString(0).equals("created_on")).findFirst()
        .orElseThrow();
    assertEquals("timestamp", created.getString(1));
  }

  @Test
  void describeExtendedNeverShowsTheToken() {
    String all = SPARK.sql("DESCRIBE TABLE EXTENDED bb.acme.pullrequests").collectAsList()
        .toString();
    assertTrue(all.contains("pullrequests"), all);
    assertFalse(all.contains(EMU.credentials().token()), "token leaked: " + all);
    String plan = SPARK.sql("EXPLAIN EXTENDED SELECT * FROM bb.acme.pullrequests WHERE id > 3")
        .collectAsList().toString();
    assertFalse(plan.contains(EMU.credentials().token()), "token leaked in EXPLAIN");
  }

  @Test
  void unknownTableOrWorkspaceIsNotFound() {
    Exception table = assertThrows(Exception.class,
        () -> SPARK.sql("SELECT * FROM bb.acme.pullrequest").collectAsList());
    assertTrue(table.getMessage().contains("pullrequest"), table.getMessage());
    Exception ws = assertThrows(Exception.class,
        () -> SPARK.sql("SHOW TABLES IN bb.nosuchworkspace").collectAsList());
    assertTrue(ws.getMessage().contains("nosuchworkspace"), ws.getMessage());
  }

  @Test
  void createDropAndAlterAreRefusedClearly() {
    Exception create = assertThrows(Exception.class,
        () -> SPARK.sql("CREATE TABLE bb.acme.mine (id INT)").collectAsList());
    assertTrue(create.getMessage().contains("cannot create table"), create.getMessage());
    Exception drop = assertThrows(Exception.class,
        () -> SPARK.sql("DROP TABLE bb.acme.pullrequests").collectAsList());
    assertTrue(drop.getMessage().contains("cannot drop table"), drop.getMessage());
    Exception ns = assertThrows(Exception.class,
        () -> SPARK.sql("CREATE NAMESPACE bb.newws").collectAsList());
    assertTrue(ns.getMessage().contains("workspaces are created in Bitbucket"), ns.getMessage());
  }
}
