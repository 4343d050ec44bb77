package io.github.sparkbitbucket.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analytics SQL file ({@code examples/sql/bitbucket_analytics.sql}), split into statements:
 * the setup statements before the first {@code -- name:} line, then the named queries in file
 * order. Every example runs these statements, so the analysis is written once.
 *
 * <p>The format is deliberately plain so that {@code spark-sql -f} runs the same file: statements
 * end with a {@code ;} at the end of a line, comments are whole {@code --} lines.
 */
final class AnalyticsScript {
  /** The file's name, on the classpath and in {@code examples/sql/}. */
  static final String RESOURCE = "bitbucket_analytics.sql";
  private static final String NAME_MARK = "-- name:";

  private final List<String> setup;
  private final Map<String, String> queries;

  private AnalyticsScript(List<String> setup, Map<String, String> queries) {
    this.setup = List.copyOf(setup);
    this.queries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(queries));
  }

  /** Reads the file from the classpath (the examples jar carries it). */
  static AnalyticsScript load() {
    try (InputStream in = AnalyticsScript.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath: build the examples "
            + "module (its pom adds examples/sql as a resource directory).");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }

  /** Splits SQL text into setup statements and named queries. */
  static AnalyticsScript parse(String text) {
    List<String> setup = new ArrayList<>();
    Map<String, String> queries = new LinkedHashMap<>();
    String name = null;
    StringBuilder statement = new StringBuilder();
    for (String line : text.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.startsWith(NAME_MARK)) {
        if (!statement.toString().isBlank()) {
          throw new IllegalArgumentException("A statement before '" + trimmed + "' lacks its ';'");
        }
        name = trimmed.substring(NAME_MARK.length()).strip();
        continue;
      }
      if (trimmed.startsWith("--") || (trimmed.isEmpty() && statement.length() == 0)) {
        continue;
      }
      statement.append(line.stripTrailing()).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = statement.toString().strip();
        sql = sql.substring(0, sql.length() - 1).strip();
        if (name == null) {
          setup.add(sql);
        } else if (queries.putIfAbsent(name, sql) != null) {
          throw new IllegalArgumentException("Two queries are named " + name);
        } else {
          name = null;
        }
        statement.setLength(0);
      }
    }
    if (!statement.toString().isBlank()) {
      throw new IllegalArgumentException("The last statement lacks its ';': " + statement);
    }
    return new AnalyticsScript(setup, queries);
  }

  /** The statements that set the session up ({@code SET ...}, {@code USE ...}), in order. */
  List<String> setup() {
    return setup;
  }

  /**
   * The setup for another workspace: the {@code SET}s as written, the {@code USE} (which names the
   * emulator's {@code bb.acme}) replaced by {@code USE <catalog>.`<workspace>`}.
   */
  List<String> setupFor(String catalog, String workspace) {
    if (workspace.contains("`")) {
      throw new IllegalArgumentException("A workspace slug has no backquote: " + workspace);
    }
    return setup.stream()
        .map(s -> s.toUpperCase(java.util.Locale.ROOT).startsWith("USE ")
            ? "USE " + catalog + ".`" + workspace + "`" : s)
        .toList();
  }

  /** The named queries in file order. */
  Map<String, String> queries() {
    return queries;
  }

  /** One query's SQL (without its {@code ;}). */
  String query(String name) {
    String sql = queries.get(name);
    if (sql == null) {
      throw new IllegalArgumentException("No query named " + name + " in " + RESOURCE
          + "; it has " + queries.keySet());
    }
    return sql;
  }
}
