package io.github.sparkbitbucket.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkbitbucket.emulator.EmulatorStore;
import io.github.sparkbitbucket.table.ColumnDef;
import io.github.sparkbitbucket.table.Scope;
import io.github.sparkbitbucket.table.TableDef;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The emulator's ground truth as canonical row strings, computed from its JSON objects with
 * Jackson's tree model (independently of the connector's streaming decoder), and the same
 * canonical form for rows Spark returned.
 */
final class GroundTruth {
  private GroundTruth() {}

  /** Every row of {@code table} in {@code ws}, canonical, for the given columns. */
  static List<String> rows(EmulatorStore store, String ws, TableDef table, List<String> columns) {
    List<String> out = new ArrayList<>();
    for (Object[] r : objects(store, ws, table, columns)) {
      out.add(canonical(r));
    }
    return out;
  }

  /** Rows as Java values (String, Long, Boolean, Instant, List) for building DataFrames. */
  static List<Object[]> objects(EmulatorStore store, String ws, TableDef table,
      List<String> columns) {
    List<Object[]> out = new ArrayList<>();
    if (table.scope() == Scope.ROOT) {
      // workspaces: the API's own /user/workspaces objects, each with its /workspaces/{slug}
      for (JsonNode access : EmulatorHttp.get("/user/workspaces?pagelen=100").path("values")) {
        String slug = access.path("workspace").path("slug").asText();
        JsonNode detail = EmulatorHttp.get("/workspaces/" + slug);
        out.add(values(access, detail, table, columns, null, null, null));
      }
      return out;
    }
    String collection = table.name();
    if (table.scope() == Scope.WORKSPACE) {
      for (ObjectNode o : store.list(ws, null, collection)) {
        out.add(values(o, null, table, columns, ws, null, null));
      }
      return out;
    }
    for (String repo : store.repositories(ws)) {
      // comments are listed per parent: those of a deleted parent can no longer be reached
      java.util.Set<Integer> parents = table.parent().map(p -> store.list(ws, repo, p.table())
          .stream().map(x -> x.get("id").asInt()).collect(java.util.stream.Collectors.toSet()))
          .orElse(null);
      for (ObjectNode o : store.list(ws, repo, collection)) {
        Integer parent = null;
        if (table.name().equals("pullrequest_comments")) {
          parent = o.path("pullrequest").path("id").asInt();
        } else if (table.name().equals("issue_comments")) {
          parent = o.path("issue").path("id").asInt();
        }
        if (parents != null && !parents.contains(parent)) {
          continue;
        }
        out.add(values(o, null, table, columns, ws, repo, parent));
      }
    }
    return out;
  }

  private static Object[] values(JsonNode o, JsonNode detail, TableDef table,
      List<String> columns, String ws, String repo, Integer parent) {
    Object[] v = new Object[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      ColumnDef c = table.column(columns.get(i)).orElseThrow();
      v[i] = switch (c.source()) {
        case WORKSPACE -> ws;
        case REPOSITORY -> repo;
        case PARENT_ID -> parent;
        case JSON -> json(o, c);
        case DETAIL -> json(detail, c);
      };
    }
    return v;
  }

  private static Object json(JsonNode o, ColumnDef c) {
    JsonNode n = o;
    for (String seg : c.path()) {
      n = n.path(seg);
    }
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    DataType t = c.type();
    if (t instanceof ArrayType) {
      List<String> items = new ArrayList<>();
      for (JsonNode e : n) {
        JsonNode x = c.elementField() == null ? e : e.path(c.elementField());
        items.add(x.isMissingNode() || x.isNull() ? null : x.asText());
      }
      return items;
    }
    if (t == DataTypes.StringType) {
      return n.asText();
    }
    if (t == DataTypes.IntegerType) {
      return n.asInt();
    }
    if (t == DataTypes.LongType) {
      return n.asLong();
    }
    if (t == DataTypes.BooleanType) {
      return n.asBoolean();
    }
    if (t == DataTypes.TimestampType) {
      try {
        return OffsetDateTime.parse(n.asText()).toInstant();
      } catch (DateTimeParseException e) {
        return LocalDateTime.parse(n.asText()).toInstant(ZoneOffset.UTC);
      }
    }
    throw new IllegalStateException(t.toString());
  }

  /** The canonical string of a row from Spark. */
  static String canonical(Row row) {
    Object[] v = new Object[row.length()];
    for (int i = 0; i < v.length; i++) {
      Object x = row.get(i);
      if (x instanceof scala.collection.Seq<?> seq) {
        x = new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(seq));
      }
      v[i] = x;
    }
    return canonical(v);
  }

  static String canonical(Object[] values) {
    StringJoiner j = new StringJoiner(" | ");
    for (Object x : values) {
      if (x instanceof Timestamp ts) {
        x = ts.toInstant();
      }
      if (x instanceof Number num) {
        x = num.longValue();
      }
      if (x instanceof Collection<?> c) {
        x = new ArrayList<>(c).toString();
      }
      j.add(String.valueOf(x));
    }
    return j.toString();
  }
}
