package io.github.sparkbitbucket;

import io.github.sparkbitbucket.api.RequestStats;
import io.github.sparkbitbucket.config.BitbucketOptions;
import io.github.sparkbitbucket.read.ReadOptions;
import io.github.sparkbitbucket.read.RepositoryLister;
import io.github.sparkbitbucket.table.TableDef;
import io.github.sparkbitbucket.table.TableRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.NamespaceChange;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The Bitbucket catalog: {@code spark.sql.catalog.bb=io.github.sparkbitbucket.BitbucketCatalog},
 * options as {@code spark.sql.catalog.bb.<option>}. Namespaces are the workspaces the credentials
 * can see ({@code GET /user/workspaces}); the root namespace holds {@code workspaces}; each
 * workspace holds the tables of SPEC section 3. Tables are fixed: creating, altering, renaming or
 * dropping them is refused.
 */
public class BitbucketCatalog implements TableCatalog, SupportsNamespaces {
  private String name;
  private Map<String, String> options;
  private ReadOptions parsed;

  @Override
  public void initialize(String name, CaseInsensitiveStringMap options) {
    this.name = name;
    this.options = new LinkedHashMap<>(options.asCaseSensitiveMap());
    // the namespace names the workspace; a catalog-level one is ignored, but still validated
    this.options.keySet().removeIf(k -> {
      boolean workspace = k.equalsIgnoreCase(BitbucketOptions.WORKSPACE.name());
      if (workspace) {
        BitbucketOptions.WORKSPACE.parse(options.get(k));
      }
      return workspace;
    });
    this.parsed = ReadOptions.parse(this.options);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String[] defaultNamespace() {
    return new String[0];
  }

  /** Workspaces rarely change: one listing serves lookups for a short while. */
  private static final long WORKSPACES_TTL_NANOS = 60_000_000_000L;
  private List<String> cachedWorkspaces;
  private long cachedAt;

  private synchronized List<String> workspaces() {
    if (cachedWorkspaces == null || System.nanoTime() - cachedAt > WORKSPACES_TTL_NANOS) {
      cachedWorkspaces = List.copyOf(new RepositoryLister(parsed, new RequestStats())
          .workspaces());
      cachedAt = System.nanoTime();
    }
    return cachedWorkspaces;
  }

  // ---- namespaces

  @Override
  public String[][] listNamespaces() {
    return workspaces().stream().map(w -> new String[] {w}).toArray(String[][]::new);
  }

  @Override
  public String[][] listNamespaces(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length == 0) {
      return listNamespaces();
    }
    requireWorkspace(namespace);
    return new String[0][];
  }

  @Override
  public boolean namespaceExists(String[] namespace) {
    return namespace.length == 0 || (namespace.length == 1
        && workspaces().contains(namespace[0]));
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(String[] namespace)
      throws NoSuchNamespaceException {
    if (namespace.length == 0) {
      return Map.of("comment", "Bitbucket: the root holds the workspaces table");
    }
    requireWorkspace(namespace);
    return Map.of("comment", "Bitbucket workspace " + namespace[0], "workspace", namespace[0]);
  }

  private void requireWorkspace(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length != 1 || !workspaces().contains(namespace[0])) {
      throw new NoSuchNamespaceException("SCHEMA_NOT_FOUND", scalaMap(Map.of("schemaName",
          "`" + String.join(".", namespace) + "` (workspaces visible to these credentials: "
          + String.join(", ", workspaces()) + ")")));
    }
  }

  @Override
  public void createNamespace(String[] namespace, Map<String, String> metadata) {
    throw refused("create a namespace: workspaces are created in Bitbucket itself");
  }

  @Override
  public void alterNamespace(String[] namespace, NamespaceChange... changes) {
    throw refused("alter a namespace (a Bitbucket workspace)");
  }

  @Override
  public boolean dropNamespace(String[] namespace, boolean cascade) {
    throw refused("drop a namespace (a Bitbucket workspace)");
  }

  // ---- tables

