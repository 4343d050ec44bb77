package io.github.sparkbitbucket.read;

import io.github.sparkbitbucket.table.ColumnDef;
import io.github.sparkbitbucket.table.ColumnSource;
import io.github.sparkbitbucket.table.Pagination;
import io.github.sparkbitbucket.table.TableDef;
import io.github.sparkbitbucket.table.TableRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Literal;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.NullOrdering;
import org.apache.spark.sql.connector.expressions.SortDirection;
import org.apache.spark.sql.connector.expressions.SortOrder;
import org.apache.spark.sql.connector.expressions.aggregate.AggregateFunc;
import org.apache.spark.sql.connector.expressions.aggregate.Aggregation;
import org.apache.spark.sql.connector.expressions.aggregate.CountStar;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.SupportsPushDownAggregates;
import org.apache.spark.sql.connector.read.SupportsPushDownLimit;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.connector.read.SupportsPushDownTopN;
import org.apache.spark.sql.connector.read.SupportsPushDownV2Filters;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Pushdown (SPEC section 4): filters to BBQL / query parameters / repository pruning / a
 * single-object GET, required columns to {@code fields=}, LIMIT, top-N to {@code sort=}, and
 * COUNT(*) to {@code size}. Anything not exactly expressible is returned to Spark.
 */
