package io.github.sparkbitbucket.read;

import com.fasterxml.jackson.core.JsonToken;
import io.github.sparkbitbucket.api.ApiRequest;
import io.github.sparkbitbucket.api.BitbucketApiException;
import io.github.sparkbitbucket.api.BitbucketClient;
import io.github.sparkbitbucket.api.PageInfo;
import io.github.sparkbitbucket.api.RequestStats;
import io.github.sparkbitbucket.table.Pagination;
import io.github.sparkbitbucket.table.ReadStrategy;
import io.github.sparkbitbucket.table.Scope;
import io.github.sparkbitbucket.table.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * Plans a scan on the driver: resolves the repositories (listed once, or taken from a
 * {@code repository} filter or option), asks each for its size and key bounds with one small
 * request where the strategy needs them, and splits the work into {@link ReadTask}s grouped into
 * partitions.
 */
final class ScanPlanner {
  /** A key range or page range covers about this many pages. */
  static final int PAGES_PER_TASK = 4;
  /**
   * Above this many repositories, planning sends no probe: each repository becomes one open
   * range read (as under a LIMIT). A probe (size and largest key) is what lets a skewed
   * repository be split into several tasks; with this many repositories the repositories
   * themselves make enough tasks, while a probe each would cost one request per repository
   * (a thousand repositories: a whole hour of Bitbucket's default rate limit) before any row.
   */
  static final int PROBED_REPOSITORIES_MAX = 64;

  private final ScanSpec spec;
  private final ReadOptions options;
  private final RequestStats stats;
  private final TableDef table;
  private final int pageLen;
  // added to from the probe threads (see plan())
  private final AtomicLong estimatedRows = new AtomicLong();
  private volatile boolean rowsKnown = true;

  ScanPlanner(ScanSpec spec, ReadOptions options, RequestStats stats) {
    this.spec = spec;
    this.options = options;
    this.stats = stats;
    this.table = spec.table();
    this.pageLen = options.pageLen(table.pageLenCap());
  }

  /** The plan: partitions plus the row estimate (-1 when unknown). */
  record Plan(InputPartition[] partitions, long rows) {}

  Plan plan() {
    if (spec.noRows()) {
      return new Plan(new InputPartition[0], 0);
    }
    List<ReadTask> tasks = new ArrayList<>();
    if (table.scope() == Scope.REPOSITORY) {
      String ws = options.requireWorkspace(table.name());
      boolean fromFilter = spec.repositories() != null;
      tasks.addAll(perRepository(ws, repositories(ws), fromFilter));
    } else {
      String ws = table.scope() == Scope.ROOT ? null : options.requireWorkspace(table.name());
      tasks.addAll(tasksFor(ws, null, false, true));
    }
    return new Plan(group(tasks), rowsKnown ? estimatedRows.get() : -1);
  }

