package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Pull requests (list, get, create, update, decline, merge) and their comments (list, get, create, update, delete). */
final class PullRequestEndpoints {
  private static final Set<String> STATES = Set.of("OPEN", "MERGED", "DECLINED", "SUPERSEDED");
  private static final String BASE = "/2.0/repositories/{ws}/{repo}/pullrequests";

  static void register(Router router, EndpointContext ctx) {
    EmulatorStore store = ctx.store();
    router.add("GET", BASE, "pullrequest", (req, v) -> {
      List<ObjectNode> prs = store.snapshot(v.get("ws"), v.get("repo"), "pullrequests");
      String q = req.param("q");
      // The API lists OPEN only unless state= says otherwise, and ignores state= once q= is given.
      if (q == null || q.isBlank()) {
        Set<String> wanted = new java.util.HashSet<>();
        boolean all = false;
        for (String s : req.params("state")) {
          String upper = s.toUpperCase(java.util.Locale.ROOT);
          // state=all lists every state (recorded real requests use it, e.g. Apache DevLake's).
          if (upper.equals("ALL")) {
            all = true;
            continue;
          }
          if (!STATES.contains(upper)) {
            throw ApiException.badRequest("Invalid state: " + s + "; use one of OPEN, MERGED, DECLINED, SUPERSEDED");
          }
          wanted.add(upper);
        }
        if (all) {
          wanted.addAll(STATES);
        } else if (wanted.isEmpty()) {
          wanted.add("OPEN");
        }
        prs = PagedList.where(prs, o -> wanted.contains(o.get("state").asText()));
      }
      return ctx.pager().page(req, PagedList.filterAndSort(req, prs, true), PagedList.PULL_REQUEST_CAP);
    });
    router.add("POST", BASE, "pullrequest:write", (req, v) -> EndpointContext.created(full(
        store.creator().pullRequest(v.get("ws"), v.get("repo"), Json.parseObject(req.body())))));
    router.add("GET", BASE + "/{id}", "pullrequest",
        (req, v) -> ApiResponse.json(200, full(pullRequest(store, v))));
    router.add("PUT", BASE + "/{id}", "pullrequest:write", (req, v) -> {
      ObjectNode body = Json.parseObject(req.body());
      EmulatorStore.RepositoryData data = store.repository(v.get("ws"), v.get("repo"));
      ObjectNode repo = store.repositoryObject(v.get("ws"), v.get("repo"));
      return ApiResponse.json(200, full(EndpointContext.update(data.pullrequests, id(v), pr -> {
        requireOpen(pr, "updated");
        ProjectEndpoints.copyText(body, pr, "title");
        ProjectEndpoints.copyText(body, pr, "close_source_branch");
        ProjectEndpoints.copyText(body, pr, "draft");
        if (body.has("description")) {
          pr.set("description", body.get("description"));
          pr.set("summary", ResourceFactory.rendered(body.get("description").asText()));
        }
        String dest = Json.text(body, "destination.branch.name");
        if (dest != null) {
          JsonNode branch = data.branches.get(dest);
          if (branch == null) {
            throw new ApiException(ApiResponse.fieldError("destination", "branch not found: " + dest));
          }
          ObjectNode end = (ObjectNode) pr.get("destination");
          ((ObjectNode) end.get("branch")).put("name", dest);
          end.set("commit", ctx.factory().commitRef(repo, branch.get("target").get("hash").asText().substring(0, 12)));
        }
        pr.put("updated_on", Timestamps.micros(Instant.now()));
      }, notFound(v))));
    });
    router.add("POST", BASE + "/{id}/decline", "pullrequest:write", (req, v) -> {
      EmulatorStore.RepositoryData data = store.repository(v.get("ws"), v.get("repo"));
      return ApiResponse.json(200, full(EndpointContext.update(data.pullrequests, id(v), pr -> {
        requireOpen(pr, "declined");
        pr.put("state", "DECLINED");
        pr.set("closed_by", ctx.factory().account(store.currentUser()));
        pr.put("updated_on", Timestamps.micros(Instant.now()));
      }, notFound(v))));
    });
    router.add("POST", BASE + "/{id}/merge", "pullrequest:write", (req, v) -> {
      EmulatorStore.RepositoryData data = store.repository(v.get("ws"), v.get("repo"));
      ObjectNode repo = store.repositoryObject(v.get("ws"), v.get("repo"));
      ObjectNode body = Json.parseObject(req.body());
      return ApiResponse.json(200, full(EndpointContext.update(data.pullrequests, id(v), pr -> {
        requireOpen(pr, "merged");
        String dest = Json.text(pr, "destination.branch.name");
        String message = ObjectCreator.textOr(body, "message", "Merged in " + Json.text(pr, "source.branch.name")
            + " (pull request #" + pr.get("id").asInt() + ")\n\n" + pr.get("title").asText() + "\n");
        // The merge lands on the destination branch as a new commit, as on the real server.
        ObjectNode commitFields = Json.object().put("message", message).put("branch", dest);
        ObjectNode merge = data.branches.get(dest) == null ? null
            : store.creator().commit(v.get("ws"), v.get("repo"), commitFields);
        String hash = merge == null ? "0000000000000000000000000000000000000000" : merge.get("hash").asText();
        pr.put("state", "MERGED");
        pr.set("merge_commit", ctx.factory().commitRef(repo, hash.substring(0, 12)));
        pr.set("closed_by", ctx.factory().account(store.currentUser()));
        pr.put("updated_on", Timestamps.micros(Instant.now()));
        if (body.has("close_source_branch")) {
          pr.put("close_source_branch", body.get("close_source_branch").asBoolean());
        }
      }, notFound(v))));
    });

    router.add("GET", BASE + "/{id}/comments", "pullrequest", (req, v) -> {
      pullRequest(store, v);
      int prId = Integer.parseInt(id(v));
      List<ObjectNode> comments = PagedList.where(store.snapshot(v.get("ws"), v.get("repo"), "pullrequest_comments"),
          c -> c.get("pullrequest").get("id").asInt() == prId);
      return ctx.pager().page(req, PagedList.filterAndSort(req, comments, true), PagedList.DEFAULT_CAP);
    });
    router.add("POST", BASE + "/{id}/comments", "pullrequest:write", (req, v) -> {
      pullRequest(store, v);
      ObjectNode body = Json.parseObject(req.body());
      body.putObject("pullrequest").put("id", Integer.parseInt(id(v)));
      return EndpointContext.created(store.creator().pullRequestComment(v.get("ws"), v.get("repo"), body));
    });
    router.add("GET", BASE + "/{id}/comments/{cid}", "pullrequest",
        (req, v) -> ApiResponse.json(200, comment(store, v)));
    router.add("PUT", BASE + "/{id}/comments/{cid}", "pullrequest:write", (req, v) -> {
      comment(store, v);
      ObjectNode body = Json.parseObject(req.body());
      String raw = Json.text(body, "content.raw");
      if (raw == null) {
        throw new ApiException(ApiResponse.fieldError("content", "This field is required."));
      }
      Table comments = store.repository(v.get("ws"), v.get("repo")).pullrequestComments;
      return ApiResponse.json(200, EndpointContext.update(comments, v.get("cid"), c -> {
        c.set("content", ResourceFactory.rendered(raw));
        c.put("updated_on", Timestamps.micros(Instant.now()));
      }, "Comment not found"));
    });
    router.add("DELETE", BASE + "/{id}/comments/{cid}", "pullrequest:write", (req, v) -> {
      ObjectNode pr = pullRequest(store, v);
      comment(store, v);
      EmulatorStore.RepositoryData data = store.repository(v.get("ws"), v.get("repo"));
      data.pullrequestComments.remove(v.get("cid"));
      ObjectCreator.bumpCount(data.pullrequests, pr, "comment_count", -1);
      return ApiResponse.noContent();
    });
  }

