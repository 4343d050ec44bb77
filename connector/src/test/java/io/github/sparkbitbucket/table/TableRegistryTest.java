package io.github.sparkbitbucket.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** Every SPEC section 3 column exists with the right type; keys are non-null; shapes hold. */
class TableRegistryTest {
  static final DataType S = DataTypes.StringType;
  static final DataType I = DataTypes.IntegerType;
  static final DataType L = DataTypes.LongType;
  static final DataType B = DataTypes.BooleanType;
  static final DataType T = DataTypes.TimestampType;
  static final DataType A = DataTypes.createArrayType(DataTypes.StringType, true);

  static Map<String, Object[]> spec() {
    Map<String, Object[]> m = new LinkedHashMap<>();
    m.put("workspaces", new Object[] {"slug", S, "uuid", S, "name", S, "is_private", B,
        "is_administrator", B, "created_on", T});
    m.put("projects", new Object[] {"workspace", S, "key", S, "uuid", S, "name", S,
        "description", S, "is_private", B, "created_on", T, "updated_on", T});
    m.put("repositories", new Object[] {"workspace", S, "slug", S, "uuid", S, "full_name", S,
        "name", S, "description", S, "is_private", B, "fork_policy", S, "language", S,
        "size", L, "has_issues", B, "has_wiki", B, "mainbranch", S, "project_key", S,
        "created_on", T, "updated_on", T});
    m.put("members", new Object[] {"workspace", S, "user_uuid", S, "account_id", S,
        "display_name", S, "nickname", S});
    m.put("pullrequests", new Object[] {"workspace", S, "repository", S, "id", I, "title", S,
        "description", S, "state", S, "draft", B, "author_uuid", S, "author_display_name", S,
        "source_branch", S, "source_commit", S, "destination_branch", S,
        "destination_commit", S, "merge_commit", S, "close_source_branch", B,
        "closed_by_display_name", S, "reason", S, "comment_count", I, "task_count", I,
        "created_on", T, "updated_on", T});
    m.put("pullrequest_comments", new Object[] {"workspace", S, "repository", S,
        "pullrequest_id", I, "id", L, "parent_id", L, "content_raw", S, "user_uuid", S,
        "user_display_name", S, "inline_path", S, "inline_from", I, "inline_to", I,
        "deleted", B, "created_on", T, "updated_on", T});
    m.put("commits", new Object[] {"workspace", S, "repository", S, "hash", S, "message", S,
        "author_raw", S, "author_uuid", S, "author_display_name", S, "date", T, "parents", A});
    m.put("branches", new Object[] {"workspace", S, "repository", S, "name", S,
        "target_hash", S, "target_date", T, "target_message", S, "target_author_raw", S,
        "default_merge_strategy", S, "merge_strategies", A});
    m.put("tags", new Object[] {"workspace", S, "repository", S, "name", S, "target_hash", S,
        "target_date", T, "message", S, "date", T});
    m.put("pipelines", new Object[] {"workspace", S, "repository", S, "uuid", S,
        "build_number", I, "state", S, "result", S, "trigger_type", S, "target_ref_type", S,
        "target_ref_name", S, "target_commit", S, "creator_uuid", S,
        "creator_display_name", S, "created_on", T, "completed_on", T,
        "duration_in_seconds", I, "build_seconds_used", I});
    m.put("issues", new Object[] {"workspace", S, "repository", S, "id", I, "title", S,
        "content_raw", S, "state", S, "kind", S, "priority", S, "reporter_uuid", S,
        "reporter_display_name", S, "assignee_uuid", S, "assignee_display_name", S,
        "component", S, "milestone", S, "version", S, "votes", I, "watches", I,
        "created_on", T, "updated_on", T, "edited_on", T});
    m.put("issue_comments", new Object[] {"workspace", S, "repository", S, "issue_id", I,
        "id", L, "content_raw", S, "user_uuid", S, "user_display_name", S, "created_on", T,
        "updated_on", T});
    return m;
  }

