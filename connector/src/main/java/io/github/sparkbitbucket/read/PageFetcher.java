package io.github.sparkbitbucket.read;

import com.fasterxml.jackson.core.JsonToken;
import io.github.sparkbitbucket.api.ApiRequest;
import io.github.sparkbitbucket.api.BitbucketApiException;
import io.github.sparkbitbucket.api.BitbucketClient;
import io.github.sparkbitbucket.api.PageInfo;
import io.github.sparkbitbucket.api.RequestStats;
import io.github.sparkbitbucket.table.ReadStrategy;
import io.github.sparkbitbucket.table.TableDef;
import io.github.sparkbitbucket.table.TableRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.Map;

/**
 * Runs one {@link ReadTask}: issues its page requests in order and hands each page's decoded rows
 * to a {@link PageSink}. One instance per task run; thread-confined.
 */
final class PageFetcher {

  /** Receives the rows of each page; returns false to stop the task early. */
  interface PageSink {
    boolean accept(List<Object[]> rows) throws InterruptedException;
  }

  private final BitbucketClient client;
  private final ScanSpec spec;
  private final RowDecoder decoder;
  private final RequestStats stats;
  private final TableDef table;
  private final int pageLen;

  PageFetcher(BitbucketClient client, ScanSpec spec, RowDecoder decoder, RequestStats stats,
      int pageLen) {
    this.client = client;
    this.spec = spec;
    this.decoder = decoder;
    this.stats = stats;
    this.table = spec.table();
    this.pageLen = pageLen;
  }

  void run(ReadTask task, PageSink sink) throws InterruptedException {
    try {
      switch (task.kind()) {
        case KEYSET -> keyset(task, sink);
        case TEXT_KEYSET -> textKeyset(task, sink);
        case PAGES -> pages(task, sink);
        case CURSOR -> cursor(task, sink);
        case CHILDREN -> children(task, sink);
        case SINGLE -> single(task, sink);
        case SORTED -> sorted(task, sink);
        default -> throw new IllegalStateException("Not a fetch task: " + task.kind());
      }
    } catch (BitbucketApiException e) {
      if (e.kind() == BitbucketApiException.Kind.NOT_FOUND && task.repository() != null) {
        if (task.missingIsEmpty()) {
          return; // a repository named by a filter that does not exist: no rows, as SQL says
        }
        throw new BitbucketApiException(e.kind(), e.status(), e.method(), e.url(),
            "Repository '" + task.workspace() + "/" + task.repository() + "' was not found"
            + " (404) while reading table " + table.name() + ". Check the 'repository' option;"
            + " the repositories that exist are listed by SELECT slug FROM <catalog>."
            + task.workspace() + ".repositories.", e);
      }
      throw e;
    }
  }

  private Object[] pathArgs(ReadTask t, Object parent) {
    List<Object> args = new ArrayList<>();
    if (t.workspace() != null && table.scopeHasWorkspace()) {
      args.add(t.workspace());
    }
    if (t.repository() != null) {
      args.add(t.repository());
    }
    if (parent != null) {
      args.add(parent);
    }
    return args.toArray();
  }

