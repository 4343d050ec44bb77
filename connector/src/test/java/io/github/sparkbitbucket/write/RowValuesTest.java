package io.github.sparkbitbucket.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class RowValuesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final StructType schema = new StructType()
      .add("title", DataTypes.StringType)
      .add("id", DataTypes.IntegerType)
      .add("draft", DataTypes.BooleanType)
      .add("created_on", DataTypes.TimestampType)
      .add("description", DataTypes.StringType);
  private final RowValues values = new RowValues(schema);
  private final GenericInternalRow row = new GenericInternalRow(new Object[] {
      UTF8String.fromString("Fix \"quotes\""), 7, true, 1_700_000_000_123_456L, null});

  @Test
  void readsColumnsByNameAsJson() throws Exception {
    assertEquals("Fix \"quotes\"", values.get(row, "TITLE").textValue());
    assertEquals(7, values.get(row, "id").intValue());
    assertTrue(values.get(row, "draft").booleanValue());
    assertEquals("2023-11-14T22:13:20.123456Z", values.get(row, "created_on").textValue());
    assertNull(values.get(row, "description"));
    assertNull(values.get(row, "not_there"));
    assertEquals("7", values.text(row, "id"));
  }

  @Test
  void putsAndReadsNestedBodyPaths() {
    ObjectNode body = MAPPER.createObjectNode();
    RowValues.put(body, List.of("source", "branch", "name"), body.textNode("feature"));
    RowValues.put(body, List.of("source", "commit", "hash"), body.textNode("abc"));
    assertEquals("{\"source\":{\"branch\":{\"name\":\"feature\"},\"commit\":{\"hash\":\"abc\"}}}",
        body.toString());
    assertEquals("feature", RowValues.at(body, List.of("source", "branch", "name")).textValue());
    assertNull(RowValues.at(body, List.of("destination", "branch", "name")));
  }

  @Test
  void comparesValuesByMeaning() throws Exception {
    assertTrue(RowValues.same(MAPPER.readTree("5"), MAPPER.readTree("5.0")));
    assertTrue(RowValues.same(null, MAPPER.readTree("null")));
    assertFalse(RowValues.same(MAPPER.readTree("\"5\""), MAPPER.readTree("5")));
    assertFalse(RowValues.same(MAPPER.readTree("\"a\""), null));
    assertFalse(RowValues.same(MAPPER.readTree("true"), MAPPER.readTree("false")));
  }
}
