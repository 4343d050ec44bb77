package io.github.sparkbitbucket.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkbitbucket.emulator.LoggedRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC section 4, for every table other clients can write: while the emulator deletes and creates
 * rows between the scan's page requests (pageSize 2, so each list spans several pages), every row
 * that existed at planning and was not deleted is read exactly once, no row is read twice, and
 * nothing is read that never existed. Deleted rows may be missing. The victims alternate between
 * the first remaining row in the API's default order (already read by a page-number scan, so the
 * later pages shift) and the last. Each case undoes its writes afterwards.
 */
class ConsistencyIT extends SparkEmulatorTestBase {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PAGE_SIZE = "2";
  /** {@link #scopeOf}: the request is not one of the scan's page requests. */
  static final String NOT_A_PAGE = "\u0000not a page";

  /**
   * One table under test.
   *
   * @param table the SQL table
   * @param collection the emulator collection
   * @param keyColumns columns that (after {@code repository}) identify a row
   * @param storeKey the same key from a stored object, joined with '#'
   * @param apiKey what the store deletes an object by (also to undo creates)
   * @param listSuffix the list endpoint's path ends with this (after the scope)
   * @param creator fields of the n-th new row for a scope (repository or null), or null: none
   * @param seeded rows to create before planning and delete during the scan instead of
   *     originals (repositories: deleting one deletes its data), else 0
   */
  record Subject(String table, String collection, List<String> keyColumns,
      Function<ObjectNode, String> storeKey, Function<ObjectNode, String> apiKey,
      String listSuffix, BiFunction<String, Integer, ObjectNode> creator, int seeded) {
    /** Whether other clients can delete these rows (pipelines: no). */
    boolean deletable() {
      return !collection.equals("pipelines");
    }

    boolean workspaceLevel() {
      return List.of("projects", "repositories", "members").contains(collection);
    }

    @Override
    public String toString() {
      return table;
    }
  }

