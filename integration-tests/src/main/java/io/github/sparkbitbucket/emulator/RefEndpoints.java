package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /refs/branches} and {@code /refs/tags}: list, get by name, create, delete. */
final class RefEndpoints {
  static void register(Router router, EndpointContext ctx) {
    refs(router, ctx, "branches", "branch");
    refs(router, ctx, "tags", "tag");
  }

  private static void refs(Router router, EndpointContext ctx, String collection, String noun) {
    EmulatorStore store = ctx.store();
    String base = "/2.0/repositories/{ws}/{repo}/refs/" + collection;
    router.add("GET", base, "repository", (req, v) -> ctx.pager().page(req,
        PagedList.filterAndSort(req, store.snapshot(v.get("ws"), v.get("repo"), collection), true),
        PagedList.DEFAULT_CAP));
    router.add("POST", base, "repository:write", (req, v) -> EndpointContext.created(
        store.creator().create(v.get("ws"), v.get("repo"), collection, Json.parseObject(req.body()))));
    router.add("GET", base + "/{name+}", "repository", (req, v) -> {
      ObjectNode ref = store.repository(v.get("ws"), v.get("repo")).table(collection).get(v.get("name"));
      if (ref == null) {
        throw ApiException.notFound(noun + " \"" + v.get("name") + "\" does not exist");
      }
      return ApiResponse.json(200, ref);
    });
    router.add("DELETE", base + "/{name+}", "repository:write", (req, v) -> {
      EmulatorStore.RepositoryData data = store.repository(v.get("ws"), v.get("repo"));
      String main = Json.text(store.repositoryObject(v.get("ws"), v.get("repo")), "mainbranch.name");
      if ("branches".equals(collection) && v.get("name").equals(main)) {
        throw ApiException.badRequest("You can't delete the main branch of a repository.");
      }
      if (!data.table(collection).remove(v.get("name"))) {
        throw ApiException.notFound(noun + " \"" + v.get("name") + "\" does not exist");
      }
      return ApiResponse.noContent();
    });
  }

  private RefEndpoints() {}
}
