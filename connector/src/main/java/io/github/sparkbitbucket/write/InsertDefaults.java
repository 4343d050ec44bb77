package io.github.sparkbitbucket.write;

import io.github.sparkbitbucket.table.ColumnDef;
import io.github.sparkbitbucket.table.TableDef;
import io.github.sparkbitbucket.table.WriteSpec;
import io.github.sparkbitbucket.table.WriteSpecs;
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
 * table's workspace, and a key Bitbucket assigns ({@code id}, a pipeline's {@code uuid}) to a
 * placeholder ({@code 0} or {@code ''}) that the writer reads as "let Bitbucket assign it".
 * Key columns must stay non-nullable: Spark requires it of a row-level operation's row id.
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
      } else if (spec.isPresent() && spec.get().serverAssignedKey()
          && c.name().equals(spec.get().keyColumn())) {
        dflt = placeholder(c.type());
      }
      out[i] = Column.create(c.name(), c.type(), c.nullable(), null, dflt, null);
    }
    return out;
  }

  /** Whether {@code value} of a server-assigned key means "not given". */
  static boolean isPlaceholder(String value) {
    return value == null || value.isEmpty() || value.equals("0");
  }

  private static ColumnDefaultValue placeholder(DataType type) {
    if (type.equals(DataTypes.IntegerType)) {
      return new ColumnDefaultValue("0", LiteralValue.apply(0, type));
    } else if (type.equals(DataTypes.LongType)) {
      return new ColumnDefaultValue("0L", LiteralValue.apply(0L, type));
    }
    return new ColumnDefaultValue("''", LiteralValue.apply(UTF8String.fromString(""), type));
  }
}
