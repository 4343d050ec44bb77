package io.github.sparkbitbucket.table;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;

/**
 * One column of a table: its Spark name and type, where its value is in the API's JSON, and what
 * the API can do with it (filter with BBQL, sort).
 *
 * @param name snake_case Spark column name
 * @param source where the value comes from
 * @param path JSON path in the API object ({@code ["author","display_name"]}); for an
 *     {@code ARRAY<STRING>} the path of the array, with {@code elementField} naming the field of
 *     each element (null: the elements are strings themselves)
 * @param elementField see {@code path}
 * @param type Spark type: STRING, INT, BIGINT, BOOLEAN, TIMESTAMP or ARRAY&lt;STRING&gt;
 * @param nullable false for key columns
 * @param bbqlField the BBQL field name when the API filters on it, else null
 * @param canSort whether {@code sort=} accepts {@code bbqlField}
 * @param queryParam a query parameter that filters on equality where the endpoint has no BBQL
 *     (pipelines' {@code target.ref_name}), else null
 */
public record ColumnDef(String name, ColumnSource source, List<String> path, String elementField,
    DataType type, boolean nullable, String bbqlField, boolean canSort, String queryParam)
    implements Serializable {

  /** A JSON column: {@code json("author_display_name", "author.display_name", STRING)}. */
  public static ColumnDef json(String name, String dottedPath, DataType type) {
    return new ColumnDef(name, ColumnSource.JSON, Arrays.asList(dottedPath.split("\\.")), null,
        type, true, null, false, null);
  }

  /** An {@code ARRAY<STRING>} from an array of objects ({@code parents[].hash}) or strings. */
  public static ColumnDef stringArray(String name, String dottedPath, String elementField) {
    return new ColumnDef(name, ColumnSource.JSON, Arrays.asList(dottedPath.split("\\.")),
        elementField, DataTypes.createArrayType(DataTypes.StringType, true), true, null, false, null);
  }

  /** A column from the per-row detail object (see {@link ColumnSource#DETAIL}). */
  public static ColumnDef detail(String name, String dottedPath, DataType type) {
    return new ColumnDef(name, ColumnSource.DETAIL, Arrays.asList(dottedPath.split("\\.")), null,
        type, true, null, false, null);
  }

  /** A column filled from the listing context (workspace, repository, parent id). */
  public static ColumnDef context(String name, ColumnSource source, DataType type) {
    return new ColumnDef(name, source, List.of(), null, type, false, null, false, null);
  }

  /** Filterable with BBQL under the same dotted name as its JSON path. */
  public ColumnDef filterable() {
    return filterableAs(String.join(".", path));
  }

  public ColumnDef filterableAs(String field) {
    return new ColumnDef(name, source, path, elementField, type, nullable, field, canSort,
        queryParam);
  }

  /** Filterable and sortable with BBQL. */
  public ColumnDef sortable() {
    ColumnDef f = bbqlField == null ? filterable() : this;
    return new ColumnDef(name, source, path, elementField, type, nullable, f.bbqlField, true,
        queryParam);
  }

  /** A key column: never null. */
  public ColumnDef notNull() {
    return new ColumnDef(name, source, path, elementField, type, false, bbqlField, canSort,
        queryParam);
  }

  /** Equality on this column can be sent as query parameter {@code param} (no BBQL there). */
  public ColumnDef param(String param) {
    return new ColumnDef(name, source, path, elementField, type, nullable, bbqlField, canSort,
        param);
  }

  public boolean isFilterable() {
    return bbqlField != null;
  }

  /** The dotted JSON path, as used in {@code fields=}. */
  public String dottedPath() {
    return String.join(".", path);
  }

  public StructField toStructField() {
    return new StructField(name, type, nullable, Metadata.empty());
  }
}