  /**
   * Each repository's tasks, in the repositories' order. A repository's planning is one probe
   * request, independent of the others: they run concurrently (up to maxConcurrency, the
   * client's own cap), so planning costs about ceil(repositories / maxConcurrency) round trips
   * instead of one per repository.
   */
  private List<ReadTask> perRepository(String ws, List<String> repos, boolean missingIsEmpty) {
    boolean probe = repos.size() <= PROBED_REPOSITORIES_MAX;
    int threads = Math.min(repos.size(), options.connection().maxConcurrency());
    if (threads <= 1) {
      List<ReadTask> out = new ArrayList<>();
      for (String repo : repos) {
        out.addAll(tasksFor(ws, repo, missingIsEmpty, probe));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "bitbucket-plan");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<List<ReadTask>>> futures = new ArrayList<>();
      for (String repo : repos) {
        futures.add(pool.submit(() -> tasksFor(ws, repo, missingIsEmpty, probe)));
      }
      List<ReadTask> out = new ArrayList<>();
      for (Future<List<ReadTask>> f : futures) {
        out.addAll(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while planning a read of " + table.name(), e);
    } catch (ExecutionException e) {
      // the probe's own error (not found, auth...) as the sequential planner would throw it
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** @param probe whether planning may ask the list for its size and key bounds first */
  private List<ReadTask> tasksFor(String ws, String repo, boolean missingIsEmpty,
      boolean probe) {
    if (spec.singleKey() != null) {
      rowsKnown = false;
      return List.of(ReadTask.single(ws, repo, spec.singleKey(), missingIsEmpty));
    }
    if (spec.countOnly()) {
      long size = size(ws, repo, missingIsEmpty);
      estimatedRows.addAndGet(1);
      return size < 0 ? List.of() : List.of(ReadTask.count(ws, repo, size));
    }
    if (spec.sort() != null) {
      rowsKnown = false;
      return List.of(ReadTask.of(ReadTask.Kind.SORTED, ws, repo, missingIsEmpty));
    }
    ReadStrategy strategy = table.strategy();
    if (table.parent().isPresent()) {
      rowsKnown = false;
      return List.of(ReadTask.of(ReadTask.Kind.CHILDREN, ws, repo, missingIsEmpty));
    }
    if (strategy == ReadStrategy.CURSOR) {
      rowsKnown = false;
      return List.of(ReadTask.of(ReadTask.Kind.CURSOR, ws, repo, missingIsEmpty));
    }
    if (spec.limit() >= 0 || !probe) {
      // a LIMIT stops early, and many repositories make enough tasks by themselves: no
      // planning request, one open range read in key/page order
      rowsKnown = false;
      return List.of(switch (strategy) {
        case KEYSET -> ReadTask.keyset(ws, repo, 0, Long.MAX_VALUE, missingIsEmpty);
        case TEXT_KEYSET -> ReadTask.textKeyset(ws, repo, null, null, missingIsEmpty);
        default -> ReadTask.pages(ws, repo, 1, -1, Long.MAX_VALUE, missingIsEmpty);
      });
    }
    if (strategy == ReadStrategy.KEYSET) {
      return keysetRanges(ws, repo, missingIsEmpty);
    }
    if (strategy == ReadStrategy.TEXT_KEYSET) {
      return textKeyset(ws, repo, missingIsEmpty);
    }
    if (strategy == ReadStrategy.APPEND_ONLY_PAGES) {
      return appendOnlyPages(ws, repo, missingIsEmpty);
    }
    return pageRanges(ws, repo, missingIsEmpty);
  }

  /** Size and largest key with one request; key ranges of about PAGES_PER_TASK pages. */
  private List<ReadTask> keysetRanges(String ws, String repo, boolean missingIsEmpty) {
    String key = table.orderColumn();
    long[] max = {Long.MIN_VALUE};
    PageInfo info = firstPage(ws, repo, ScanSpec.and(table.defaultBbql(), spec.bbql()),
        "-" + key, key, max, null, 0, missingIsEmpty);
    if (info == null || info.size() == 0 || max[0] == Long.MIN_VALUE) {
      return List.of();
    }
    estimatedRows.addAndGet(Math.max(info.size(), 0));
    long size = info.size() < 0 ? pageLen : info.size();
    long pages = ceil(size, pageLen);
    // A BBQL filter leaves gaps in the keys: a range then ends on a partial page wherever the
    // matching rows fall, one extra request per range. Filtered lists are short, so their ranges
    // hold PAGES_PER_TASK pages (at most one extra page per PAGES_PER_TASK) instead of one each.
    long perTask = spec.bbql() == null ? pagesPerTask(pages) : PAGES_PER_TASK;
    int ranges = (int) Math.min(64, ceil(pages, perTask));
    List<ReadTask> out = new ArrayList<>();
    long hi = max[0];
    // Range widths are whole pages of keys: keys are (nearly) dense, so each range then reads
    // full pages and only the last range ends on a partial page (an unaligned split costs one
    // extra partial page per range: about 4 % more requests on a full read).
    long step = Math.max(pageLen, ceil(ceil(hi, ranges), pageLen) * pageLen);
    long lo = 0;
    while (lo < hi) {
      long upper = Math.min(hi, lo + step);
      out.add(ReadTask.keyset(ws, repo, lo, upper, missingIsEmpty));
      lo = upper;
    }
    return out;
  }

  /**
   * Size and largest string key with one {@code sort=-key&pagelen=1} request, then, for lists
   * of more than one page, each split key with one {@code key > "previous split"&sort=key&
   * pagelen=1&page=step} request (any split is correct: the ranges only have to be contiguous),
   * the last range bounded above by the largest key.
   */
  private List<ReadTask> textKeyset(String ws, String repo, boolean missingIsEmpty) {
    String field = table.column(table.orderColumn()).orElseThrow().bbqlField();
    String q = ScanSpec.and(table.defaultBbql(), spec.bbql());
    String[] largest = {null};
    PageInfo info = firstPage(ws, repo, q, "-" + field, field, null, largest, 0, missingIsEmpty);
    if (info == null || info.size() == 0 || largest[0] == null) {
      return List.of();
    }
    estimatedRows.addAndGet(Math.max(info.size(), 0));
    long size = info.size() < 0 ? pageLen : info.size();
    long pages = ceil(size, pageLen);
    int ranges = (int) Math.min(64, ceil(pages, pagesPerTask(pages)));
    List<ReadTask> out = new ArrayList<>();
    String from = null;
    long step = Math.max(1, size / ranges);
    for (int i = 1; i < ranges; i++) {
      // each split key is asked for after the previous one (key > "from"), so the server's own
      // collation keeps the ranges in order even if rows change while planning
      String after = from == null ? null : BbqlTranslator.quote(from);
      if (from != null && after == null) {
        break;
      }
      String[] split = {null};
      PageInfo at = firstPage(ws, repo, ScanSpec.and(q, after == null ? null
          : field + " > " + after), field, field, null, split, step, missingIsEmpty);
      if (at == null || split[0] == null) {
        break; // fewer rows than planned: the last range reads the rest
      }
      out.add(ReadTask.textKeyset(ws, repo, from, split[0], missingIsEmpty));
      from = split[0];
    }
    out.add(ReadTask.textKeyset(ws, repo, from, largest[0], missingIsEmpty));
    return out;
  }

  /** Pipelines: size and the largest build number; page ranges in creation order. */
  private List<ReadTask> appendOnlyPages(String ws, String repo, boolean missingIsEmpty) {
    long[] max = {Long.MIN_VALUE};
    PageInfo info = firstPage(ws, repo, null, "-created_on", table.orderColumn(), max,
        null, 0, missingIsEmpty);
    if (info == null || info.size() == 0 || info.values() == 0) {
      return List.of();
    }
    estimatedRows.addAndGet(Math.max(info.size(), 0));
    long bound = max[0] == Long.MIN_VALUE ? Long.MAX_VALUE : max[0];
    return splitPages(ws, repo, info.size(), bound, missingIsEmpty);
  }

  private List<ReadTask> pageRanges(String ws, String repo, boolean missingIsEmpty) {
    if (table.pagination() != Pagination.PAGE_NUMBERED) {
      rowsKnown = false;
      return List.of(ReadTask.pages(ws, repo, 1, -1, Long.MAX_VALUE, missingIsEmpty));
    }
    long size = size(ws, repo, missingIsEmpty);
    if (size == 0) {
      return List.of();
    }
    if (size < 0) {
      rowsKnown = false;
      return List.of(ReadTask.pages(ws, repo, 1, -1, Long.MAX_VALUE, missingIsEmpty));
    }
    estimatedRows.addAndGet(size);
    // every task reads every page (deduplicating by key and stepping back when the list
    // shrinks only works when one reader sees every page) and keeps the rows whose key hashes
    // to it: two tasks read in parallel at twice the requests, for lists of several pages
    int shards = ceil(size, pageLen) > 1 ? 2 : 1;
    List<ReadTask> out = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      out.add(ReadTask.pageShard(ws, repo, i, shards, missingIsEmpty));
    }
    return out;
  }

  private List<ReadTask> splitPages(String ws, String repo, long size, long bound,
      boolean missingIsEmpty) {
    long pages = Math.max(1, ceil(size, pageLen));
    long perTask = pagesPerTask(pages);
    List<ReadTask> out = new ArrayList<>();
    for (long first = 1; first <= pages; first += perTask) {
      long last = first + perTask - 1;
      // the last range reads to the end: the list may have grown since planning
      out.add(ReadTask.pages(ws, repo, first, last >= pages ? -1 : last, bound, missingIsEmpty));
    }
    return out;
  }

  /** The {@code size} of the filtered list (one request), or -1 when the API gives none. */
  private long size(String ws, String repo, boolean missingIsEmpty) {
    if (table.pagination() != Pagination.PAGE_NUMBERED) {
      return -1;
    }
    PageInfo info = firstPage(ws, repo, table.supportsBbql()
        ? ScanSpec.and(spec.bbql()) : null, null, null, null, null, 0, missingIsEmpty);
    return info == null ? 0 : info.size();
  }

  /**
   * Requests page 1 with pagelen 1 in the given order: the envelope's size, and the value of
   * {@code column} in the first (largest) row into {@code max} (numbers) or {@code text}
   * (strings); {@code page} > 0 asks for that page (with pagelen 1: that row). Null when the
   * repository is missing and that means no rows.
   */
  private PageInfo firstPage(String ws, String repo, String q, String sort, String column,
      long[] max, String[] text, long page, boolean missingIsEmpty) {
    List<Object> args = new ArrayList<>();
    if (table.scopeHasWorkspace()) {
      args.add(ws);
    }
    if (repo != null) {
      args.add(repo);
    }
    BitbucketClient client = BitbucketClient.shared(options.connection());
    ApiRequest r = client.get(table.listPath(), args.toArray()).stats(stats)
        .query("pagelen", 1);
    if (page > 0) {
      r.query("page", page);
    }
    for (Map.Entry<String, List<String>> e : spec.allParams().entrySet()) {
      if (e.getKey().equals("sort") && sort != null) {
        continue;
      }
      e.getValue().forEach(v -> r.query(e.getKey(), v));
    }
    if (q != null && table.supportsBbql()) {
      r.query("q", ScanSpec.and(q, table.defaultBbql()));
    }
    if (sort != null) {
      r.query("sort", sort);
    }
    r.query("fields", column == null ? "size,page,pagelen" : "size,page,pagelen,values." + column);
    try {
      PageInfo info = r.page(p -> {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          p.nextToken();
          if (column != null && f.equals(column) && p.currentToken() == JsonToken.VALUE_NUMBER_INT
              && max != null) {
            max[0] = Math.max(max[0], p.getLongValue());
          } else if (column != null && f.equals(column) && text != null
              && p.currentToken() == JsonToken.VALUE_STRING) {
            text[0] = p.getText();
          } else {
            p.skipChildren();
          }
        }
      });
      if (max != null && info.values() > 0 && max[0] == Long.MIN_VALUE) {
        // a row without an integer key: planning on would read nothing, as if the list were empty
        throw new BitbucketApiException(BitbucketApiException.Kind.MALFORMED_RESPONSE, 200, "GET",
            r.url(), "Malformed response from GET " + r.url() + ": the row's '" + column
            + "' is missing or not an integer, so the " + table.name() + " cannot be split into "
            + "key ranges. Check option 'endpoint' (it must answer like Bitbucket Cloud).", null);
      }
      return info;
    } catch (BitbucketApiException e) {
      if (e.kind() == BitbucketApiException.Kind.NOT_FOUND && repo != null && missingIsEmpty) {
        return null;
      }
      if (e.kind() == BitbucketApiException.Kind.NOT_FOUND && repo != null) {
        throw new BitbucketApiException(e.kind(), e.status(), e.method(), e.url(),
            "Repository '" + ws + "/" + repo + "' was not found (404) while planning a read of "
            + table.name() + ". Repositories in " + ws + ": "
            + new RepositoryLister(options, stats).listOrExplain(ws)
            + ". Fix the 'repository' option.", e);
      }
      throw e;
    }
  }

  private List<String> repositories(String ws) {
    List<String> fromOption = options.repositories();
    List<String> fromFilter = spec.repositories() == null ? null
        : new ArrayList<>(spec.repositories());
    if (fromFilter != null) {
      if (fromOption != null) {
        fromFilter.retainAll(fromOption);
      }
      return fromFilter;
    }
    if (fromOption != null) {
      return fromOption;
    }
    return new RepositoryLister(options, stats).list(ws);
  }

  /**
   * Groups the tasks into partitions: at least one per task slot of the cluster (Spark's default
   * parallelism), so every executor reads, and otherwise about
   * {@link BitbucketPartitionReader#PREFETCH_TASKS} tasks each, so that a partition keeps several
   * requests in flight on its own while its tasks end one after another.
   */
  static List<InputPartition> partitionsOf(List<ReadTask> tasks, int taskSlots) {
    int n = tasks.size();
    int byPrefetch = (n + BitbucketPartitionReader.PREFETCH_TASKS - 1)
        / BitbucketPartitionReader.PREFETCH_TASKS;
    int parts = Math.min(n, Math.max(Math.max(2, taskSlots), byPrefetch));
    List<List<ReadTask>> groups = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      groups.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      groups.get(i % parts).add(tasks.get(i));
    }
    List<InputPartition> out = new ArrayList<>();
    for (List<ReadTask> g : groups) {
      out.add(new BitbucketPartition(List.copyOf(g), 0));
    }
    return out;
  }

  /** Spark's default parallelism (the cluster's task slots), or 1 outside a Spark session. */
  private static int taskSlots() {
    scala.Option<SparkSession> session = SparkSession.getActiveSession();
    return session.isDefined() ? session.get().sparkContext().defaultParallelism() : 1;
  }

  private InputPartition[] group(List<ReadTask> tasks) {
    return partitionsOf(tasks, taskSlots()).toArray(new InputPartition[0]);
  }

  /** Few pages: one per task, so even small lists read in parallel; else PAGES_PER_TASK. */
  private static long pagesPerTask(long pages) {
    return pages <= 2L * PAGES_PER_TASK ? 1 : PAGES_PER_TASK;
  }

  private static long ceil(long a, long b) {
    return (a + b - 1) / b;
  }
}
