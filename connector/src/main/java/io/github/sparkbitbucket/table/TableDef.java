package io.github.sparkbitbucket.table;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One table as data: its endpoints, paging, key and columns. Adding a table is adding an entry to
 * {@link TableRegistry}, not a class. Path templates take placeholders in this order: workspace,
 * repository, parent id, key.
 */
public final class TableDef implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final String description;
  private final Scope scope;
  private final String listPath;
  private final String itemPath;
  private final Pagination pagination;
  private final int pageLenCap;
  private final List<String> keyColumns;
  private final List<ColumnDef> columns;
  private final Map<String, List<String>> fixedParams;
  private final String defaultBbql;
  private final boolean bbql;
  private final ReadStrategy strategy;
  private final String orderColumn;
  private final ParentDef parent;
  private final String detailPath;

  private TableDef(Builder b) {
    this.name = b.name;
    this.description = b.description;
    this.scope = b.scope;
    this.listPath = b.listPath;
    this.itemPath = b.itemPath;
    this.pagination = b.pagination;
    this.pageLenCap = b.pageLenCap;
    this.keyColumns = List.copyOf(b.keyColumns);
    this.columns = List.copyOf(b.columns);
    this.fixedParams = Map.copyOf(b.fixedParams);
    this.defaultBbql = b.defaultBbql;
    this.bbql = b.bbql;
    this.strategy = b.strategy;
    this.orderColumn = b.orderColumn;
    this.parent = b.parent;
    this.detailPath = b.detailPath;
    for (String k : keyColumns) {
      if (column(k).isEmpty() || column(k).get().nullable()) {
        throw new IllegalStateException(name + ": key column " + k + " missing or nullable");
      }
    }
  }

  public static Builder builder(String name, Scope scope) {
    return new Builder(name, scope);
  }

  public String name() { return name; }
  /** One line for SHOW TABLES / DESCRIBE. */
  public String description() { return description; }
  public Scope scope() { return scope; }
  /** Whether the endpoint paths start with the workspace placeholder. */
  public boolean scopeHasWorkspace() { return scope != Scope.ROOT; }
  /** The list endpoint, e.g. {@code /repositories/{ws}/{repo}/pullrequests}. */
  public String listPath() { return listPath; }
  /** The single-object endpoint, e.g. {@code /repositories/{ws}/{repo}/pullrequests/{id}}. */
  public String itemPath() { return itemPath; }
  public Pagination pagination() { return pagination; }
  /** The largest {@code pagelen} the endpoint accepts. */
  public int pageLenCap() { return pageLenCap; }
  /** What the API addresses a row by (used by UPDATE, DELETE and MERGE). */
  public List<String> keyColumns() { return keyColumns; }
  public List<ColumnDef> columns() { return columns; }
  /** Query parameters sent with every list request (pull requests: every state). */
  public Map<String, List<String>> fixedParams() { return fixedParams; }
  /** A BBQL clause that stands in for {@link #fixedParams()} where {@code q=} makes them ignored. */
  public String defaultBbql() { return defaultBbql; }
  /** Whether the list endpoint accepts {@code q=} and {@code sort=}. */
  public boolean supportsBbql() { return bbql; }
  public ReadStrategy strategy() { return strategy; }
  /**
   * KEYSET: the integer key column walked in order; APPEND_ONLY_PAGES: the creation-ordered
   * column whose planned maximum bounds the scan.
   */
  public String orderColumn() { return orderColumn; }
  public Optional<ParentDef> parent() { return Optional.ofNullable(parent); }
  /** GET template of the per-row detail object for DETAIL columns (key placeholder), or null. */
  public String detailPath() { return detailPath; }

  /**
   * The metadata column that carries a row as the scan read it: a struct of the table's JSON
   * columns ({@link #rowImageColumns()}). UPDATE, DELETE and MERGE ask for it, so that the writer
   * has each row's before-image without reading the row again.
   */
  public static final String ROW_AS_READ = "_row_as_read";

  /** The columns of {@link #ROW_AS_READ}: every column read from the object's JSON. */
  public List<ColumnDef> rowImageColumns() {
    return columns.stream().filter(c -> c.source() == ColumnSource.JSON).toList();
  }

  /** The type of {@link #ROW_AS_READ}. */
  public StructType rowImageType() {
    return new StructType(rowImageColumns().stream().map(ColumnDef::toStructField)
        .toArray(StructField[]::new));
  }

  public Optional<ColumnDef> column(String columnName) {
    for (ColumnDef c : columns) {
      if (c.name().equalsIgnoreCase(columnName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  public int indexOf(String columnName) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(columnName)) {
        return i;
      }
    }
    return -1;
  }

  public StructType schema() {
    return new StructType(columns.stream().map(ColumnDef::toStructField)
        .toArray(StructField[]::new));
  }

  @Override
  public String toString() {
    return "TableDef[" + name + "]";
  }

  /** Builds a {@link TableDef}. */
  public static final class Builder {
    private final String name;
    private final Scope scope;
    private String description = "";
    private String listPath;
    private String itemPath;
    private Pagination pagination = Pagination.PAGE_NUMBERED;
    private int pageLenCap = 100;
    private final List<String> keyColumns = new ArrayList<>();
    private final List<ColumnDef> columns = new ArrayList<>();
    private final Map<String, List<String>> fixedParams = new LinkedHashMap<>();
    private String defaultBbql;
    private boolean bbql = true;
    private ReadStrategy strategy = ReadStrategy.PAGES;
    private String orderColumn;
    private ParentDef parent;
    private String detailPath;

    private Builder(String name, Scope scope) {
      this.name = name;
      this.scope = scope;
    }

    public Builder description(String d) { this.description = d; return this; }
    public Builder list(String path) { this.listPath = path; return this; }
    public Builder item(String path) { this.itemPath = path; return this; }
    public Builder cursor() { this.pagination = Pagination.CURSOR; return this; }
    public Builder pageLenCap(int cap) { this.pageLenCap = cap; return this; }
    public Builder key(String... cols) { keyColumns.addAll(List.of(cols)); return this; }
    public Builder column(ColumnDef c) { columns.add(c); return this; }
    public Builder param(String k, String... v) { fixedParams.put(k, List.of(v)); return this; }
    public Builder defaultBbql(String q) { this.defaultBbql = q; return this; }
    public Builder noBbql() { this.bbql = false; return this; }
    public Builder strategy(ReadStrategy s, String orderCol) {
      this.strategy = s;
      this.orderColumn = orderCol;
      return this;
    }
    public Builder parent(String table, String column) {
      this.parent = new ParentDef(table, column);
      return this;
    }

    public Builder detail(String path) { this.detailPath = path; return this; }

    public TableDef build() {
      return new TableDef(this);
    }
  }
}
