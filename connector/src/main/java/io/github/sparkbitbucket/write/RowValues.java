package io.github.sparkbitbucket.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Reads a row's columns by name, as JSON values, under the schema Spark wrote them with; and
 * compares JSON values the way a change check needs (5 equals 5L, missing equals null).
 */
public final class RowValues implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final StructType schema;

  public RowValues(StructType schema) {
    this.schema = schema;
  }

  public StructType schema() {
    return schema;
  }

  public boolean has(String column) {
    return index(column) >= 0;
  }

  /** The column's value as JSON, or null when the column is absent or NULL. */
  public JsonNode get(InternalRow row, String column) {
    int i = index(column);
    if (i < 0 || row.isNullAt(i)) {
      return null;
    }
    DataType t = schema.fields()[i].dataType();
    if (t instanceof StringType) {
      return JSON.textNode(row.getUTF8String(i).toString());
    } else if (t instanceof IntegerType) {
      return JSON.numberNode(row.getInt(i));
    } else if (t instanceof LongType) {
      return JSON.numberNode(row.getLong(i));
    } else if (t instanceof ShortType) {
      return JSON.numberNode(row.getShort(i));
    } else if (t instanceof ByteType) {
      return JSON.numberNode(row.getByte(i));
    } else if (t instanceof BooleanType) {
      return JSON.booleanNode(row.getBoolean(i));
    } else if (t instanceof DoubleType) {
      return JSON.numberNode(row.getDouble(i));
    } else if (t instanceof FloatType) {
      return JSON.numberNode(row.getFloat(i));
    } else if (t instanceof DecimalType d) {
      return JSON.numberNode(row.getDecimal(i, d.precision(), d.scale()).toJavaBigDecimal());
    } else if (t instanceof TimestampType) {
      long micros = row.getLong(i);
      Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
          Math.floorMod(micros, 1_000_000L) * 1000L);
      return JSON.textNode(at.atOffset(ZoneOffset.UTC).toString());
    }
    throw new IllegalArgumentException("Column " + column + " has type " + t.simpleString()
        + ", which the connector cannot write; cast it to STRING, INT, BIGINT or BOOLEAN.");
  }

  /** The column's value as the text of a key ({@code 7}, {@code main}), or null. */
  public String text(InternalRow row, String column) {
    JsonNode v = get(row, column);
    return v == null ? null : v.asText();
  }

  private int index(String column) {
    String[] names = schema.fieldNames();
    for (int i = 0; i < names.length; i++) {
      if (names[i].equalsIgnoreCase(column)) {
        return i;
      }
    }
    return -1;
  }

  /** The value at {@code path} in {@code object}, or null when absent or JSON null. */
  public static JsonNode at(JsonNode object, List<String> path) {
    JsonNode n = object;
    for (String p : path) {
      if (n == null || !n.isObject()) {
        return null;
      }
      n = n.get(p);
    }
    return n == null || n.isNull() || n.isMissingNode() ? null : n;
  }

  /** Sets {@code value} at {@code path} in {@code body}, creating the objects on the way. */
  public static void put(ObjectNode body, List<String> path, JsonNode value) {
    ObjectNode n = body;
    for (int i = 0; i < path.size() - 1; i++) {
      JsonNode child = n.get(path.get(i));
      n = child instanceof ObjectNode o ? o : n.putObject(path.get(i));
    }
    n.set(path.get(path.size() - 1), value == null ? JSON.nullNode() : value);
  }

  /** Whether two JSON values mean the same column value (numbers by value, null = missing). */
  public static boolean same(JsonNode a, JsonNode b) {
    return canonical(a) == null ? canonical(b) == null : canonical(a).equals(canonical(b));
  }

  private static String canonical(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isNumber()) {
      BigDecimal d = n.decimalValue().stripTrailingZeros();
      return "n:" + d.toPlainString();
    }
    if (n.isBoolean()) {
      return "b:" + n.booleanValue();
    }
    if (n.isTextual()) {
      return "s:" + n.textValue();
    }
    return "j:" + n.toString().toLowerCase(Locale.ROOT);
  }
}
