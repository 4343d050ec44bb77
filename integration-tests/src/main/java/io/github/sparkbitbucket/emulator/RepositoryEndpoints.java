package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** {@code /repositories/{ws}} (list) and {@code /repositories/{ws}/{repo}} (get, create, update, delete). */
final class RepositoryEndpoints {
  static void register(Router router, EndpointContext ctx) {
    EmulatorStore store = ctx.store();
    router.add("GET", "/2.0/repositories/{ws}", "repository", (req, v) -> {
      var repos = store.snapshot(v.get("ws"), null, "repositories");
      String role = req.param("role");
      if (role != null && !role.matches("member|contributor|admin|owner")) {
        throw ApiException.badRequest("Invalid role: " + role);
      }
      return ctx.pager().page(req, PagedList.filterAndSort(req, repos, true), PagedList.DEFAULT_CAP);
    });
    router.add("GET", "/2.0/repositories/{ws}/{repo}", "repository",
        (req, v) -> ApiResponse.json(200, store.repositoryObject(v.get("ws"), v.get("repo"))));
    router.add("POST", "/2.0/repositories/{ws}/{repo}", "repository:admin", (req, v) -> EndpointContext.created(
        store.creator().repository(v.get("ws"), v.get("repo"), Json.parseObject(req.body()))));
    router.add("PUT", "/2.0/repositories/{ws}/{repo}", "repository:write", (req, v) -> {
      ObjectNode body = Json.parseObject(req.body());
      EmulatorStore.WorkspaceData ws = store.workspace(v.get("ws"));
      synchronized (ws.repositories) {
        if (ws.repositories.get(v.get("repo")) == null) {
          return EndpointContext.created(store.creator().repository(v.get("ws"), v.get("repo"), body));
        }
        return ApiResponse.json(200, EndpointContext.update(ws.repositories, v.get("repo"), r -> {
          for (String f : new String[] {"name", "description", "is_private", "fork_policy", "language", "has_issues",
              "has_wiki", "website"}) {
            ProjectEndpoints.copyText(body, r, f);
          }
          String key = Json.text(body, "project.key");
          if (key != null) {
            JsonNode project = ws.projects.get(key);
            if (project == null) {
              throw new ApiException(ApiResponse.fieldError("project", "Project " + key + " not found."));
            }
            r.set("project", ctx.factory().projectRef(project));
          }
          String main = Json.text(body, "mainbranch.name");
          if (main != null) {
            if (store.repository(v.get("ws"), v.get("repo")).branches.get(main) == null) {
              throw new ApiException(ApiResponse.fieldError("mainbranch", "branch not found: " + main));
            }
            ((ObjectNode) r.get("mainbranch")).put("name", main);
          }
          r.put("updated_on", Timestamps.micros(Instant.now()));
        }, "Repository not found"));
      }
    });
    router.add("DELETE", "/2.0/repositories/{ws}/{repo}", "repository:delete", (req, v) -> {
      store.repository(v.get("ws"), v.get("repo"));
      store.delete(v.get("ws"), null, "repositories", v.get("repo"));
      return ApiResponse.noContent();
    });
  }

  private RepositoryEndpoints() {}
}