public final class BitbucketScanBuilder implements SupportsPushDownV2Filters,
    SupportsPushDownRequiredColumns, SupportsPushDownLimit, SupportsPushDownTopN,
    SupportsPushDownAggregates {

  private final TableDef table;
  private final ReadOptions options;
  private List<ColumnDef> required;
  private final List<String> bbql = new ArrayList<>();
  private final List<String> parentBbql = new ArrayList<>();
  private final Map<String, List<String>> params = new LinkedHashMap<>();
  private Set<String> repositories;
  private boolean noRows;
  private String singleKey;
  private final List<Predicate> pushed = new ArrayList<>();
  private final List<Predicate> post = new ArrayList<>();
  private int limit = -1;
  private String sort;
  private boolean countOnly;
  private boolean rowImage;

  public BitbucketScanBuilder(TableDef table, ReadOptions options) {
    this.table = table;
    this.options = options;
    this.required = table.columns();
  }

  @Override
  public Predicate[] pushPredicates(Predicate[] predicates) {
    if (!options.pushdown()) {
      post.addAll(List.of(predicates));
      return predicates;
    }
    Optional<Predicate> key = findKeyEquality(predicates);
    for (Predicate p : predicates) {
      if (pushContext(p)) {
        pushed.add(p);
      } else if (key.isPresent()) {
        // one GET of the object: every other filter is Spark's
        if (p == key.get()) {
          pushed.add(p);
        }
        post.add(p);
      } else if (pushToApi(p)) {
        pushed.add(p);
      } else {
        post.add(p);
      }
    }
    return post.toArray(new Predicate[0]);
  }

  /** repository / workspace / parent-id predicates: pruning, not BBQL on the table itself. */
  private boolean pushContext(Predicate p) {
    String col = singleColumn(p);
    if (col == null) {
      return false;
    }
    ColumnDef c = table.column(col).orElse(null);
    if (c == null) {
      return false;
    }
    if (c.source() == ColumnSource.REPOSITORY || c.source() == ColumnSource.WORKSPACE) {
      Set<String> values = equalityValues(p);
      if (values == null) {
        return false;
      }
      if (c.source() == ColumnSource.REPOSITORY) {
        // a slug is one non-empty path segment: other values name no repository
        values.removeIf(v -> v.isBlank() || v.contains("/") || !v.equals(v.strip()));
        if (repositories == null) {
          repositories = new LinkedHashSet<>(values);
        } else {
          repositories.retainAll(values);
        }
        if (repositories.isEmpty()) {
          noRows = true;
        }
      } else if (!values.contains(options.workspace())) {
        noRows = true;
      }
      return true;
    }
    if (c.source() == ColumnSource.PARENT_ID) {
      TableDef parent = TableRegistry.require(table.parent().orElseThrow().table());
      String parentKey = parent.orderColumn();
      Function<String, ColumnDef> lookup = name -> name.equalsIgnoreCase(c.name())
          ? parent.column(parentKey).orElseThrow() : null;
      Optional<String> q = BbqlTranslator.translate(p, lookup, false);
      q.ifPresent(parentBbql::add);
      return q.isPresent();
    }
    return false;
  }

  private boolean pushToApi(Predicate p) {
    if (table.supportsBbql()) {
      Optional<String> exact = BbqlTranslator.translate(p, table);
      if (exact.isPresent()) {
        bbql.add(exact.get());
        return true;
      }
      BbqlTranslator.preFilter(p, table).ifPresent(bbql::add);
      return false; // a pre-filter narrows the request; Spark still evaluates p
    }
    // no BBQL: an equality on a column with a query parameter narrows the request
    if (p.name().equals("=") && p.children()[0] instanceof NamedReference ref
        && p.children()[1] instanceof Literal<?> lit && lit.value() instanceof UTF8String v) {
      ColumnDef c = table.column(ref.fieldNames()[0]).orElse(null);
      if (c != null && c.queryParam() != null && c.type() == DataTypes.StringType) {
        params.put(c.queryParam(), List.of(v.toString()));
      }
    }
    return false; // parameters' matching rules are not documented exactly: Spark re-checks
  }

  /** {@code key = literal} on the table's own (JSON) key, when it has a single-object GET. */
  private Optional<Predicate> findKeyEquality(Predicate[] predicates) {
    if (table.itemPath() == null || table.parent().isPresent()) {
      return Optional.empty();
    }
    List<ColumnDef> jsonKeys = table.keyColumns().stream().map(k -> table.column(k).get())
        .filter(c -> c.source() == ColumnSource.JSON).toList();
    if (jsonKeys.size() != 1) {
      return Optional.empty();
    }
    ColumnDef key = jsonKeys.get(0);
    for (Predicate p : predicates) {
      if (p.name().equals("=") && p.children()[0] instanceof NamedReference ref
          && ref.fieldNames().length == 1 && ref.fieldNames()[0].equalsIgnoreCase(key.name())
          && p.children()[1] instanceof Literal<?> lit && lit.value() != null
          && (lit.dataType().equals(key.type())
              || (key.type() == DataTypes.IntegerType && lit.dataType() == DataTypes.LongType))) {
        String value = lit.value().toString();
        if (value.isEmpty() || value.contains("/")) {
          return Optional.empty(); // not a single path segment: let BBQL answer instead
        }
        singleKey = value;
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static String singleColumn(Predicate p) {
    Set<String> cols = new LinkedHashSet<>();
    collect(p, cols);
    return cols.size() == 1 ? cols.iterator().next() : null;
  }

  private static void collect(Expression e, Set<String> cols) {
    if (e instanceof NamedReference ref) {
      cols.add(String.join(".", ref.fieldNames()));
    }
    for (Expression c : e.children()) {
      collect(c, cols);
    }
  }

  /** Values of {@code col = 'x'} or {@code col IN ('x', ...)}; null for other shapes. */
  private static Set<String> equalityValues(Predicate p) {
    Expression[] c = p.children();
    Set<String> out = new LinkedHashSet<>();
    if (p.name().equals("=") && c[0] instanceof NamedReference && c[1] instanceof Literal<?> l
        && l.value() instanceof UTF8String s) {
      out.add(s.toString());
      return out;
    }
    if (p.name().equals("IN") && c[0] instanceof NamedReference) {
      for (int i = 1; i < c.length; i++) {
        if (!(c[i] instanceof Literal<?> l)) {
          return null;
        }
        if (l.value() instanceof UTF8String s) {
          out.add(s.toString());
        }
      }
      return out;
    }
    return null;
  }

  @Override
  public Predicate[] pushedPredicates() {
    return pushed.toArray(new Predicate[0]);
  }

  @Override
  public void pruneColumns(StructType requiredSchema) {
    List<ColumnDef> cols = new ArrayList<>();
    rowImage = false;
    for (StructField f : requiredSchema.fields()) {
      if (f.name().equals(TableDef.ROW_AS_READ)) {
        rowImage = true; // a metadata column: Spark puts it after the data columns
        continue;
      }
      cols.add(table.column(f.name()).orElseThrow(() -> new IllegalArgumentException(
          "Table " + table.name() + " has no column " + f.name())));
    }
    this.required = cols;
  }

  @Override
  public boolean pushLimit(int n) {
    if (!options.pushdown() || !post.isEmpty() || countOnly) {
      return false;
    }
    limit = n;
    return true;
  }

  @Override
  public boolean pushTopN(SortOrder[] orders, int n) {
    // child tables (comments) are listed per parent: no request gives a top-N across parents
    if (!options.pushdown() || !post.isEmpty() || countOnly || orders.length != 1
        || !table.supportsBbql() || singleKey != null || table.parent().isPresent()) {
      return false;
    }
    SortOrder o = orders[0];
    if (!(o.expression() instanceof NamedReference ref) || ref.fieldNames().length != 1) {
      return false;
    }
    ColumnDef c = table.column(ref.fieldNames()[0]).orElse(null);
    // the API's placement of nulls is not documented: only never-null columns are pushed
    if (c == null || !c.canSort() || c.nullable()) {
      return false;
    }
    boolean asc = o.direction() == SortDirection.ASCENDING;
    if (asc != (o.nullOrdering() == NullOrdering.NULLS_FIRST) && c.nullable()) {
      return false;
    }
    sort = (asc ? "" : "-") + c.bbqlField();
    limit = n;
    return true;
  }

  @Override
  public boolean isPartiallyPushed() {
    return true; // each partition stops early; Spark still applies the global LIMIT / sort
  }

  @Override
  public boolean pushAggregation(Aggregation aggregation) {
    if (!options.pushdown() || !post.isEmpty() || aggregation.groupByExpressions().length != 0
        || table.pagination() != Pagination.PAGE_NUMBERED || table.parent().isPresent()
        || singleKey != null) {
      return false;
    }
    for (AggregateFunc f : aggregation.aggregateExpressions()) {
      if (!(f instanceof CountStar)) {
        return false;
      }
    }
    if (aggregation.aggregateExpressions().length != 1) {
      return false;
    }
    countOnly = true;
    return true;
  }

  @Override
  public boolean supportCompletePushDown(Aggregation aggregation) {
    return false; // one count per repository: Spark sums them
  }

  @Override
  public Scan build() {
    ScanSpec spec = new ScanSpec(table, List.copyOf(required), ScanSpec.and(bbql.toArray(
        new String[0])), Map.copyOf(params), ScanSpec.and(parentBbql.toArray(new String[0])),
        repositories == null ? null : Set.copyOf(repositories), noRows, singleKey, limit, sort,
        countOnly, post.stream().map(Predicate::toString).toList(), rowImage && !countOnly);
    return new BitbucketScan(spec, options);
  }
}
