package io.github.sparkbitbucket.write;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkbitbucket.table.ColumnDef;
import io.github.sparkbitbucket.table.ColumnSource;
import io.github.sparkbitbucket.table.TableDef;
import io.github.sparkbitbucket.table.WriteSpec;
import io.github.sparkbitbucket.table.WriteSpecs;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.ColumnDefaultValue;
import org.apache.spark.sql.connector.expressions.LiteralValue;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Column defaults that let {@code INSERT INTO t (cols...)} and MERGE's {@code INSERT (cols...)}
 * leave out the non-nullable columns the user does not give: {@code workspace} defaults to the
 * table's workspace; a key Bitbucket assigns ({@code id}, a pipeline's {@code uuid}) and the
 * other non-nullable columns Bitbucket sets ({@code created_on}) default to a placeholder
 * ({@code 0}, {@code ''}, {@code false}, the epoch) that the writer reads as "not given". Key
 * columns must stay non-nullable: Spark requires it of a row-level operation's row id.
 */
public final class InsertDefaults {
  private InsertDefaults() {}

  /** The table's columns with those defaults. */
  public static Column[] columns(TableDef def, String workspace) {
    Optional<WriteSpec> spec = WriteSpecs.find(def.name());
    Column[] out = new Column[def.columns().size()];
    for (int i = 0; i < out.length; i++) {
      ColumnDef c = def.columns().get(i);
      ColumnDefaultValue dflt = null;
      if (c.name().equals("workspace") && workspace != null) {
        dflt = new ColumnDefaultValue("'" + workspace.replace("'", "''") + "'",
            LiteralValue.apply(UTF8String.fromString(workspace), DataTypes.StringType));
      } else if (spec.isPresent() && !c.nullable() && setByBitbucket(spec.get(), c)) {
        dflt = placeholder(c.type());
      }
      out[i] = Column.create(c.name(), c.type(), c.nullable(), null, dflt, null);
    }
    return out;
  }

  /** A column no INSERT gives: neither a create column, nor what addresses the row. */
  private static boolean setByBitbucket(WriteSpec spec, ColumnDef c) {
    if (c.name().equals(spec.keyColumn())) {
      return spec.serverAssignedKey();
    }
    return c.source() == ColumnSource.JSON && spec.column(c.name()).isEmpty();
  }

  /** Whether {@code value} in a column Bitbucket sets is the placeholder ("not given"). */
  static boolean isPlaceholder(JsonNode value) {
    if (value == null || value.isNull()) {
      return true;
    }
    if (value.isNumber()) {
      return value.asDouble() == 0;
    }
    if (value.isBoolean()) {
      return !value.booleanValue();
    }
    String text = value.asText();
    return text.isEmpty() || text.equals(EPOCH);
  }

  private static final String EPOCH = java.time.Instant.EPOCH.atOffset(ZoneOffset.UTC).toString();

  private static ColumnDefaultValue placeholder(DataType type) {
    if (type.equals(DataTypes.IntegerType)) {
      return new ColumnDefaultValue("0", LiteralValue.apply(0, type));
    } else if (type.equals(DataTypes.LongType)) {
      return new ColumnDefaultValue("0L", LiteralValue.apply(0L, type));
    } else if (type.equals(DataTypes.BooleanType)) {
      return new ColumnDefaultValue("false", LiteralValue.apply(false, type));
    } else if (type.equals(DataTypes.TimestampType)) {
      return new ColumnDefaultValue("TIMESTAMP'1970-01-01 00:00:00Z'",
          LiteralValue.apply(0L, type));
    }
    return new ColumnDefaultValue("''", LiteralValue.apply(UTF8String.fromString(""), type));
  }
}