  @Test
  void everySpecColumnHasItsType() {
    assertEquals(spec().keySet(), TableRegistry.all().stream().map(TableDef::name)
        .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
    spec().forEach((table, cols) -> {
      TableDef def = TableRegistry.require(table);
      for (int i = 0; i < cols.length; i += 2) {
        String col = (String) cols[i];
        ColumnDef c = def.column(col).orElseThrow(() -> new AssertionError(table + "." + col));
        assertEquals(cols[i + 1], c.type(), table + "." + col);
      }
    });
  }

  @Test
  void repositoryTablesStartWithWorkspaceAndRepository() {
    for (TableDef t : TableRegistry.all()) {
      if (t.scope() == Scope.REPOSITORY) {
        assertEquals(List.of("workspace", "repository"),
            t.columns().subList(0, 2).stream().map(ColumnDef::name).toList(), t.name());
      }
      if (t.scope() == Scope.WORKSPACE) {
        assertEquals("workspace", t.columns().get(0).name(), t.name());
      }
    }
  }

  @Test
  void keysAreNonNullableAndAsSpecified() {
    assertEquals(List.of("key"), TableRegistry.require("projects").keyColumns());
    assertEquals(List.of("slug"), TableRegistry.require("repositories").keyColumns());
    assertEquals(List.of("repository", "id"), TableRegistry.require("pullrequests").keyColumns());
    assertEquals(List.of("repository", "id"), TableRegistry.require("issues").keyColumns());
    assertEquals(List.of("repository", "uuid"), TableRegistry.require("pipelines").keyColumns());
    assertEquals(List.of("repository", "pullrequest_id", "id"),
        TableRegistry.require("pullrequest_comments").keyColumns());
    assertEquals(List.of("repository", "issue_id", "id"),
        TableRegistry.require("issue_comments").keyColumns());
    assertEquals(List.of("repository", "name"), TableRegistry.require("branches").keyColumns());
    assertEquals(List.of("repository", "name"), TableRegistry.require("tags").keyColumns());
    for (TableDef t : TableRegistry.all()) {
      for (String k : t.keyColumns()) {
        assertFalse(t.column(k).get().nullable(), t.name() + "." + k);
        assertFalse(t.schema().apply(k).nullable(), t.name() + "." + k);
      }
    }
  }

  @Test
  void endpointsPagingAndStrategies() {
    TableDef prs = TableRegistry.require("pullrequests");
    assertEquals(50, prs.pageLenCap());
    assertEquals(List.of("OPEN", "MERGED", "DECLINED", "SUPERSEDED"),
        prs.fixedParams().get("state"));
    assertEquals(ReadStrategy.KEYSET, prs.strategy());
    // string keys walk a keyset too: page numbers shift when a row before them is deleted
    for (String t : List.of("projects", "repositories", "branches", "tags")) {
      TableDef def = TableRegistry.require(t);
      assertEquals(ReadStrategy.TEXT_KEYSET, def.strategy(), t);
      ColumnDef key = def.column(def.orderColumn()).orElseThrow();
      assertTrue(key.canSort() && !key.nullable(), t + ": the keyset column sorts, never null");
      assertEquals(def.keyColumns().get(def.keyColumns().size() - 1), key.name(), t);
    }
    for (String t : List.of("members", "workspaces")) {
      TableDef def = TableRegistry.require(t);
      assertEquals(ReadStrategy.PAGES, def.strategy(), t);
      assertEquals(def.keyColumns().get(0), def.orderColumn(), t + ": dedupe on the key");
    }
    assertEquals(Pagination.CURSOR, TableRegistry.require("commits").pagination());
    assertFalse(TableRegistry.require("pipelines").supportsBbql());
    for (TableDef t : TableRegistry.all()) {
      assertNotNull(t.listPath(), t.name());
      if (t.scope() != Scope.ROOT) {
        assertTrue(t.listPath().startsWith("/"), t.name());
        assertEquals(t.name().equals("pullrequests") ? 50 : 100, t.pageLenCap(), t.name());
      }
      for (ColumnDef c : t.columns()) {
        assertTrue(c.name().matches("[a-z][a-z0-9_]*"), c.name());
        if (c.canSort()) {
          assertTrue(c.isFilterable(), t.name() + "." + c.name());
        }
      }
    }
  }

  @Test
  void unknownTableNamesTheTablesThatExist() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TableRegistry.require("pullrequest"));
    assertTrue(e.getMessage().contains("pullrequests, pullrequest_comments"), e.getMessage());
    assertEquals("pullrequests", TableRegistry.require("PullRequests").name());
  }
}
