package io.github.sparkbitbucket.table;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one table is written: the requests behind INSERT, UPDATE and DELETE, which columns they
 * may set, and how each change is undone. Data, not code: a writable table is a registry entry.
 *
 * <p>Path templates take the placeholders {@code {ws}}, {@code {repo}}, {@code {parent}} and
 * {@code {key}}, filled from the row's address (see {@code write.RowAddress}).
 */
public final class WriteSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What undoes a create. */
  public enum CreateUndo {
    /** DELETE the item. */
    DELETE,
    /** POST {@code <item>/decline}: pull requests cannot be deleted. */
    DECLINE,
    /** Nothing can (a triggered pipeline ran). */
    NONE
  }

  /** Whether and how DELETE is allowed. */
  public enum DeletePolicy { ALLOWED, REFUSED, NEEDS_REPOSITORY_DELETE_OPTION }

  private final String table;
  private final String createPath;
  private final String itemPath;
  private final String parentColumn;
  private final String keyColumn;
  private final List<String> keyResponsePath;
  private final boolean serverAssignedKey;
  private final List<WritableColumn> columns;
  private final Map<String, String> fixedCreateBody;
  private final String updateRefusal;
  private final DeletePolicy deletePolicy;
  private final String deleteRefusal;
  private final CreateUndo createUndo;
  private final boolean recreatable;
  private final String stateColumn;
  private final Map<String, String> stateActions;
  private final List<String> serverMaintained;

  private WriteSpec(Builder b) {
    this.table = b.table;
    this.createPath = b.createPath;
    this.itemPath = b.itemPath;
    this.parentColumn = b.parentColumn;
    this.keyColumn = b.keyColumn;
    this.keyResponsePath = List.copyOf(b.keyResponsePath);
    this.serverAssignedKey = b.serverAssignedKey;
    this.columns = List.copyOf(b.columns);
    this.fixedCreateBody = Collections.unmodifiableMap(new LinkedHashMap<>(b.fixedCreateBody));
    this.updateRefusal = b.updateRefusal;
    this.deletePolicy = b.deletePolicy;
    this.deleteRefusal = b.deleteRefusal;
    this.createUndo = b.createUndo;
    this.recreatable = b.recreatable;
    this.stateColumn = b.stateColumn;
    // ordered: messages list the states as declared
    this.stateActions = Collections.unmodifiableMap(new LinkedHashMap<>(b.stateActions));
    this.serverMaintained = List.copyOf(b.serverMaintained);
  }

  public static Builder builder(String table) {
    return new Builder(table);
  }

  public String table() { return table; }
  /** POST target of INSERT. */
  public String createPath() { return createPath; }
  /** GET/PUT/DELETE target of one row. */
  public String itemPath() { return itemPath; }
  /** The column holding the parent object's id (comments), or null. */
  public String parentColumn() { return parentColumn; }
  /** The column that addresses the row inside its repository/workspace/parent. */
  public String keyColumn() { return keyColumn; }
  /** Where the created object's key is in the create response. */
  public List<String> keyResponsePath() { return keyResponsePath; }
  /** Whether the API assigns the key (ids, uuids) rather than the row giving it (names). */
  public boolean serverAssignedKey() { return serverAssignedKey; }
  public List<WritableColumn> columns() { return columns; }
  /** Constant body members of every create ({@code scm=git}, the pipeline target type). */
  public Map<String, String> fixedCreateBody() { return fixedCreateBody; }
  public boolean insertable() { return createPath != null; }
  public boolean updatable() { return updateRefusal == null; }
  /** Why UPDATE is refused and what to do instead, or null when it is allowed. */
  public String updateRefusal() { return updateRefusal; }
  public DeletePolicy deletePolicy() { return deletePolicy; }
  /** Why DELETE is refused and what to do instead. */
  public String deleteRefusal() { return deleteRefusal; }
  public CreateUndo createUndo() { return createUndo; }
  /** Whether a deleted row can be re-created as it was (same key) from its before-image. */
  public boolean recreatable() { return recreatable; }
  /** A column whose change is an action rather than a field update ({@code state}), or null. */
  public String stateColumn() { return stateColumn; }
  /** State value to action path suffix: {@code DECLINED -> /decline}. */
  public Map<String, String> stateActions() { return stateActions; }
  /**
   * Read-only columns the server changes on its own (counters, timestamps): their values in an
   * UPDATE's row are not compared with Bitbucket's, since they may have moved since the scan.
   */
  public List<String> serverMaintained() { return serverMaintained; }

  public Optional<WritableColumn> column(String name) {
    return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
  }

  /** Columns UPDATE may change, for messages. */
  public List<String> updatableColumnNames() {
    List<String> names = new ArrayList<>();
    for (WritableColumn c : columns) {
      if (c.onUpdate()) {
        names.add(c.name());
      }
    }
    if (stateColumn != null) {
      names.add(stateColumn + " (" + String.join(" or ", stateActions.keySet()) + ")");
    }
    return names;
  }

  /** Columns INSERT may set, for messages. */
  public List<String> insertableColumnNames() {
    List<String> names = new ArrayList<>();
    for (WritableColumn c : columns) {
      if (c.onCreate()) {
        names.add(c.name() + (c.requiredOnCreate() ? " (required)" : ""));
      }
    }
    return names;
  }

  @Override
  public String toString() {
    return "WriteSpec[" + table + "]";
  }

  /** Builds a {@link WriteSpec}. */
  public static final class Builder {
    private final String table;
    private String createPath;
    private String itemPath;
    private String parentColumn;
    private String keyColumn;
    private List<String> keyResponsePath = List.of();
    private boolean serverAssignedKey;
    private final List<WritableColumn> columns = new ArrayList<>();
    private final Map<String, String> fixedCreateBody = new LinkedHashMap<>();
    private String updateRefusal = "is not supported";
    private DeletePolicy deletePolicy = DeletePolicy.REFUSED;
    private String deleteRefusal = "is not supported";
    private CreateUndo createUndo = CreateUndo.DELETE;
    private boolean recreatable;
    private String stateColumn;
    private final Map<String, String> stateActions = new LinkedHashMap<>();
    private final List<String> serverMaintained = new ArrayList<>();

    private Builder(String table) {
      this.table = table;
    }

    public Builder create(String path) { this.createPath = path; return this; }
    public Builder item(String path) { this.itemPath = path; return this; }
    public Builder parent(String column) { this.parentColumn = column; return this; }

    /** The key column and where a create response carries it; server-assigned when asked. */
    public Builder key(String column, String responsePath, boolean serverAssigned) {
      this.keyColumn = column;
      this.keyResponsePath = Arrays.asList(responsePath.split("\\."));
      this.serverAssignedKey = serverAssigned;
      return this;
    }

    public Builder column(WritableColumn c) { columns.add(c); return this; }
    public Builder fixed(String dottedPath, String value) {
      fixedCreateBody.put(dottedPath, value);
      return this;
    }
    public Builder updatable() { this.updateRefusal = null; return this; }
    public Builder refuseUpdate(String why) { this.updateRefusal = why; return this; }
    public Builder deletable() { this.deletePolicy = DeletePolicy.ALLOWED; return this; }
    public Builder deleteNeedsOption() {
      this.deletePolicy = DeletePolicy.NEEDS_REPOSITORY_DELETE_OPTION;
      return this;
    }
    public Builder refuseDelete(String why) {
      this.deletePolicy = DeletePolicy.REFUSED;
      this.deleteRefusal = why;
      return this;
    }
    public Builder undoCreateBy(CreateUndo how) { this.createUndo = how; return this; }
    public Builder recreatable() { this.recreatable = true; return this; }
    public Builder stateAction(String column, String value, String suffix) {
      this.stateColumn = column;
      stateActions.put(value, suffix);
      return this;
    }
    public Builder serverMaintained(String... cols) {
      serverMaintained.addAll(List.of(cols));
      return this;
    }

    public WriteSpec build() {
      return new WriteSpec(this);
    }
  }
}