  static Stream<Subject> subjects() {
    return Stream.of(
        new Subject("projects", "projects", List.of("key"), o -> o.get("key").asText(),
            o -> o.get("key").asText(), "/workspaces/" + WS + "/projects",
            (repo, n) -> fields().put("key", (n % 2 == 0 ? "AAC" : "ZZC") + n)
                .put("name", "created during scan " + n), 0),
        new Subject("repositories", "repositories", List.of("slug"), o -> o.get("slug").asText(),
            o -> o.get("slug").asText(), "/repositories/" + WS,
            (repo, n) -> fields().put("slug", (n % 2 == 0 ? "aa-created-" : "zz-created-") + n),
            6),
        new Subject("members", "members", List.of("user_uuid"),
            o -> o.path("user").path("uuid").asText(), o -> o.path("user").path("uuid").asText(),
            "/workspaces/" + WS + "/members", null, 0),
        new Subject("branches", "branches", List.of("name"), o -> o.get("name").asText(),
            o -> o.get("name").asText(), "/refs/branches",
            (repo, n) -> ref(repo, (n % 2 == 0 ? "aa-created-" : "zz-created-") + n), 0),
        new Subject("tags", "tags", List.of("name"), o -> o.get("name").asText(),
            o -> o.get("name").asText(), "/refs/tags",
            (repo, n) -> ref(repo, (n % 2 == 0 ? "0.0.created-" : "z.created-") + n), 0),
        new Subject("pullrequests", "pullrequests", List.of("id"), o -> o.get("id").asText(),
            o -> o.get("id").asText(), "/pullrequests", ConsistencyIT::pullRequest, 0),
        new Subject("issues", "issues", List.of("id"), o -> o.get("id").asText(),
            o -> o.get("id").asText(), "/issues",
            (repo, n) -> fields().put("title", "created during scan " + n), 0),
        new Subject("pullrequest_comments", "pullrequest_comments",
            List.of("pullrequest_id", "id"),
            o -> o.path("pullrequest").path("id").asText() + "#" + o.get("id").asText(),
            o -> o.get("id").asText(), "/comments",
            (repo, n) -> comment("pullrequest", firstKey(repo, "pullrequests", "id"), n), 0),
        new Subject("issue_comments", "issue_comments", List.of("issue_id", "id"),
            o -> o.path("issue").path("id").asText() + "#" + o.get("id").asText(),
            o -> o.get("id").asText(), "/comments",
            (repo, n) -> comment("issue", firstKey(repo, "issues", "id"), n), 0),
        // pipelines cannot be deleted through the API: new runs only
        new Subject("pipelines", "pipelines", List.of("uuid"), o -> o.get("uuid").asText(),
            o -> o.get("uuid").asText(), "/pipelines", (repo, n) -> {
              ObjectNode f = fields();
              f.putObject("target").put("ref_name", firstKey(repo, "branches", "name"))
                  .put("ref_type", "branch");
              return f;
            }, 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("subjects")
  void rowsExistingAtPlanningAreReadExactlyOnceWhileOthersWrite(Subject s) {
    List<String> scopes = s.workspaceLevel() ? java.util.Collections.singletonList(null)
        : repositories();
    Map<String, Deque<ObjectNode>> victims = new HashMap<>();
    Map<String, List<ObjectNode>> removed = new HashMap<>();
    Map<String, List<String>> made = new HashMap<>();
    for (int i = 0; i < s.seeded(); i++) {
      ObjectNode seed = EMU.store().create(WS, null, s.collection(),
          fields().put("slug", "consistency-seed-" + i));
      made.computeIfAbsent(null, k -> new ArrayList<>()).add(s.apiKey().apply(seed));
    }
    Set<String> atPlanning = new HashSet<>();
    for (String scope : scopes) {
      Deque<ObjectNode> own = new ArrayDeque<>();
      for (ObjectNode o : EMU.store().list(WS, scope, s.collection())) {
        atPlanning.add(key(scope, s.storeKey().apply(o)));
        if (s.deletable() && (s.seeded() == 0
            || made.get(null).contains(s.apiKey().apply(o)))) {
          own.add(o);
        }
      }
      victims.put(scope, own);
    }
    Set<String> deleted = new HashSet<>();
    Set<String> created = new HashSet<>();
    int[] pages = {0};
    onRequest(r -> {
      String scope = scopeOf(s, r);
      if (NOT_A_PAGE.equals(scope)) {
        return;
      }
      synchronized (victims) {
        int n = ++pages[0];
        Deque<ObjectNode> own = victims.get(scope);
        if (own != null && !own.isEmpty()) {
          ObjectNode victim = n % 2 == 1 ? own.pollFirst() : own.pollLast();
          if (EMU.store().delete(WS, scope, s.collection(), s.apiKey().apply(victim))) {
            deleted.add(key(scope, s.storeKey().apply(victim)));
            removed.computeIfAbsent(scope, k -> new ArrayList<>()).add(victim);
          }
        }
        if (s.creator() != null) {
          ObjectNode row = EMU.store().create(WS, s.workspaceLevel() ? null : scope,
              s.collection(), s.creator().apply(scope, n));
          created.add(key(scope, s.storeKey().apply(row)));
          made.computeIfAbsent(scope, k -> new ArrayList<>()).add(s.apiKey().apply(row));
        }
      }
    });
    List<String> read;
    try {
      List<String> columns = new ArrayList<>();
      if (!s.workspaceLevel()) {
        columns.add("repository");
      }
      columns.addAll(s.keyColumns());
      List<Row> rows = SPARK.read().option("pageSize", PAGE_SIZE).table("bb." + WS + "." + s.table())
          .selectExpr(columns.toArray(String[]::new)).collectAsList();
      read = rows.stream().map(r -> {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < r.size(); i++) {
          b.append(i == 0 ? "" : "#").append(r.get(i));
        }
        return b.toString();
      }).toList();
    } finally {
      onRequest(r -> { });
      undo(s, removed, made);
    }

    assertTrue(pages[0] > 1, "the scan read several pages: " + pages[0]);
    assertTrue(!s.deletable() || !deleted.isEmpty(), "rows were deleted during the scan");
    assertTrue(s.creator() == null || !created.isEmpty(), "rows were created during the scan");
    Set<String> unique = new HashSet<>(read);
    assertEquals(unique.size(), read.size(), "no row read twice: " + read);
    List<String> missing = new ArrayList<>();
    for (String key : atPlanning) {
      if (!deleted.contains(key) && !unique.contains(key)) {
        missing.add(key);
      }
    }
    assertEquals(List.of(), missing, "rows that existed at planning and were not deleted must be"
        + " read (deleted during the scan: " + deleted + ")");
    for (String key : unique) {
      assertTrue(atPlanning.contains(key) || created.contains(key), key + " never existed");
    }
  }

  /** The scope (repository, or null for a workspace list) of a scan page request. */
  private static String scopeOf(Subject s, LoggedRequest r) {
    List<String> pagelen = r.query().get("pagelen");
    if (!"GET".equals(r.method()) || pagelen == null || !pagelen.get(0).equals(PAGE_SIZE)
        || !r.path().endsWith(s.listSuffix())) {
      return NOT_A_PAGE;
    }
    if (s.workspaceLevel()) {
      return null;
    }
    String[] parts = r.path().split("/");
    boolean issueChild = r.path().contains("/issues/");
    if (s.listSuffix().equals("/comments")
        && issueChild != s.collection().equals("issue_comments")) {
      return NOT_A_PAGE;
    }
    return parts.length > 4 ? parts[4] : NOT_A_PAGE;
  }

  /** Deletes what the case created and puts back what it deleted, for the next tests. */
  private static void undo(Subject s, Map<String, List<ObjectNode>> removed,
      Map<String, List<String>> made) {
    made.forEach((scope, keys) -> keys.forEach(k -> EMU.store().delete(WS,
        s.workspaceLevel() ? null : scope, s.collection(), k)));
    if (s.seeded() == 0) {
      removed.forEach((scope, objects) -> objects.forEach(o -> EMU.store().restore(WS, scope,
          s.collection(), o)));
    }
  }

  private static String key(String scope, String key) {
    return scope == null ? key : scope + "#" + key;
  }

  private static ObjectNode fields() {
    return JSON.createObjectNode();
  }

  private static String firstKey(String repo, String collection, String field) {
    return EMU.store().list(WS, repo, collection).get(0).get(field).asText();
  }

  private static ObjectNode ref(String repo, String name) {
    ObjectNode f = fields().put("name", name);
    f.putObject("target").put("hash",
        EMU.store().list(WS, repo, "branches").get(0).path("target").path("hash").asText());
    return f;
  }

  private static ObjectNode pullRequest(String repo, int n) {
    ObjectNode f = fields().put("title", "created during scan " + n);
    f.putObject("source").putObject("branch").put("name", firstKey(repo, "branches", "name"));
    return f;
  }

  private static ObjectNode comment(String parentType, String parentId, int n) {
    ObjectNode f = fields();
    f.putObject(parentType).put("id", Integer.parseInt(parentId));
    f.putObject("content").put("raw", "created during scan " + n);
    return f;
  }
}