  @Override
  public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length == 0) {
      return TableRegistry.rootTables().stream()
          .map(t -> Identifier.of(namespace, t.name())).toArray(Identifier[]::new);
    }
    requireWorkspace(namespace);
    return TableRegistry.workspaceTables().stream()
        .map(t -> Identifier.of(namespace, t.name())).toArray(Identifier[]::new);
  }

  /**
   * Loads one of the fixed tables. An unknown table or workspace fails with an
   * {@link AnalysisException} of Spark's own condition {@code TABLE_OR_VIEW_NOT_FOUND} whose
   * message names what exists. It is deliberately not a {@link NoSuchTableException}: Spark's
   * analyzer catches that one and replaces it with its generic message, which would lose the
   * hint. {@link #tableExists} answers existence without throwing, so {@code IF EXISTS} and
   * {@code spark.catalog.tableExists} keep Spark's semantics.
   */
  @Override
  public Table loadTable(Identifier ident) throws NoSuchTableException {
    String[] ns = ident.namespace();
    Optional<TableDef> def = find(ident);
    if (def.isEmpty()) {
      List<TableDef> candidates = ns.length == 0 ? TableRegistry.rootTables()
          : TableRegistry.workspaceTables();
      throw undeclared(notFound(ident, "tables in " + (ns.length == 0 ? "the root namespace"
          : "a workspace namespace") + ": " + String.join(", ", candidates.stream()
          .map(TableDef::name).toList())));
    }
    Map<String, String> tableOptions = new LinkedHashMap<>(options);
    if (ns.length == 1) {
      if (!workspaces().contains(ns[0])) {
        throw undeclared(notFound(ident, "no workspace '" + ns[0] + "'; workspaces visible to"
            + " these credentials: " + String.join(", ", workspaces())));
      }
      tableOptions.put("workspace", ns[0]);
    }
    return new BitbucketTable(def.get(), tableOptions);
  }

  /** Whether {@code ident} names a table: never throws for unknown tables or workspaces. */
  @Override
  public boolean tableExists(Identifier ident) {
    String[] ns = ident.namespace();
    return find(ident).isPresent() && (ns.length == 0 || workspaces().contains(ns[0]));
  }

  /** The table {@code ident} names in its namespace kind (root or workspace), if any. */
  private static Optional<TableDef> find(Identifier ident) {
    String[] ns = ident.namespace();
    if (ns.length > 1) {
      return Optional.empty();
    }
    List<TableDef> candidates = ns.length == 0 ? TableRegistry.rootTables()
        : TableRegistry.workspaceTables();
    return candidates.stream().filter(t -> t.name().equalsIgnoreCase(ident.name())).findFirst();
  }

  /**
   * Throws {@code e} although {@code loadTable}'s Java signature declares only
   * NoSuchTableException (Scala, which Spark is written in, has no checked exceptions; callers
   * see a plain AnalysisException).
   */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException undeclared(Throwable e) throws T {
    throw (T) e;
  }

  private AnalysisException notFound(Identifier ident, String hint) {
    return new AnalysisException("TABLE_OR_VIEW_NOT_FOUND", scalaMap(Map.of("relationName",
        "`" + name + "`." + ident + " (" + hint + ")")));
  }

  @Override
  @SuppressWarnings("deprecation") // the Column[] and TableInfo variants delegate here
  public Table createTable(Identifier ident, StructType schema, Transform[] partitions,
      Map<String, String> properties) {
    throw refused("create table " + ident + ": the tables are fixed by the API ("
        + String.join(", ", TableRegistry.all().stream().map(TableDef::name).toList())
        + "); use INSERT INTO to create rows");
  }

  @Override
  public Table alterTable(Identifier ident, TableChange... changes) {
    throw refused("alter table " + ident + ": the schema is fixed by the API");
  }

  @Override
  public boolean dropTable(Identifier ident) {
    throw refused("drop table " + ident + ": the tables are fixed by the API; use DELETE FROM"
        + " to delete rows");
  }

  @Override
  public void renameTable(Identifier oldIdent, Identifier newIdent) {
    throw refused("rename table " + oldIdent + ": the tables are fixed by the API");
  }

  private static UnsupportedOperationException refused(String what) {
    return new UnsupportedOperationException("The Bitbucket catalog cannot " + what + ".");
  }

  private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> m) {
    return scala.collection.immutable.Map.from(scala.jdk.CollectionConverters.MapHasAsScala(m)
        .asScala());
  }
}
