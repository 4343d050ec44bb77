package io.github.sparkbitbucket.read;

import io.github.sparkbitbucket.table.ColumnDef;
import io.github.sparkbitbucket.table.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Literal;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Spark V2 predicates to BBQL, as a pure function. Two modes:
 *
 * <ul>
 *   <li>{@link #translate}: BBQL that selects exactly the rows for which Spark evaluates the
 *       predicate to TRUE (three-valued logic included: nullable columns get explicit
 *       {@code != null} guards), or nothing.
 *   <li>{@link #preFilter}: BBQL that selects a superset of those rows (STARTS_WITH, ENDS_WITH
 *       and CONTAINS become BBQL's case-insensitive {@code ~}); Spark keeps the predicate.
 * </ul>
 *
 * <p>Every value is a quoted, escaped BBQL string, a number, a boolean or a datetime literal built
 * from a typed Spark literal, so no value can change the query's meaning. String ordering
 * ({@code <}, {@code >}) is never pushed: the API's collation is not Spark's byte order.
 */
public final class BbqlTranslator {
  private BbqlTranslator() {}

  /** Exact BBQL for {@code p} on {@code table}, or empty when BBQL cannot express it exactly. */
  public static Optional<String> translate(Predicate p, TableDef table) {
    return translate(p, lookup(table), false);
  }

  /** BBQL selecting a superset of the rows matching {@code p} (keep {@code p} in Spark). */
  public static Optional<String> preFilter(Predicate p, TableDef table) {
    return translate(p, lookup(table), true);
  }

  /** As {@link #translate(Predicate, TableDef)}, with columns resolved by {@code columns}. */
  static Optional<String> translate(Predicate p, Function<String, ColumnDef> columns,
      boolean superset) {
    return Optional.ofNullable(new Walk(columns, superset).tr(p, false));
  }

  private static Function<String, ColumnDef> lookup(TableDef table) {
    return name -> table.column(name).filter(ColumnDef::isFilterable).orElse(null);
  }

  /** Quotes a string as a BBQL string literal; null when it cannot be expressed safely. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return null; // control characters: no documented escape, so never sent
      }
      if (c == '"' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }

  private static final class Walk {
    private final Function<String, ColumnDef> columns;
    private final boolean superset;

    Walk(Function<String, ColumnDef> columns, boolean superset) {
      this.columns = columns;
      this.superset = superset;
    }

    /** BBQL for the rows where p is TRUE (negated: where p is FALSE), or null. */
    String tr(Predicate p, boolean negated) {
      String name = p.name();
      Expression[] c = p.children();
      switch (name) {
        case "AND":
          return negated ? or(tr((Predicate) c[0], true), tr((Predicate) c[1], true))
              : and(tr((Predicate) c[0], false), tr((Predicate) c[1], false));
        case "OR":
          return negated ? and(tr((Predicate) c[0], true), tr((Predicate) c[1], true))
              : or(tr((Predicate) c[0], false), tr((Predicate) c[1], false));
        case "NOT":
          return tr((Predicate) c[0], !negated);
        case "IS_NULL":
        case "IS_NOT_NULL": {
          ColumnDef col = column(c[0]);
          if (col == null) {
            return null;
          }
          boolean wantNull = name.equals("IS_NULL") != negated;
          return col.bbqlField() + (wantNull ? " = null" : " != null");
        }
        case "=":
        case "<>":
        case "<=>":
        case "<":
        case "<=":
        case ">":
        case ">=":
          return comparison(name, c, negated);
        case "IN":
          return in(c, negated);
        case "STARTS_WITH":
        case "ENDS_WITH":
        case "CONTAINS":
          return contains(c, negated);
        default:
          return null;
      }
    }

    private String and(String l, String r) {
      if (l != null && r != null) {
        return "(" + l + " AND " + r + ")";
      }
      // dropping a conjunct widens the result: allowed only for a superset
      return superset ? (l != null ? l : r) : null;
    }

    private static String or(String l, String r) {
      return l != null && r != null ? "(" + l + " OR " + r + ")" : null;
    }

    private String comparison(String op, Expression[] c, boolean negated) {
      ColumnDef col;
      Literal<?> lit;
      if (c[0] instanceof NamedReference && c[1] instanceof Literal<?> l) {
        col = column(c[0]);
        lit = l;
      } else if (c[1] instanceof NamedReference && c[0] instanceof Literal<?> l) {
        col = column(c[1]);
        lit = l;
        op = flip(op);
      } else {
        return null;
      }
      if (col == null) {
        return null;
      }
      if (lit.value() == null) {
        if (!op.equals("<=>")) {
          return null; // comparisons with NULL are never TRUE: leave to Spark
        }
        return col.bbqlField() + (negated ? " != null" : " = null");
      }
      String value = literal(col, lit);
      if (value == null) {
        return null;
      }
      boolean stringOrBool = col.type() == DataTypes.StringType
          || col.type() == DataTypes.BooleanType;
      if (stringOrBool && !(op.equals("=") || op.equals("<>") || op.equals("<=>"))) {
        return null;
      }
      String f = col.bbqlField();
      if (op.equals("<=>")) {
        // null-safe: never NULL itself; negation includes rows where the column is null
        return negated ? or(f + " != " + value, f + " = null") : f + " = " + value;
      }
      String bbqlOp = negated ? negate(op) : bbqlOp(op);
      String cmp = f + " " + bbqlOp + " " + value;
      // Spark: a comparison with a null column is NULL, never TRUE, never FALSE; whether BBQL
      // counts null as different or smaller is undocumented, so say it ('=' needs no guard)
      return col.nullable() && !bbqlOp.equals("=") ? "(" + cmp + " AND " + f + " != null)" : cmp;
    }

    private String in(Expression[] c, boolean negated) {
      if (!(c[0] instanceof NamedReference)) {
        return null;
      }
      ColumnDef col = column(c[0]);
      if (col == null || col.type() == DataTypes.BooleanType) {
        return null;
      }
      List<String> values = new ArrayList<>();
      for (int i = 1; i < c.length; i++) {
        if (!(c[i] instanceof Literal<?> l)) {
          return null;
        }
        if (l.value() == null) {
          if (negated) {
            return null; // x NOT IN (.., NULL) is never TRUE
          }
          continue; // NULL never matches
        }
        String v = literal(col, l);
        if (v == null) {
          return null;
        }
        values.add(v);
      }
      if (values.isEmpty()) {
        return null;
      }
      String f = col.bbqlField();
      String list = f + (negated ? " NOT IN (" : " IN (") + String.join(", ", values) + ")";
      return negated && col.nullable() ? "(" + list + " AND " + f + " != null)" : list;
    }

    private String contains(Expression[] c, boolean negated) {
      // '~' is case-insensitive: a superset of Spark's case-sensitive match, never exact
      if (!superset || negated || !(c[0] instanceof NamedReference)
          || !(c[1] instanceof Literal<?> l)) {
        return null;
      }
      ColumnDef col = column(c[0]);
      if (col == null || col.type() != DataTypes.StringType || l.value() == null) {
        return null;
      }
      String v = literal(col, l);
      return v == null ? null : col.bbqlField() + " ~ " + v;
    }

    private ColumnDef column(Expression e) {
      if (!(e instanceof NamedReference ref) || ref.fieldNames().length != 1) {
        return null;
      }
      return columns.apply(ref.fieldNames()[0]);
    }

    /** The BBQL literal for a Spark literal of the column's own type, or null. */
    private static String literal(ColumnDef col, Literal<?> lit) {
      DataType t = lit.dataType();
      Object v = lit.value();
      if (!t.equals(col.type()) && !(isIntegral(t) && isIntegral(col.type()))) {
        return null;
      }
      if (t == DataTypes.StringType) {
        return quote(((UTF8String) v).toString());
      }
      if (t == DataTypes.IntegerType || t == DataTypes.LongType || t == DataTypes.ShortType
          || t == DataTypes.ByteType) {
        return String.valueOf(((Number) v).longValue());
      }
      if (t == DataTypes.BooleanType) {
        return String.valueOf(v);
      }
      if (t == DataTypes.TimestampType) {
        return Timestamps.toBbql((Long) v);
      }
      return null;
    }

    private static boolean isIntegral(DataType t) {
      return t == DataTypes.IntegerType || t == DataTypes.LongType || t == DataTypes.ShortType
          || t == DataTypes.ByteType;
    }

    private static String flip(String op) {
      return switch (op) {
        case "<" -> ">";
        case "<=" -> ">=";
        case ">" -> "<";
        case ">=" -> "<=";
        default -> op;
      };
    }

    private static String bbqlOp(String op) {
      return op.equals("<>") ? "!=" : op;
    }

    private static String negate(String op) {
      return switch (op) {
        case "=" -> "!=";
        case "<>" -> "=";
        case "<" -> ">=";
        case "<=" -> ">";
        case ">" -> "<=";
        case ">=" -> "<";
        default -> throw new IllegalArgumentException(op);
      };
    }
  }
}