  private static String id(java.util.Map<String, String> v) {
    String id = v.get("id");
    if (!id.matches("\\d{1,9}")) {
      throw ApiException.notFound("Pull request " + id + " not found");
    }
    return id;
  }

  private static String notFound(java.util.Map<String, String> v) {
    return "Pull request " + v.get("id") + " not found in " + v.get("ws") + "/" + v.get("repo");
  }

  /**
   * A single pull request as GET, POST, PUT, decline and merge answer it: with the
   * {@code reviewers} and {@code participants} arrays that lists leave out (the data set records
   * no reviews, so both are empty).
   */
  private static ObjectNode full(ObjectNode pr) {
    ObjectNode copy = pr.deepCopy();
    if (!copy.has("reviewers")) {
      copy.putArray("reviewers");
    }
    if (!copy.has("participants")) {
      copy.putArray("participants");
    }
    return copy;
  }

  static ObjectNode pullRequest(EmulatorStore store, java.util.Map<String, String> v) {
    ObjectNode pr = store.repository(v.get("ws"), v.get("repo")).pullrequests.get(id(v));
    if (pr == null) {
      throw ApiException.notFound(notFound(v));
    }
    return pr;
  }

  private static ObjectNode comment(EmulatorStore store, java.util.Map<String, String> v) {
    pullRequest(store, v);
    ObjectNode c = store.repository(v.get("ws"), v.get("repo")).pullrequestComments.get(v.get("cid"));
    if (c == null || !String.valueOf(c.get("pullrequest").get("id").asInt()).equals(v.get("id"))) {
      throw ApiException.notFound("Comment " + v.get("cid") + " not found on pull request " + v.get("id"));
    }
    return c;
  }

  private static void requireOpen(ObjectNode pr, String verb) {
    String state = pr.get("state").asText();
    if (!"OPEN".equals(state)) {
      throw ApiException.badRequest("The pull request is " + state + "; only open pull requests can be " + verb + ".");
    }
  }

  private PullRequestEndpoints() {}
}
