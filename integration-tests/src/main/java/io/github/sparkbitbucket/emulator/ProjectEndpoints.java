package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** {@code /workspaces/{ws}/projects} and {@code /workspaces/{ws}/projects/{key}}: list, get, create, update, delete. */
final class ProjectEndpoints {
  static void register(Router router, EndpointContext ctx) {
    EmulatorStore store = ctx.store();
    router.add("GET", "/2.0/workspaces/{ws}/projects", "project", (req, v) -> ctx.pager().page(req,
        PagedList.filterAndSort(req, store.snapshot(v.get("ws"), null, "projects"), true), PagedList.DEFAULT_CAP));
    router.add("POST", "/2.0/workspaces/{ws}/projects", "project:admin",
        (req, v) -> EndpointContext.created(store.creator().project(v.get("ws"), Json.parseObject(req.body()))));
    router.add("GET", "/2.0/workspaces/{ws}/projects/{key}", "project", (req, v) -> {
      ObjectNode p = store.table(v.get("ws"), null, "projects").get(v.get("key"));
      if (p == null) {
        throw ApiException.notFound("Project " + v.get("key") + " not found in workspace " + v.get("ws"));
      }
      return ApiResponse.json(200, p);
    });
    // PUT creates the project when the key is new, as the real endpoint does.
    router.add("PUT", "/2.0/workspaces/{ws}/projects/{key}", "project:admin", (req, v) -> {
      ObjectNode body = Json.parseObject(req.body());
      Table projects = store.table(v.get("ws"), null, "projects");
      synchronized (projects) {
        if (projects.get(v.get("key")) == null) {
          body.put("key", v.get("key"));
          return EndpointContext.created(store.creator().project(v.get("ws"), body));
        }
        return ApiResponse.json(200, EndpointContext.update(projects, v.get("key"), p -> {
          copyText(body, p, "name");
          copyText(body, p, "description");
          if (body.has("is_private")) {
            p.put("is_private", body.get("is_private").asBoolean());
            p.put("has_publicly_visible_repos", !body.get("is_private").asBoolean());
          }
          p.put("updated_on", Timestamps.micros(Instant.now()));
        }, "Project not found"));
      }
    });
    router.add("DELETE", "/2.0/workspaces/{ws}/projects/{key}", "project:admin", (req, v) -> {
      String key = v.get("key");
      boolean used = store.snapshot(v.get("ws"), null, "repositories").stream()
          .anyMatch(r -> key.equals(Json.text(r, "project.key")));
      if (used) {
        throw ApiException.badRequest("You cannot delete a project that still contains repositories.");
      }
      if (!store.table(v.get("ws"), null, "projects").remove(key)) {
        throw ApiException.notFound("Project " + key + " not found in workspace " + v.get("ws"));
      }
      return ApiResponse.noContent();
    });
  }

  static void copyText(ObjectNode from, ObjectNode to, String field) {
    if (from.has(field)) {
      to.set(field, from.get(field));
    }
  }

  private ProjectEndpoints() {}
}
