package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The legacy issue tracker: {@code /issues} (list with BBQL, get, create, update, delete) and
 * {@code /issues/{id}/comments} (CRUD). Bitbucket Cloud removed it on 2026-08-20; with
 * {@link BitbucketEmulator#issueTrackerRemoved(boolean)} every one of these answers 410.
 */
final class IssueEndpoints {
  private static final String BASE = "/2.0/repositories/{ws}/{repo}/issues";

  static ApiResponse removed() {
    return ApiResponse.error(410, "The issue tracker has been removed from Bitbucket Cloud",
        "Bitbucket Cloud removed its issue tracker and the issues API on 2026-08-20. Use Jira for issue tracking.");
  }

  static void register(Router router, EndpointContext ctx) {
    EmulatorStore store = ctx.store();
    router.add("GET", BASE, "issue", guard(ctx, (req, v) -> ctx.pager().page(req,
        PagedList.filterAndSort(req, store.snapshot(v.get("ws"), v.get("repo"), "issues"), true),
        PagedList.DEFAULT_CAP)));
    router.add("POST", BASE, "issue:write", guard(ctx, (req, v) -> EndpointContext.created(
        store.creator().issue(v.get("ws"), v.get("repo"), Json.parseObject(req.body())))));
    router.add("GET", BASE + "/{id}", "issue", guard(ctx, (req, v) -> ApiResponse.json(200, issue(store, v))));
    router.add("PUT", BASE + "/{id}", "issue:write", guard(ctx, (req, v) -> {
      issue(store, v);
      ObjectNode body = Json.parseObject(req.body());
      Table issues = store.repository(v.get("ws"), v.get("repo")).issues;
      return ApiResponse.json(200, EndpointContext.update(issues, v.get("id"), i -> {
        for (String f : new String[] {"title", "state", "kind", "priority"}) {
          ProjectEndpoints.copyText(body, i, f);
        }
        String listBase = Json.text(i, "repository.links.self.href") + "/";
        for (String f : new String[] {"component", "milestone", "version"}) {
          if (body.has(f)) {
            i.set(f, ResourceFactory.named(f, body.get(f).isNull() ? null : Json.text(body, f + ".name"),
                listBase + f + "s/"));
          }
        }
        String raw = Json.text(body, "content.raw");
        Instant now = Instant.now();
        if (raw != null) {
          i.set("content", ResourceFactory.rendered(raw));
          i.put("edited_on", Timestamps.micros(now));
        }
        i.put("updated_on", Timestamps.micros(now));
      }, "Issue not found"));
    }));
    router.add("DELETE", BASE + "/{id}", "issue:write", guard(ctx, (req, v) -> {
      issue(store, v);
      EmulatorStore.RepositoryData data = store.repository(v.get("ws"), v.get("repo"));
      int id = Integer.parseInt(v.get("id"));
      for (ObjectNode c : data.issueComments.snapshot()) {
        if (c.get("issue").get("id").asInt() == id) {
          data.issueComments.remove(c.get("id").asText());
        }
      }
      data.issues.remove(v.get("id"));
      return ApiResponse.noContent();
    }));

    router.add("GET", BASE + "/{id}/comments", "issue", guard(ctx, (req, v) -> {
      issue(store, v);
      int id = Integer.parseInt(v.get("id"));
      List<ObjectNode> comments = PagedList.where(store.snapshot(v.get("ws"), v.get("repo"), "issue_comments"),
          c -> c.get("issue").get("id").asInt() == id);
      return ctx.pager().page(req, PagedList.filterAndSort(req, comments, true), PagedList.DEFAULT_CAP);
    }));
    router.add("POST", BASE + "/{id}/comments", "issue:write", guard(ctx, (req, v) -> {
      issue(store, v);
      ObjectNode body = Json.parseObject(req.body());
      body.putObject("issue").put("id", Integer.parseInt(v.get("id")));
      return EndpointContext.created(store.creator().issueComment(v.get("ws"), v.get("repo"), body));
    }));
    router.add("GET", BASE + "/{id}/comments/{cid}", "issue", guard(ctx, (req, v) -> ApiResponse.json(200, comment(store, v))));
    router.add("PUT", BASE + "/{id}/comments/{cid}", "issue:write", guard(ctx, (req, v) -> {
      comment(store, v);
      String raw = Json.text(Json.parseObject(req.body()), "content.raw");
      if (raw == null) {
        throw new ApiException(ApiResponse.fieldError("content", "This field is required."));
      }
      Table comments = store.repository(v.get("ws"), v.get("repo")).issueComments;
      return ApiResponse.json(200, EndpointContext.update(comments, v.get("cid"), c -> {
        c.set("content", ResourceFactory.rendered(raw));
        c.put("updated_on", Timestamps.micros(Instant.now()));
      }, "Comment not found"));
    }));
    router.add("DELETE", BASE + "/{id}/comments/{cid}", "issue:write", guard(ctx, (req, v) -> {
      comment(store, v);
      store.repository(v.get("ws"), v.get("repo")).issueComments.remove(v.get("cid"));
      return ApiResponse.noContent();
    }));
  }

  /** 410 when the tracker is switched off; 404 when the repository has no tracker. */
  private static Router.Handler guard(EndpointContext ctx, Router.Handler h) {
    return (req, v) -> {
      if (ctx.issueTrackerRemoved().get()) {
        return removed();
      }
      ObjectNode repo = ctx.store().repositoryObject(v.get("ws"), v.get("repo"));
      if (!repo.path("has_issues").asBoolean()) {
        throw ApiException.notFound("Repository has no issue tracker.");
      }
      return h.handle(req, v);
    };
  }

  private static ObjectNode issue(EmulatorStore store, Map<String, String> v) {
    if (!v.get("id").matches("\\d{1,9}")) {
      throw ApiException.notFound("Issue " + v.get("id") + " not found");
    }
    ObjectNode i = store.repository(v.get("ws"), v.get("repo")).issues.get(v.get("id"));
    if (i == null) {
      throw ApiException.notFound("Issue " + v.get("id") + " not found");
    }
    return i;
  }

  private static ObjectNode comment(EmulatorStore store, Map<String, String> v) {
    issue(store, v);
    ObjectNode c = store.repository(v.get("ws"), v.get("repo")).issueComments.get(v.get("cid"));
    if (c == null || !String.valueOf(c.get("issue").get("id").asInt()).equals(v.get("id"))) {
      throw ApiException.notFound("Comment " + v.get("cid") + " not found on issue " + v.get("id"));
    }
    return c;
  }

  private IssueEndpoints() {}
}
