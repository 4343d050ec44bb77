package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Creates objects the way the API's POST endpoints do: validates the request fields with the real
 * error shapes, fills in what the server decides (ids, uuids, timestamps, author, links) and
 * stores the result. Shared by the HTTP handlers and {@link EmulatorStore#create}.
 */
final class ObjectCreator {
  private final EmulatorStore store;
  private final ResourceFactory factory;
  private final Random random = new SecureRandom();

  ObjectCreator(EmulatorStore store, ResourceFactory factory) {
    this.store = store;
    this.factory = factory;
  }

  ObjectNode create(String workspace, String repo, String collection, ObjectNode f) {
    return switch (collection) {
      case "projects" -> project(workspace, f);
      case "repositories" -> repository(workspace, repo != null ? repo : Json.text(f, "slug"), f);
      case "pullrequests" -> pullRequest(workspace, repo, f);
      case "pullrequest_comments" -> pullRequestComment(workspace, repo, f);
      case "commits" -> commit(workspace, repo, f);
      case "branches" -> branch(workspace, repo, f);
      case "tags" -> tag(workspace, repo, f);
      case "pipelines" -> pipeline(workspace, repo, f);
      case "issues" -> issue(workspace, repo, f);
      case "issue_comments" -> issueComment(workspace, repo, f);
      default -> throw ApiException.badRequest("Objects of '" + collection + "' cannot be created");
    };
  }

  private static String required(ObjectNode f, String path) {
    String v = Json.text(f, path);
    if (v == null || v.isBlank()) {
      throw new ApiException(ApiResponse.fieldError(path.split("\\.")[0], "This field is required."));
    }
    return v;
  }

  private synchronized String uuid() {
    return EmulatorStore.newUuid(random);
  }

  private synchronized String hash() {
    byte[] b = new byte[20];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  ObjectNode project(String workspace, ObjectNode f) {
    EmulatorStore.WorkspaceData ws = store.workspace(workspace);
    String key = required(f, "key").toUpperCase(java.util.Locale.ROOT);
    String name = required(f, "name");
    synchronized (ws.projects) {
      if (ws.projects.get(key) != null) {
        throw new ApiException(ApiResponse.fieldError("key", "Project with this Owner and Key already exists."));
      }
      Instant now = Instant.now();
      ObjectNode p = factory.project(ws.workspace, key, uuid(), name, textOr(f, "description", ""),
          f.path("is_private").asBoolean(true), now, now);
      ws.projects.put(p);
      return p;
    }
  }

  ObjectNode repository(String workspace, String slug, ObjectNode f) {
    EmulatorStore.WorkspaceData ws = store.workspace(workspace);
    if (slug == null || slug.isBlank()) {
      throw new ApiException(ApiResponse.fieldError("slug", "This field is required."));
    }
    String projectKey = Json.text(f, "project.key");
    JsonNode project = projectKey != null ? ws.projects.get(projectKey)
        : ws.projects.snapshot().isEmpty() ? null : ws.projects.snapshot().get(0);
    if (project == null) {
      throw new ApiException(ApiResponse.fieldError("project", projectKey == null
          ? "A project is required: the workspace has none." : "Project " + projectKey + " not found."));
    }
    synchronized (ws.repositories) {
      if (ws.repositories.get(slug) != null) {
        throw ApiException.badRequest("Repository with this Slug and Owner already exists.");
      }
      Instant now = Instant.now();
      ObjectNode r = factory.repository(ws.workspace, project, slug, textOr(f, "name", slug), uuid(),
          textOr(f, "description", ""), f.path("is_private").asBoolean(true),
          textOr(f, "fork_policy", "no_public_forks"), textOr(f, "language", ""), 0L,
          f.path("has_issues").asBoolean(false), f.path("has_wiki").asBoolean(false),
          textOr(f, "mainbranch.name", "main"), now, now);
      EmulatorStore.RepositoryData data = new EmulatorStore.RepositoryData();
      // A new repository has one commit on its main branch, like one created with a README.
      ObjectNode initial = factory.commit(r, hash(), store.currentUser(), now, "Initial commit\n", List.of());
      data.commits.put(initial);
      data.branches.put(factory.branch(r, r.get("mainbranch").get("name").asText(), initial));
      ws.repos.put(slug, data);
      ws.repositories.put(r);
      return r;
    }
  }

  ObjectNode pullRequest(String workspace, String repo, ObjectNode f) {
    EmulatorStore.RepositoryData data = store.repository(workspace, repo);
    ObjectNode r = store.repositoryObject(workspace, repo);
    String title = required(f, "title");
    String source = Json.text(f, "source.branch.name");
    if (source == null || source.isBlank()) {
      throw new ApiException(ApiResponse.fieldError("source", "This field is required."));
    }
    JsonNode sourceBranch = data.branches.get(source);
    if (sourceBranch == null) {
      throw new ApiException(ApiResponse.fieldError("source", "branch not found: " + source));
    }
    String destination = textOr(f, "destination.branch.name", r.get("mainbranch").get("name").asText());
    JsonNode destinationBranch = data.branches.get(destination);
    if (destinationBranch == null) {
      throw new ApiException(ApiResponse.fieldError("destination", "branch not found: " + destination));
    }
    if (source.equals(destination)) {
      throw new ApiException(ApiResponse.fieldError("source", "source and destination branches must differ"));
    }
    Instant now = Instant.now();
    ObjectNode pr = factory.pullRequest(r, data.nextPullRequestId.getAndIncrement(), title,
        textOr(f, "description", ""), "OPEN", f.path("draft").asBoolean(false), store.currentUser(), source,
        sourceBranch.get("target").get("hash").asText(), destination,
        destinationBranch.get("target").get("hash").asText(), f.path("close_source_branch").asBoolean(false), now,
        now);
    data.pullrequests.put(pr);
    return pr;
  }

  ObjectNode pullRequestComment(String workspace, String repo, ObjectNode f) {
    EmulatorStore.RepositoryData data = store.repository(workspace, repo);
    ObjectNode r = store.repositoryObject(workspace, repo);
    String prId = required(f, "pullrequest.id");
    ObjectNode pr = data.pullrequests.get(prId);
    if (pr == null) {
      throw ApiException.notFound("Pull request " + prId + " not found");
    }
    String raw = required(f, "content.raw");
    Long parent = f.path("parent").has("id") ? f.path("parent").get("id").asLong() : null;
    if (parent != null && data.pullrequestComments.get(String.valueOf(parent)) == null) {
      throw new ApiException(ApiResponse.fieldError("parent", "Comment " + parent + " not found."));
    }
    JsonNode inline = f.path("inline");
    Instant now = Instant.now();
    ObjectNode c = factory.pullRequestComment(r, pr, store.nextCommentId(), parent, raw, store.currentUser(),
        inline.has("path") ? inline.get("path").asText() : null,
        inline.hasNonNull("from") ? inline.get("from").asInt() : null,
        inline.hasNonNull("to") ? inline.get("to").asInt() : null, now, now);
    data.pullrequestComments.put(c);
    bumpCount(data.pullrequests, pr, "comment_count", 1);
    return c;
  }

  /** Keeps a parent's counter (comment_count) in step with its children. */
  static void bumpCount(Table table, ObjectNode parent, String field, int delta) {
    synchronized (table) {
      ObjectNode current = table.get(table.keyOf(parent));
      if (current != null) {
        ObjectNode copy = current.deepCopy();
        copy.put(field, Math.max(0, copy.path(field).asInt() + delta));
        table.put(copy);
      }
    }
  }

  ObjectNode commit(String workspace, String repo, ObjectNode f) {
    EmulatorStore.RepositoryData data = store.repository(workspace, repo);
    ObjectNode r = store.repositoryObject(workspace, repo);
    String branchName = textOr(f, "branch", r.get("mainbranch").get("name").asText());
    synchronized (data.branches) {
      JsonNode branch = data.branches.get(branchName);
      if (branch == null) {
        throw new ApiException(ApiResponse.fieldError("branch", "branch not found: " + branchName));
      }
      ObjectNode c = factory.commit(r, hash(), store.currentUser(), Instant.now(), textOr(f, "message", "Change\n"),
          List.of(branch.get("target").get("hash").asText()));
      data.commits.put(c);
      data.branches.put(factory.branch(r, branchName, c));
      return c;
    }
  }

  ObjectNode branch(String workspace, String repo, ObjectNode f) {
    EmulatorStore.RepositoryData data = store.repository(workspace, repo);
    ObjectNode r = store.repositoryObject(workspace, repo);
    String name = required(f, "name");
    JsonNode target = resolveTarget(data, required(f, "target.hash"));
    synchronized (data.branches) {
      if (data.branches.get(name) != null) {
        throw ApiException.badRequest("BRANCH_ALREADY_EXISTS: Branch \"" + name + "\" already exists.");
      }
      ObjectNode b = factory.branch(r, name, target);
      data.branches.put(b);
      return b;
    }
  }

  ObjectNode tag(String workspace, String repo, ObjectNode f) {
    EmulatorStore.RepositoryData data = store.repository(workspace, repo);
    ObjectNode r = store.repositoryObject(workspace, repo);
    String name = required(f, "name");
    JsonNode target = resolveTarget(data, required(f, "target.hash"));
    synchronized (data.tags) {
      if (data.tags.get(name) != null) {
        throw ApiException.badRequest("tag \"" + name + "\" already exists");
      }
      String message = Json.text(f, "message");
      ObjectNode t = factory.tag(r, name, target, message == null ? null : store.currentUser(),
          message == null ? null : Instant.now(), message == null ? null : message);
      data.tags.put(t);
      return t;
    }
  }

  /** A full or abbreviated (>= 7 chars) commit hash, or a branch name, as the API resolves targets. */
  static JsonNode resolveTarget(EmulatorStore.RepositoryData data, String ref) {
    JsonNode c = data.commits.get(ref);
    if (c == null) {
      JsonNode b = data.branches.get(ref);
      if (b != null) {
        c = data.commits.get(b.get("target").get("hash").asText());
      }
    }
    if (c == null && ref.length() >= 7) {
      for (ObjectNode candidate : data.commits.snapshot()) {
        if (candidate.get("hash").asText().startsWith(ref)) {
          c = candidate;
          break;
        }
      }
    }
    if (c == null) {
      throw new ApiException(ApiResponse.fieldError("target", "commit not found: " + ref));
    }
    return c;
  }

  ObjectNode pipeline(String workspace, String repo, ObjectNode f) {
    EmulatorStore.RepositoryData data = store.repository(workspace, repo);
    ObjectNode r = store.repositoryObject(workspace, repo);
    String refName = Json.text(f, "target.ref_name");
    if (refName == null) {
      throw ApiException.badRequest("target.ref_name is required to trigger a pipeline");
    }
    String refType = textOr(f, "target.ref_type", "branch");
    JsonNode ref = "tag".equals(refType) ? data.tags.get(refName) : data.branches.get(refName);
    if (ref == null) {
      throw ApiException.badRequest("Could not find " + refType + " '" + refName + "' in repository " + repo);
    }
    ObjectNode p = factory.pipeline(r, uuid(), data.nextBuildNumber.getAndIncrement(), store.currentUser(), refType,
        refName, ref.get("target").get("hash").asText(), "MANUAL", "PENDING", null, Instant.now(), null, 0);
    data.pipelines.put(p);
    return p;
  }

  ObjectNode issue(String workspace, String repo, ObjectNode f) {
    EmulatorStore.RepositoryData data = store.repository(workspace, repo);
    ObjectNode r = store.repositoryObject(workspace, repo);
    String title = required(f, "title");
    Instant now = Instant.now();
    ObjectNode i = factory.issue(r, data.nextIssueId.getAndIncrement(), title, textOr(f, "content.raw", ""),
        store.currentUser(), null, textOr(f, "state", "new"), textOr(f, "kind", "bug"),
        textOr(f, "priority", "major"), Json.text(f, "component.name"), Json.text(f, "milestone.name"),
        Json.text(f, "version.name"), 0, 1, now, now, null);
    data.issues.put(i);
    return i;
  }

  ObjectNode issueComment(String workspace, String repo, ObjectNode f) {
    EmulatorStore.RepositoryData data = store.repository(workspace, repo);
    ObjectNode r = store.repositoryObject(workspace, repo);
    String issueId = required(f, "issue.id");
    ObjectNode issue = data.issues.get(issueId);
    if (issue == null) {
      throw ApiException.notFound("Issue " + issueId + " not found");
    }
    String raw = required(f, "content.raw");
    Instant now = Instant.now();
    ObjectNode c = factory.issueComment(r, issue, store.nextCommentId(), raw, store.currentUser(), now, null);
    data.issueComments.put(c);
    return c;
  }

  static String textOr(ObjectNode f, String path, String fallback) {
    String v = Json.text(f, path);
    return v == null ? fallback : v;
  }
}
