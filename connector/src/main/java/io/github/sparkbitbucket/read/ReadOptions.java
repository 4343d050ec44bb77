package io.github.sparkbitbucket.read;

import io.github.sparkbitbucket.config.BitbucketOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the read path needs from the options: the connection settings (parsed and validated by
 * {@link BitbucketOptions}), plus the read-only keys the read path owns itself: {@code table}
 * (or the load path) and {@code pushdown} ({@code false} switches every pushdown off, for
 * comparisons). Serializable: it travels to executors.
 */
public final class ReadOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Keys owned by the read path, removed before {@link BitbucketOptions#parse}. */
  static final Set<String> READ_KEYS = Set.of("table", "path", "paths", "pushdown");

  private final BitbucketOptions connection;
  private final String workspace;
  private final List<String> repositories;
  private final Integer pageSize;
  private final boolean pushdown;
  private final String table;

  private ReadOptions(BitbucketOptions connection, Map<String, String> merged) {
    this.connection = connection;
    this.workspace = blankToNull(merged.get("workspace"));
    String repos = blankToNull(merged.get("repository"));
    this.repositories = repos == null ? null : Arrays.stream(repos.split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    this.pageSize = parsePageSize(merged.get("pagesize"));
    this.pushdown = parseBoolean("pushdown", merged.getOrDefault("pushdown", "true"));
    String t = blankToNull(merged.get("table"));
    this.table = t != null ? t : blankToNull(merged.get("path"));
  }

  /** Merges layers (later wins, keys case-insensitive) and validates them. */
  @SafeVarargs
  public static ReadOptions parse(Map<String, String>... layers) {
    Map<String, String> merged = new LinkedHashMap<>();
    List<Map<String, String>> connectionLayers = new ArrayList<>();
    for (Map<String, String> layer : layers) {
      Map<String, String> conn = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : layer.entrySet()) {
        String key = e.getKey().toLowerCase(Locale.ROOT);
        merged.put(key, e.getValue());
        if (!READ_KEYS.contains(key)) {
          conn.put(e.getKey(), e.getValue());
        }
      }
      connectionLayers.add(conn);
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, String>[] arr = connectionLayers.toArray(new Map[0]);
    return new ReadOptions(BitbucketOptions.parse(arr), merged);
  }

  public BitbucketOptions connection() { return connection; }
  /** The workspace slug, or null. */
  public String workspace() { return workspace; }
  /** The repositories the {@code repository} option limits to, or null for all. */
  public List<String> repositories() { return repositories; }
  /** The requested page length, or null for the endpoint's cap. */
  public Integer pageSize() { return pageSize; }
  public boolean pushdown() { return pushdown; }
  /** The table from option {@code table} or the load path, or null. */
  public String table() { return table; }

  /** {@code pageSize} capped by the endpoint's cap. */
  public int pageLen(int cap) {
    return pageSize == null ? cap : Math.min(pageSize, cap);
  }

  /** Requires the workspace option, naming the table that needs it. */
  public String requireWorkspace(String tableName) {
    if (workspace == null) {
      throw new IllegalArgumentException("Table " + tableName + " needs option 'workspace' (the"
          + " workspace slug): .option(\"workspace\", \"<slug>\"), or read it through the catalog"
          + " as <catalog>.<workspace>." + tableName + ".");
    }
    return workspace;
  }

  private static Integer parsePageSize(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("Option 'pageSize' must be a whole number >= 1 (it is"
        + " capped per endpoint: pull requests 50, others 100); got '" + v + "'.");
  }

  private static boolean parseBoolean(String key, String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    throw new IllegalArgumentException("Option '" + key + "' must be true or false; got '" + v
        + "'.");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  @Override
  public String toString() {
    return "ReadOptions[workspace=" + workspace + ", repositories=" + repositories + ", table="
        + table + ", pushdown=" + pushdown + ", connection=" + connection + "]";
  }
}
