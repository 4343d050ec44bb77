package io.github.sparkbitbucket.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.sparkbitbucket.api.BitbucketApiException;
import io.github.sparkbitbucket.table.ColumnDef;
import io.github.sparkbitbucket.table.ColumnSource;
import io.github.sparkbitbucket.table.TableDef;
import java.io.IOException;
import java.io.Serializable;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Decodes one API object straight from Jackson's streaming parser into the values of a Spark row:
 * only the required columns, no intermediate JSON tree or map. Fields the table does not need are
 * skipped; a missing field or JSON null is a null value; a value of the wrong JSON type fails
 * with an error that names the table, the column and the URL (never a silently wrong value).
 *
 * <p>The decoder fills {@link #width()} slots: the required columns in order, then any extra
 * columns the reader needs for itself (the keyset column), see {@link #slotOf(String)}.
 */
public final class RowDecoder implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TableDef table;
  private final List<ColumnDef> slots;
  private final Node root = new Node();
  private final Node detailRoot = new Node();

  /**
   * @param table the table
   * @param required the columns to decode, in output order
   * @param extra columns needed by the reader beyond {@code required} (ignored when present)
   */
  public RowDecoder(TableDef table, List<ColumnDef> required, List<ColumnDef> extra) {
    this.table = table;
    this.slots = new ArrayList<>(required);
    for (ColumnDef c : extra) {
      if (slots.stream().noneMatch(s -> s.name().equals(c.name()))) {
        slots.add(c);
      }
    }
    for (int i = 0; i < slots.size(); i++) {
      ColumnDef c = slots.get(i);
      if (c.source() != ColumnSource.JSON && c.source() != ColumnSource.DETAIL) {
        continue;
      }
      Node n = c.source() == ColumnSource.JSON ? root : detailRoot;
      for (String seg : c.path()) {
        n = n.children.computeIfAbsent(seg, k -> new Node());
      }
      n.slot = i;
      n.column = c;
    }
  }

  /** Number of slots: required columns then extras. */
  public int width() {
    return slots.size();
  }

  /** Slot index of a column, or -1. */
  public int slotOf(String column) {
    for (int i = 0; i < slots.size(); i++) {
      if (slots.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  /** The JSON paths the decoder reads, for {@code fields=}. */
  public List<String> jsonPaths() {
    List<String> out = new ArrayList<>();
    for (ColumnDef c : slots) {
      if (c.source() == ColumnSource.JSON) {
        out.add(c.dottedPath());
      }
    }
    return out;
  }

  /** The detail object's paths, empty when no DETAIL column is decoded. */
  public List<String> detailPaths() {
    List<String> out = new ArrayList<>();
    for (ColumnDef c : slots) {
      if (c.source() == ColumnSource.DETAIL) {
        out.add(c.dottedPath());
      }
    }
    return out;
  }

  /** Fills the DETAIL slots of {@code values} from the detail object the parser is on. */
  public void decodeDetail(JsonParser p, Object[] values, String url) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw wrongType(p, null, "an object", url);
    }
    readObject(p, detailRoot, values, url);
  }

  /**
   * Decodes the object the parser is on ({@code START_OBJECT}) and leaves the parser on its
   * {@code END_OBJECT}.
   */
  public Object[] decode(JsonParser p, RowContext ctx, String url) throws IOException {
    Object[] values = new Object[slots.size()];
    for (int i = 0; i < slots.size(); i++) {
      ColumnDef c = slots.get(i);
      switch (c.source()) {
        case WORKSPACE -> values[i] = UTF8String.fromString(ctx.workspace());
        case REPOSITORY -> values[i] = UTF8String.fromString(ctx.repository());
        case PARENT_ID -> values[i] = ctx.parentId();
        default -> { }
      }
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw wrongType(p, null, "an object", url);
    }
    readObject(p, root, values, url);
    for (int i = 0; i < values.length; i++) {
      ColumnDef c = slots.get(i);
      if (values[i] == null && !c.nullable() && c.source() == ColumnSource.JSON) {
        throw new BitbucketApiException(BitbucketApiException.Kind.MALFORMED_RESPONSE, 200,
            "GET", url, "Malformed response for table " + table.name() + ": column " + c.name()
            + " (JSON " + c.dottedPath() + ") is missing or null, but the API always sets it ("
            + url + "). The server does not answer like Bitbucket Cloud: check the endpoint"
            + " option.", null);
      }
    }
    return values;
  }

  private void readObject(JsonParser p, Node node, Object[] values, String url)
      throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      Node child = node.children.get(p.currentName());
      JsonToken t = p.nextToken();
      if (child == null) {
        p.skipChildren();
      } else if (child.column != null) {
        values[child.slot] = readValue(p, t, child.column, url);
      } else if (t == JsonToken.START_OBJECT) {
        readObject(p, child, values, url);
      } else if (t == JsonToken.VALUE_NULL) {
        // an absent nested object (closed_by, assignee...): its columns stay null
      } else {
        throw wrongType(p, firstColumnUnder(child), "an object", url);
      }
    }
  }

  private Object readValue(JsonParser p, JsonToken t, ColumnDef c, String url)
      throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    DataType type = c.type();
    if (type instanceof ArrayType) {
      if (t != JsonToken.START_ARRAY) {
        throw wrongType(p, c, "an array", url);
      }
      List<Object> items = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        items.add(readArrayElement(p, c, url));
      }
      return new GenericArrayData(items.toArray());
    }
    if (type == DataTypes.StringType) {
      if (t != JsonToken.VALUE_STRING) {
        throw wrongType(p, c, "a string", url);
      }
      return UTF8String.fromString(p.getText());
    }
    if (type == DataTypes.IntegerType || type == DataTypes.LongType) {
      if (t != JsonToken.VALUE_NUMBER_INT) {
        throw wrongType(p, c, "an integer", url);
      }
      if (type == DataTypes.LongType) {
        return p.getLongValue();
      }
      long v = p.getLongValue();
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw wrongType(p, c, "an INT", url);
      }
      return (int) v;
    }
    if (type == DataTypes.BooleanType) {
      if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
        throw wrongType(p, c, "a boolean", url);
      }
      return t == JsonToken.VALUE_TRUE;
    }
    if (type == DataTypes.TimestampType) {
      if (t != JsonToken.VALUE_STRING) {
        throw wrongType(p, c, "an ISO-8601 time string", url);
      }
      try {
        return Timestamps.toMicros(p.getText());
      } catch (DateTimeParseException e) {
        throw wrongType(p, c, "an ISO-8601 time string", url);
      }
    }
    throw new IllegalStateException("Unsupported column type " + type + " for " + c.name());
  }

  private Object readArrayElement(JsonParser p, ColumnDef c, String url) throws IOException {
    JsonToken t = p.currentToken();
    if (c.elementField() == null) {
      if (t == JsonToken.VALUE_NULL) {
        return null;
      }
      if (t != JsonToken.VALUE_STRING) {
        throw wrongType(p, c, "an array of strings", url);
      }
      return UTF8String.fromString(p.getText());
    }
    if (t != JsonToken.START_OBJECT) {
      throw wrongType(p, c, "an array of objects", url);
    }
    Object value = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken vt = p.nextToken();
      if (name.equals(c.elementField())) {
        if (vt == JsonToken.VALUE_STRING) {
          value = UTF8String.fromString(p.getText());
        } else if (vt != JsonToken.VALUE_NULL) {
          throw wrongType(p, c, "objects with a string '" + c.elementField() + "'", url);
        }
      } else {
        p.skipChildren();
      }
    }
    return value;
  }

  private static ColumnDef firstColumnUnder(Node n) {
    if (n.column != null) {
      return n.column;
    }
    for (Node c : n.children.values()) {
      ColumnDef d = firstColumnUnder(c);
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  private BitbucketApiException wrongType(JsonParser p, ColumnDef c, String expected, String url)
      throws IOException {
    String got = p.currentToken() == null ? "end of input" : p.currentToken().name();
    String sample = p.currentToken() != null && p.currentToken().isScalarValue()
        ? " " + abbreviate(p.getText()) : "";
    String where = c == null ? "an element of values" : "column " + c.name() + " (JSON "
        + c.dottedPath() + ")";
    return new BitbucketApiException(BitbucketApiException.Kind.MALFORMED_RESPONSE, 200, "GET",
        url, "Malformed response for table " + table.name() + ": " + where + " expected "
        + expected + " but the API sent " + got + sample + " (" + url + "). The server does not"
        + " answer like Bitbucket Cloud: check the endpoint option.", null);
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }

  private static final class Node implements Serializable {
    private static final long serialVersionUID = 1L;
    final Map<String, Node> children = new HashMap<>();
    int slot = -1;
    ColumnDef column;
  }
}
