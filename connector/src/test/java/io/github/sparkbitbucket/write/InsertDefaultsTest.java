package io.github.sparkbitbucket.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.sparkbitbucket.table.TableRegistry;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.connector.catalog.Column;
import org.junit.jupiter.api.Test;

/** The defaults that let INSERT leave out the non-nullable columns Bitbucket fills. */
class InsertDefaultsTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private static Map<String, Column> columns(String table) {
    return Arrays.stream(InsertDefaults.columns(TableRegistry.require(table), "acme"))
        .collect(Collectors.toMap(Column::name, Function.identity()));
  }

  @Test
  void nonNullColumnsBitbucketSetsGetPlaceholders() {
    Map<String, Column> prs = columns("pullrequests");
    assertEquals("'acme'", prs.get("workspace").defaultValue().getSql());
    assertEquals("0", prs.get("id").defaultValue().getSql());
    if (!prs.get("created_on").nullable()) {
      assertTrue(prs.get("created_on").defaultValue().getSql().startsWith("TIMESTAMP"));
    }
    assertNull(prs.get("repository").defaultValue(), "the row must say where it goes");
    assertNull(prs.get("title").defaultValue());
    assertNull(columns("branches").get("name").defaultValue(), "a branch's name is the user's");
    assertEquals("''", columns("pipelines").get("uuid").defaultValue().getSql());
    assertEquals(TableRegistry.require("pullrequests").schema().fieldNames().length, prs.size());
  }

  @Test
  void placeholdersReadAsNotGiven() {
    assertTrue(InsertDefaults.isPlaceholder(null));
    assertTrue(InsertDefaults.isPlaceholder(JSON.numberNode(0)));
    assertTrue(InsertDefaults.isPlaceholder(JSON.textNode("")));
    assertTrue(InsertDefaults.isPlaceholder(JSON.textNode("1970-01-01T00:00Z")));
    assertTrue(InsertDefaults.isPlaceholder(JSON.booleanNode(false)));
    assertFalse(InsertDefaults.isPlaceholder(JSON.numberNode(5)));
    assertFalse(InsertDefaults.isPlaceholder(JSON.textNode("x")));
  }
}