  private ApiRequest list(TableDef def, Object[] args, String q, String sort, int pagelen,
      String fields, Map<String, List<String>> params) {
    ApiRequest r = client.get(def.listPath(), args).stats(stats).query("pagelen", pagelen);
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      if (e.getKey().equals("sort") && sort != null) {
        continue;
      }
      for (String v : e.getValue()) {
        r.query(e.getKey(), v);
      }
    }
    if (q != null) {
      r.query("q", q);
    }
    if (sort != null) {
      r.query("sort", sort);
    }
    if (fields != null) {
      r.query("fields", fields);
    }
    return r;
  }

  /** {@code fields=} naming the envelope (so {@code next} survives) and the decoded paths. */
  static String fields(List<String> paths) {
    StringBuilder b = new StringBuilder("next,size,page,pagelen");
    for (String p : paths) {
      b.append(",values.").append(p);
    }
    return b.toString();
  }

  private String url(TableDef def, Object[] args, String q) {
    String path = def.listPath();
    for (Object a : args) {
      path = path.replaceFirst("\\{[^}]+}", String.valueOf(a));
    }
    return q == null ? path : path + "?q=" + q;
  }

  private List<Object[]> fetch(ApiRequest r, RowContext ctx, String url, PageInfo[] info) {
    return fetch(r, ctx, url, info, row -> true);
  }

  /** One page's rows that {@code keep} accepts, with their detail columns fetched. */
  private List<Object[]> fetch(ApiRequest r, RowContext ctx, String url, PageInfo[] info,
      Predicate<Object[]> keep) {
    List<Object[]> rows = new ArrayList<>();
    info[0] = r.page(p -> rows.add(decoder.decode(p, ctx, url)));
    rows.removeIf(keep.negate());
    List<String> detail = decoder.detailPaths();
    if (!detail.isEmpty()) {
      int keySlot = decoder.slotOf(table.keyColumns().get(0));
      for (Object[] row : rows) {
        Object key = row[keySlot];
        String detailUrl = table.detailPath().replace("{key}", String.valueOf(key));
        client.get(table.detailPath(), String.valueOf(key)).stats(stats)
            .query("fields", String.join(",", detail))
            .execute((p, status) -> {
              p.nextToken();
              decoder.decodeDetail(p, row, detailUrl);
              return null;
            });
      }
    }
    return rows;
  }

  private void keyset(ReadTask t, PageSink sink) throws InterruptedException {
    String key = table.orderColumn();
    int keySlot = decoder.slotOf(key);
    Object[] args = pathArgs(t, null);
    RowContext ctx = new RowContext(t.workspace(), t.repository(), null);
    long last = t.lo();
    while (true) {
      String q = ScanSpec.and(table.defaultBbql(), spec.bbql(), key + " > " + last,
          t.hi() == Long.MAX_VALUE ? null : key + " <= " + t.hi());
      PageInfo[] info = new PageInfo[1];
      List<Object[]> rows = fetch(list(table, args, q, key, pageLen, fields(decoder.jsonPaths()),
          spec.allParams()), ctx, url(table, args, q), info);
      if (!rows.isEmpty() && !sink.accept(rows)) {
        return;
      }
      if (rows.isEmpty() || !info[0].hasNext()) {
        return;
      }
      last = ((Number) rows.get(rows.size() - 1)[keySlot]).longValue();
    }
  }

  /**
   * String keyset: {@code key > "last"} with {@code sort=key}, always page 1, bounded above by the
   * largest key at planning. Values are quoted with the translator's quoting.
   */
  private void textKeyset(ReadTask t, PageSink sink) throws InterruptedException {
    String key = table.orderColumn();
    String field = table.column(key).orElseThrow().bbqlField();
    int keySlot = decoder.slotOf(key);
    Object[] args = pathArgs(t, null);
    RowContext ctx = new RowContext(t.workspace(), t.repository(), null);
    String upper = t.key() == null ? null : field + " <= " + quoted(t.key());
    String last = t.from();
    while (true) {
      String q = ScanSpec.and(table.defaultBbql(), spec.bbql(),
          last == null ? null : field + " > " + quoted(last), upper);
      PageInfo[] info = new PageInfo[1];
      List<Object[]> rows = fetch(list(table, args, q, field, pageLen,
          fields(decoder.jsonPaths()), spec.allParams()), ctx, url(table, args, q), info);
      if (!rows.isEmpty() && !sink.accept(rows)) {
        return;
      }
      if (rows.isEmpty() || !info[0].hasNext()) {
        return;
      }
      last = String.valueOf(rows.get(rows.size() - 1)[keySlot]);
    }
  }

  private String quoted(String key) {
    String q = BbqlTranslator.quote(key);
    if (q == null) {
      throw new IllegalStateException("Table " + table.name() + ": the key '"
          + key.replaceAll("\\p{Cntrl}", "?") + "' holds a control character, which BBQL cannot"
          + " quote; read this table with a 'repository' filter that excludes it.");
    }
    return q;
  }

  /**
   * Page numbers. PAGES (no BBQL, no sort on the key): rows are deduplicated by key, and when the
   * list's {@code size} shrank since the previous request the pages a delete can have shifted rows
   * onto are read again; a task of several reading the same list keeps the rows whose key hashes
   * to its shard. APPEND_ONLY_PAGES: rows above the planned bound are dropped.
   */
  private void pages(ReadTask t, PageSink sink) throws InterruptedException {
    Object[] args = pathArgs(t, null);
    RowContext ctx = new RowContext(t.workspace(), t.repository(), null);
    String q = table.supportsBbql() ? ScanSpec.and(spec.bbql()) : null;
    int boundSlot = table.strategy() == ReadStrategy.APPEND_ONLY_PAGES
        ? decoder.slotOf(table.orderColumn()) : -1;
    int keySlot = table.strategy() == ReadStrategy.PAGES && table.orderColumn() != null
        ? decoder.slotOf(table.orderColumn()) : -1;
    Set<Object> seen = new HashSet<>();
    long lastSize = -1;
    for (long page = t.lo(); t.hi() < 0 || page <= t.hi(); page++) {
      PageInfo[] info = new PageInfo[1];
      ApiRequest r = list(table, args, q, null, pageLen, fields(decoder.jsonPaths()),
          spec.allParams()).query("page", page);
      // dedupe and shard before the per-row detail requests
      List<Object[]> rows = fetch(r, ctx, url(table, args, q), info, keySlot < 0 ? row -> true
          : row -> seen.add(row[keySlot])
              && Math.floorMod(row[keySlot].hashCode(), t.shards()) == t.shard());
      if (boundSlot >= 0 && t.bound() != Long.MAX_VALUE) {
        rows.removeIf(row -> row[boundSlot] != null
            && ((Number) row[boundSlot]).longValue() > t.bound());
      }
      if (!rows.isEmpty() && !sink.accept(rows)) {
        return;
      }
      long size = info[0].size();
      long shrink = keySlot >= 0 && lastSize >= 0 && size >= 0 ? lastSize - size : 0;
      lastSize = size;
      if (shrink > 0 && page > t.lo()) {
        // deletes moved up to `shrink` rows from later pages onto the pages already read: read
        // those again (deduplicated), then go on
        page = Math.max(t.lo(), page - (shrink + pageLen - 1) / pageLen) - 1;
        continue;
      }
      if (info[0].values() == 0 || !info[0].hasNext()) {
        return;
      }
    }
  }

  private void sorted(ReadTask t, PageSink sink) throws InterruptedException {
    Object[] args = pathArgs(t, null);
    RowContext ctx = new RowContext(t.workspace(), t.repository(), null);
    String q = ScanSpec.and(table.defaultBbql(), spec.bbql());
    long seen = 0;
    for (int page = 1; ; page++) {
      PageInfo[] info = new PageInfo[1];
      ApiRequest r = list(table, args, q, spec.sort(), pageLen, fields(decoder.jsonPaths()),
          spec.allParams()).query("page", page);
      List<Object[]> rows = fetch(r, ctx, url(table, args, q), info);
      seen += rows.size();
      if (!rows.isEmpty() && !sink.accept(rows)) {
        return;
      }
      if (seen >= spec.limit() || info[0].values() == 0 || !info[0].hasNext()) {
        return;
      }
    }
  }

  private void cursor(ReadTask t, PageSink sink) throws InterruptedException {
    Object[] args = pathArgs(t, null);
    RowContext ctx = new RowContext(t.workspace(), t.repository(), null);
    ApiRequest r = list(table, args, null, null, pageLen, fields(decoder.jsonPaths()),
        spec.allParams());
    String url = url(table, args, null);
    while (true) {
      PageInfo[] info = new PageInfo[1];
      List<Object[]> rows = fetch(r, ctx, url, info);
      if (!rows.isEmpty() && !sink.accept(rows)) {
        return;
      }
      if (!info[0].hasNext() || info[0].values() == 0) {
        return;
      }
      url = info[0].next();
      r = client.get(url).stats(stats);
    }
  }

  private void children(ReadTask t, PageSink sink) throws InterruptedException {
    TableDef parent = TableRegistry.require(table.parent().orElseThrow().table());
    Object[] parentArgs = pathArgs(t, null);
    String parentKey = parent.orderColumn();
    long lastParent = 0;
    while (true) {
      String pq = ScanSpec.and(parent.defaultBbql(), spec.parentBbql(),
          parentKey + " > " + lastParent);
      List<Long> ids = new ArrayList<>();
      PageInfo pinfo = list(parent, parentArgs, pq, parentKey, parent.pageLenCap(),
          "next,values." + parentKey, parent.fixedParams())
          .page(p -> {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String f = p.currentName();
              p.nextToken();
              if (f.equals(parentKey) && p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                ids.add(p.getLongValue());
              } else {
                p.skipChildren();
              }
            }
          });
      for (long id : ids) {
        boolean more;
        try {
          more = childrenOf(t, (int) id, sink);
        } catch (BitbucketApiException e) {
          if (e.kind() != BitbucketApiException.Kind.NOT_FOUND) {
            throw e;
          }
          more = true; // the parent was deleted since it was listed: it has no comments now
        }
        if (!more) {
          return;
        }
      }
      if (ids.isEmpty() || !pinfo.hasNext()) {
        return;
      }
      lastParent = ids.get(ids.size() - 1);
    }
  }

  private boolean childrenOf(ReadTask t, int parentId, PageSink sink)
      throws InterruptedException {
    String key = table.orderColumn();
    int keySlot = decoder.slotOf(key);
    Object[] args = pathArgs(t, parentId);
    RowContext ctx = new RowContext(t.workspace(), t.repository(), parentId);
    long last = 0;
    while (true) {
      String q = ScanSpec.and(spec.bbql(), key + " > " + last);
      PageInfo[] info = new PageInfo[1];
      List<Object[]> rows = fetch(list(table, args, q, key, pageLen,
          fields(decoder.jsonPaths()), spec.allParams()), ctx, url(table, args, q), info);
      if (!rows.isEmpty() && !sink.accept(rows)) {
        return false;
      }
      if (rows.isEmpty() || !info[0].hasNext()) {
        return true;
      }
      last = ((Number) rows.get(rows.size() - 1)[keySlot]).longValue();
    }
  }

  private void single(ReadTask t, PageSink sink) throws InterruptedException {
    List<Object> args = new ArrayList<>(List.of(pathArgs(t, null)));
    args.add(t.key());
    RowContext ctx = new RowContext(t.workspace(), t.repository(), null);
    String url = url(table, args.toArray(), null);
    Object[] row;
    try {
      ApiRequest r = client.get(table.itemPath(), args.toArray()).stats(stats);
      List<String> paths = decoder.jsonPaths();
      if (!paths.isEmpty()) {
        r.query("fields", String.join(",", paths));
      }
      row = r.execute((p, status) -> {
        p.nextToken();
        return decoder.decode(p, ctx, url);
      });
    } catch (BitbucketApiException e) {
      if (e.kind() == BitbucketApiException.Kind.NOT_FOUND) {
        return; // no such key: no row
      }
      throw e;
    }
    sink.accept(List.<Object[]>of(row));
  }
}
