package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /commits}, {@code /commits/{revision}} (GET or POST with a form body) and
 * {@code /commit/{hash}}. Commit lists are cursor lists, as on the real API: {@code pagelen},
 * {@code values} and an opaque {@code next} only. The cursor names the next commit to serve,
 * so commits added while a client pages do not shift what it reads.
 */
final class CommitEndpoints {
  static final int DEFAULT_PAGELEN = 30;
  private static final String BASE = "/2.0/repositories/{ws}/{repo}";

  /** Reachability results, reused while the repository's commits are unchanged. */
  private final Map<String, List<ObjectNode>> cache = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, List<ObjectNode>> eldest) {
      return size() > 32;
    }
  };
  private final EndpointContext ctx;

  private CommitEndpoints(EndpointContext ctx) {
    this.ctx = ctx;
  }

  static void register(Router router, EndpointContext ctx) {
    CommitEndpoints commits = new CommitEndpoints(ctx);
    router.add("GET", BASE + "/commits", "repository", (req, v) -> commits.list(req, v, null));
    router.add("POST", BASE + "/commits", "repository", (req, v) -> commits.list(req, v, null));
    router.add("GET", BASE + "/commits/{revision+}", "repository", (req, v) -> commits.list(req, v, v.get("revision")));
    router.add("POST", BASE + "/commits/{revision+}", "repository", (req, v) -> commits.list(req, v, v.get("revision")));
    router.add("GET", BASE + "/commit/{hash}", "repository", (req, v) -> {
      EmulatorStore.RepositoryData data = ctx.store().repository(v.get("ws"), v.get("repo"));
      JsonNode c = data.commits.get(v.get("hash"));
      if (c == null) {
        try {
          c = ObjectCreator.resolveTarget(data, v.get("hash"));
        } catch (ApiException e) {
          throw ApiException.notFound("Commit not found");
        }
      }
      // The single-commit view adds participants, which lists leave out.
      ObjectNode full = c.deepCopy();
      full.putArray("participants");
      return ApiResponse.json(200, full);
    });
  }

  private ApiResponse list(ApiRequest req, Map<String, String> v, String revision) {
    EmulatorStore.RepositoryData data = ctx.store().repository(v.get("ws"), v.get("repo"));
    List<String> include = new ArrayList<>(req.params("include"));
    List<String> exclude = new ArrayList<>(req.params("exclude"));
    if ("POST".equals(req.method())) {
      Map<String, List<String>> form = req.form();
      include.addAll(form.getOrDefault("include", List.of()));
      exclude.addAll(form.getOrDefault("exclude", List.of()));
    }
    if (revision != null) {
      include.add(0, revision);
    }
    List<ObjectNode> all = data.commits.snapshot();
    List<ObjectNode> commits = include.isEmpty() && exclude.isEmpty() ? all : reachable(data, all, include, exclude);
    int pagelen = PagedList.pagelen(new ApiRequest("GET", req.path(),
        req.param("pagelen") == null ? Map.of("pagelen", List.of(String.valueOf(DEFAULT_PAGELEN))) : req.query(),
        Map.of(), ""), PagedList.DEFAULT_CAP);
    int start = 0;
    String cursor = req.param("page");
    if (cursor != null) {
      String[] position = decodeCursor(cursor);
      String next = position[1];
      // The offset is a hint: right when nothing was added since, else the hash is looked for.
      int hint = Integer.parseInt(position[0]);
      start = hint < commits.size() && commits.get(hint).get("hash").asText().equals(next) ? hint : -1;
      for (int i = 0; start < 0 && i < commits.size(); i++) {
        if (commits.get(i).get("hash").asText().equals(next)) {
          start = i;
        }
      }
      if (start < 0) {
        throw ApiException.badRequest("Invalid page: the cursor no longer points at a commit of this list");
      }
    }
    ObjectNode body = Json.object();
    ArrayNode values = body.putArray("values");
    int end = Math.min(commits.size(), start + pagelen);
    for (int i = start; i < end; i++) {
      values.add(commits.get(i));
    }
    body.put("pagelen", pagelen);
    if (end < commits.size()) {
      body.put("next", ctx.pager().link(req, "page", encodeCursor(end, commits.get(end).get("hash").asText())));
    }
    return ApiResponse.json(200, body);
  }

  private List<ObjectNode> reachable(EmulatorStore.RepositoryData data, List<ObjectNode> all, List<String> include,
      List<String> exclude) {
    String key = System.identityHashCode(all) + "|" + include + "|" + exclude;
    synchronized (cache) {
      List<ObjectNode> hit = cache.get(key);
      if (hit != null) {
        return hit;
      }
    }
    Map<String, ObjectNode> byHash = new HashMap<>();
    for (ObjectNode c : all) {
      byHash.put(c.get("hash").asText(), c);
    }
    Set<String> excluded = walk(data, byHash, exclude, Set.of());
    Set<String> included = walk(data, byHash, include.isEmpty() ? headsOf(data) : include, excluded);
    List<ObjectNode> out = PagedList.where(all, c -> included.contains(c.get("hash").asText()));
    synchronized (cache) {
      cache.put(key, out);
    }
    return out;
  }

  private static List<String> headsOf(EmulatorStore.RepositoryData data) {
    List<String> heads = new ArrayList<>();
    for (ObjectNode b : data.branches.snapshot()) {
      heads.add(b.get("target").get("hash").asText());
    }
    return heads;
  }

  private static Set<String> walk(EmulatorStore.RepositoryData data, Map<String, ObjectNode> byHash, List<String> refs,
      Set<String> stop) {
    Set<String> seen = new HashSet<>();
    ArrayDeque<String> queue = new ArrayDeque<>();
    for (String ref : refs) {
      JsonNode start;
      try {
        start = ObjectCreator.resolveTarget(data, ref);
      } catch (ApiException e) {
        throw ApiException.notFound("Revision not found: " + ref);
      }
      queue.add(start.get("hash").asText());
    }
    while (!queue.isEmpty()) {
      String h = queue.poll();
      if (stop.contains(h) || !seen.add(h)) {
        continue;
      }
      ObjectNode c = byHash.get(h);
      if (c != null) {
        for (JsonNode p : c.get("parents")) {
          queue.add(p.get("hash").asText());
        }
      }
    }
    return seen;
  }

  private static String encodeCursor(int offset, String hash) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("c2:" + offset + ":" + hash).getBytes(StandardCharsets.UTF_8));
  }

  /** {offset hint, hash of the next commit}. */
  private static String[] decodeCursor(String cursor) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = s.split(":");
      if (parts.length == 3 && parts[0].equals("c2") && parts[1].matches("\\d{1,9}")) {
        return new String[] {parts[1], parts[2]};
      }
    } catch (IllegalArgumentException e) {
      // a malformed cursor is the 400 below
    }
    throw ApiException.badRequest("Invalid page");
  }
}
