package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Builds API objects shaped exactly like the real ones (field sets copied from the recorded
 * samples): used by the data generator and by the create endpoints, so that generated and created
 * objects look the same. API links point at the emulator's own base URL; html and avatar links
 * at bitbucket.org, as the real API does.
 */
final class ResourceFactory {
  static final String WEB = "https://bitbucket.org";

  private final String api;

  /** @param apiBase the API base URL that links point at, e.g. {@code http://127.0.0.1:7990/2.0} */
  ResourceFactory(String apiBase) {
    this.api = apiBase;
  }

  String apiBase() {
    return api;
  }

  // ---- links ---------------------------------------------------------------------------------

  static ObjectNode href(ObjectNode links, String name, String href) {
    links.putObject(name).put("href", href);
    return links;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static ObjectNode rendered(String raw) {
    ObjectNode content = Json.object();
    content.put("type", "rendered");
    content.put("raw", raw);
    content.put("markup", "markdown");
    content.put("html", raw == null ? "" : "<p>" + escapeHtml(raw).replace("\n\n", "</p>\n<p>") + "</p>");
    return content;
  }

  private static String escapeHtml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  // ---- accounts and workspaces ---------------------------------------------------------------

  /**
   * Embedded forms (accounts, authors, repository references) are shared between the objects that
   * embed them: stored objects are never changed in place (updates replace a deep copy), so sharing
   * is safe and keeps large datasets within a few GB.
   */
  private final java.util.Map<String, ObjectNode> shared = new java.util.concurrent.ConcurrentHashMap<>();

  /** An account as embedded in other objects (author, user, reporter...). */
  ObjectNode account(User u) {
    return shared.computeIfAbsent("account|" + u.uuid(), k -> newAccount(u));
  }

  private ObjectNode newAccount(User u) {
    ObjectNode o = Json.object();
    o.put("display_name", u.displayName());
    ObjectNode links = o.putObject("links");
    href(links, "self", api + "/users/" + enc(u.uuid()));
    href(links, "avatar", "https://secure.gravatar.com/avatar/" + Integer.toHexString(u.uuid().hashCode())
        + "?d=https%3A%2F%2Favatar-management--avatars.us-west-2.prod.public.atl-paas.net%2Finitials%2F"
        + initials(u.displayName()) + "-0.png");
    href(links, "html", WEB + "/" + enc(u.uuid()) + "/");
    o.put("type", "user");
    o.put("uuid", u.uuid());
    o.put("account_id", u.accountId());
    o.put("nickname", u.nickname());
    return o;
  }

  /** {@code GET /user}: the full account object. */
  ObjectNode currentUser(User u, Instant createdOn) {
    ObjectNode o = newAccount(u);
    ObjectNode links = (ObjectNode) o.get("links");
    href(links, "hooks", api + "/users/" + enc(u.uuid()) + "/hooks");
    href(links, "repositories", api + "/repositories/" + enc(u.uuid()));
    href(links, "snippets", api + "/snippets/" + enc(u.uuid()));
    o.put("created_on", Timestamps.micros(createdOn));
    o.put("account_status", "active");
    o.put("is_staff", false);
    o.put("has_2fa_enabled", (String) null);
    o.put("location", (String) null);
    o.put("website", (String) null);
    return o;
  }

  private static String initials(String name) {
    StringBuilder sb = new StringBuilder();
    for (String part : name.split(" ")) {
      if (!part.isEmpty() && sb.length() < 2) {
        sb.append(Character.toUpperCase(part.charAt(0)));
      }
    }
    return sb.toString();
  }

  /** {@code GET /workspaces/{ws}}. */
  ObjectNode workspace(String slug, String uuid, String name, Instant createdOn) {
    ObjectNode o = Json.object();
    o.put("type", "workspace");
    o.put("uuid", uuid);
    o.put("name", name);
    o.put("slug", slug);
    o.put("is_private", true);
    o.put("is_privacy_enforced", false);
    o.put("forking_mode", "allow_forks");
    o.put("created_on", Timestamps.micros(createdOn));
    ObjectNode links = o.putObject("links");
    href(links, "avatar", WEB + "/workspaces/" + slug + "/avatar/?ts=" + createdOn.getEpochSecond());
    href(links, "hooks", api + "/workspaces/" + slug + "/hooks");
    href(links, "html", WEB + "/" + slug + "/");
    href(links, "html_overview", WEB + "/" + slug + "/workspace/overview/");
    href(links, "members", api + "/workspaces/" + slug + "/members");
    href(links, "owners", api + "/workspaces/" + slug + "/members?q=permission%3D%22owner%22");
    href(links, "projects", api + "/workspaces/" + slug + "/projects");
    href(links, "repositories", api + "/repositories/" + slug);
    href(links, "snippets", api + "/snippets/" + slug);
    href(links, "self", api + "/workspaces/" + slug);
    return o;
  }

  /** The short workspace form embedded in repositories and projects. */
  ObjectNode workspaceRef(JsonNode ws) {
    ObjectNode o = Json.object();
    o.put("type", "workspace");
    o.put("uuid", ws.get("uuid").asText());
    o.put("name", ws.get("name").asText());
    String slug = ws.get("slug").asText();
    o.put("slug", slug);
    ObjectNode links = o.putObject("links");
    href(links, "avatar", WEB + "/workspaces/" + slug + "/avatar/");
    href(links, "html", WEB + "/" + slug + "/");
    href(links, "self", api + "/workspaces/" + slug);
    return o;
  }

  /** One element of {@code GET /user/workspaces}. */
  ObjectNode workspaceAccess(JsonNode ws, boolean administrator) {
    ObjectNode o = Json.object();
    o.put("type", "workspace_access");
    o.put("administrator", administrator);
    ObjectNode base = o.putObject("workspace");
    base.put("type", "workspace_base");
    base.put("uuid", ws.get("uuid").asText());
    String slug = ws.get("slug").asText();
    base.put("slug", slug);
    ObjectNode links = base.putObject("links");
    href(links, "avatar", WEB + "/workspaces/" + slug + "/avatar/");
    href(links, "self", api + "/workspaces/" + slug);
    return o;
  }

  /** One element of {@code GET /workspaces/{ws}/members}. */
  ObjectNode membership(JsonNode ws, User u) {
    ObjectNode o = Json.object();
    o.put("type", "workspace_membership");
    href(o.putObject("links"), "self", api + "/workspaces/" + ws.get("slug").asText() + "/members/" + enc(u.uuid()));
    o.set("user", account(u));
    o.set("workspace", workspaceRef(ws));
    return o;
  }

  // ---- projects and repositories -------------------------------------------------------------

  ObjectNode project(JsonNode ws, String key, String uuid, String name, String description, boolean isPrivate,
      Instant createdOn, Instant updatedOn) {
    String slug = ws.get("slug").asText();
    ObjectNode o = Json.object();
    o.put("type", "project");
    ObjectNode links = o.putObject("links");
    href(links, "self", api + "/workspaces/" + slug + "/projects/" + key);
    href(links, "html", WEB + "/" + slug + "/workspace/projects/" + key);
    href(links, "avatar", WEB + "/" + slug + "/workspace/projects/" + key + "/avatar/32?ts=" + createdOn.getEpochSecond());
    o.put("uuid", uuid);
    o.put("key", key);
    ObjectNode owner = o.putObject("owner");
    owner.put("display_name", ws.get("name").asText());
    owner.set("links", workspaceRef(ws).get("links").deepCopy());
    owner.put("type", "team");
    owner.put("uuid", ws.get("uuid").asText());
    owner.put("username", slug);
    o.put("name", name);
    o.put("description", description);
    o.put("is_private", isPrivate);
    o.put("created_on", Timestamps.micros(createdOn));
    o.put("updated_on", Timestamps.micros(updatedOn));
    o.put("has_publicly_visible_repos", !isPrivate);
    return o;
  }

  /** The short project form embedded in repositories. */
  ObjectNode projectRef(JsonNode project) {
    ObjectNode o = Json.object();
    o.put("type", "project");
    o.put("key", project.get("key").asText());
    o.put("uuid", project.get("uuid").asText());
    o.put("name", project.get("name").asText());
    ObjectNode links = o.putObject("links");
    links.set("self", project.get("links").get("self").deepCopy());
    links.set("html", project.get("links").get("html").deepCopy());
    links.set("avatar", project.get("links").get("avatar").deepCopy());
    return o;
  }

  ObjectNode repository(JsonNode ws, JsonNode project, String slug, String name, String uuid, String description,
      boolean isPrivate, String forkPolicy, String language, long size, boolean hasIssues, boolean hasWiki,
      String mainBranch, Instant createdOn, Instant updatedOn) {
    String wsSlug = ws.get("slug").asText();
    String full = wsSlug + "/" + slug;
    ObjectNode o = Json.object();
    o.put("type", "repository");
    o.put("full_name", full);
    ObjectNode links = o.putObject("links");
    href(links, "self", api + "/repositories/" + full);
    href(links, "html", WEB + "/" + full);
    href(links, "avatar", "https://bytebucket.org/ravatar/" + enc(uuid) + "?ts=default");
    href(links, "pullrequests", api + "/repositories/" + full + "/pullrequests");
    href(links, "commits", api + "/repositories/" + full + "/commits");
    href(links, "forks", api + "/repositories/" + full + "/forks");
    href(links, "watchers", api + "/repositories/" + full + "/watchers");
    href(links, "branches", api + "/repositories/" + full + "/refs/branches");
    href(links, "tags", api + "/repositories/" + full + "/refs/tags");
    href(links, "downloads", api + "/repositories/" + full + "/downloads");
    href(links, "source", api + "/repositories/" + full + "/src");
    ArrayNode clone = links.putArray("clone");
    clone.addObject().put("name", "https").put("href", "https://bitbucket.org/" + full + ".git");
    clone.addObject().put("name", "ssh").put("href", "git@bitbucket.org:" + full + ".git");
    href(links, "issues", api + "/repositories/" + full + "/issues");
    href(links, "hooks", api + "/repositories/" + full + "/hooks");
    o.put("name", name);
    o.put("slug", slug);
    o.put("description", description);
    o.put("scm", "git");
    o.putNull("website");
    ObjectNode owner = o.putObject("owner");
    owner.put("display_name", ws.get("name").asText());
    owner.set("links", workspaceRef(ws).get("links").deepCopy());
    owner.put("type", "team");
    owner.put("uuid", ws.get("uuid").asText());
    owner.put("username", wsSlug);
    o.set("workspace", workspaceRef(ws));
    o.put("is_private", isPrivate);
    o.set("project", projectRef(project));
    o.put("fork_policy", forkPolicy);
    o.put("created_on", Timestamps.micros(createdOn));
    o.put("updated_on", Timestamps.micros(updatedOn));
    o.put("size", size);
    o.put("language", language);
    o.put("uuid", uuid);
    ObjectNode main = o.putObject("mainbranch");
    main.put("name", mainBranch);
    main.put("type", "branch");
    ObjectNode override = o.putObject("override_settings");
    override.put("default_merge_strategy", false);
    override.put("branching_model", false);
    o.putNull("parent");
    o.put("enforced_signed_commits", (Boolean) null);
    o.put("has_issues", hasIssues);
    o.put("has_wiki", hasWiki);
    return o;
  }

  /** The short repository form embedded in pull requests, commits, issues... */
  ObjectNode repositoryRef(JsonNode repo) {
    String key = "repo|" + repo.get("uuid").asText() + "|" + repo.get("full_name").asText() + "|" + repo.get("name").asText();
    return shared.computeIfAbsent(key, k -> newRepositoryRef(repo));
  }

  private ObjectNode newRepositoryRef(JsonNode repo) {
    ObjectNode o = Json.object();
    o.put("type", "repository");
    o.put("full_name", repo.get("full_name").asText());
    ObjectNode links = o.putObject("links");
    JsonNode rl = repo.get("links");
    links.set("self", rl.get("self").deepCopy());
    links.set("html", rl.get("html").deepCopy());
    links.set("avatar", rl.get("avatar").deepCopy());
    o.put("name", repo.get("name").asText());
    o.put("uuid", repo.get("uuid").asText());
    return o;
  }

  // ---- commits and refs ----------------------------------------------------------------------

  private ObjectNode commitLinks(String full, String hash, boolean full_) {
    ObjectNode links = Json.object();
    href(links, "self", api + "/repositories/" + full + "/commit/" + hash);
    href(links, "html", WEB + "/" + full + "/commits/" + hash);
    if (full_) {
      href(links, "diff", api + "/repositories/" + full + "/diff/" + hash);
      href(links, "approve", api + "/repositories/" + full + "/commit/" + hash + "/approve");
      href(links, "comments", api + "/repositories/" + full + "/commit/" + hash + "/comments");
      href(links, "statuses", api + "/repositories/" + full + "/commit/" + hash + "/statuses");
      href(links, "patch", api + "/repositories/" + full + "/patch/" + hash);
    }
    return links;
  }

  /** A short commit reference ({@code hash}, {@code links}, {@code type}) as in parents and PR ends. */
  ObjectNode commitRef(JsonNode repo, String hash) {
    ObjectNode o = Json.object();
    o.put("hash", hash);
    o.set("links", commitLinks(repo.get("full_name").asText(), hash, false));
    o.put("type", "commit");
    return o;
  }

  ObjectNode author(User u) {
    return shared.computeIfAbsent("author|" + u.uuid(), k -> newAuthor(u));
  }

  private ObjectNode newAuthor(User u) {
    ObjectNode a = Json.object();
    a.put("type", "author");
    a.put("raw", u.displayName() + " <" + u.email() + ">");
    a.set("user", account(u));
    return a;
  }

  /** {@code GET /commit/{hash}} and the elements of {@code /commits}. */
  ObjectNode commit(JsonNode repo, String hash, User author, Instant date, String message, List<String> parents) {
    String full = repo.get("full_name").asText();
    ObjectNode o = Json.object();
    o.put("type", "commit");
    o.put("hash", hash);
    o.put("date", Timestamps.seconds(date));
    o.set("author", author(author));
    o.put("message", message);
    ObjectNode summary = rendered(message);
    o.set("summary", summary);
    o.set("links", commitLinks(full, hash, true));
    ArrayNode ps = o.putArray("parents");
    for (String p : parents) {
      ps.add(commitRef(repo, p));
    }
    o.putObject("rendered").set("message", summary);
    o.set("repository", repositoryRef(repo));
    return o;
  }

  /** A commit as embedded in a branch or tag ({@code target}): no summary/rendered/participants. */
  ObjectNode commitTarget(JsonNode commit) {
    ObjectNode t = commit.deepCopy();
    t.remove("summary");
    t.remove("rendered");
    return t;
  }

  ObjectNode branch(JsonNode repo, String name, JsonNode targetCommit) {
    String full = repo.get("full_name").asText();
    ObjectNode o = Json.object();
    o.put("name", name);
    ObjectNode links = o.putObject("links");
    href(links, "commits", api + "/repositories/" + full + "/commits/" + enc(name));
    href(links, "self", api + "/repositories/" + full + "/refs/branches/" + enc(name));
    href(links, "html", WEB + "/" + full + "/branch/" + enc(name));
    o.put("default_merge_strategy", "merge_commit");
    ArrayNode strategies = o.putArray("merge_strategies");
    strategies.add("merge_commit").add("squash").add("fast_forward");
    o.put("type", "branch");
    o.set("target", commitTarget(targetCommit));
    return o;
  }

  ObjectNode tag(JsonNode repo, String name, JsonNode targetCommit, User tagger, Instant date, String message) {
    String full = repo.get("full_name").asText();
    ObjectNode o = Json.object();
    o.put("name", name);
    o.put("type", "tag");
    o.put("message", message);
    o.put("date", date == null ? null : Timestamps.seconds(date));
    if (tagger == null) {
      o.putNull("tagger");
    } else {
      o.set("tagger", author(tagger));
    }
    o.set("target", commitTarget(targetCommit));
    ObjectNode links = o.putObject("links");
    href(links, "self", api + "/repositories/" + full + "/refs/tags/" + enc(name));
    href(links, "commits", api + "/repositories/" + full + "/commits/" + enc(name));
    href(links, "html", WEB + "/" + full + "/commits/tag/" + enc(name));
    return o;
  }

  // ---- pull requests and comments -------------------------------------------------------------

  private ObjectNode prEnd(JsonNode repo, String branch, String commitHash, boolean source) {
    ObjectNode end = Json.object();
    ObjectNode commit = commitRef(repo, commitHash.substring(0, Math.min(12, commitHash.length())));
    end.set("commit", commit);
    end.set("repository", repositoryRef(repo));
    ObjectNode b = end.putObject("branch");
    b.put("name", branch);
    if (source) {
      // Recorded 2026 responses carry an empty links object on the source branch only.
      b.putObject("links");
    }
    return end;
  }

  ObjectNode pullRequest(JsonNode repo, int id, String title, String description, String state, boolean draft,
      User author, String sourceBranch, String sourceHash, String destinationBranch, String destinationHash,
      boolean closeSourceBranch, Instant createdOn, Instant updatedOn) {
    String full = repo.get("full_name").asText();
    String self = api + "/repositories/" + full + "/pullrequests/" + id;
    ObjectNode o = Json.object();
    o.put("description", description);
    ObjectNode links = o.putObject("links");
    href(links, "decline", self + "/decline");
    href(links, "diffstat", api + "/repositories/" + full + "/diffstat/" + full + ":" + sourceHash.substring(0, 12)
        + "%0D" + destinationHash.substring(0, 12) + "?from_pullrequest_id=" + id);
    href(links, "commits", self + "/commits");
    href(links, "self", self);
    href(links, "comments", self + "/comments");
    href(links, "merge", self + "/merge");
    href(links, "html", WEB + "/" + full + "/pull-requests/" + id);
    href(links, "activity", self + "/activity");
    href(links, "request-changes", self + "/request-changes");
    href(links, "diff", api + "/repositories/" + full + "/diff/" + full + ":" + sourceHash.substring(0, 12)
        + "%0D" + destinationHash.substring(0, 12) + "?from_pullrequest_id=" + id);
    href(links, "approve", self + "/approve");
    href(links, "statuses", self + "/statuses");
    o.put("title", title);
    o.put("close_source_branch", closeSourceBranch);
    o.put("type", "pullrequest");
    o.put("id", id);
    o.set("destination", prEnd(repo, destinationBranch, destinationHash, false));
    o.put("created_on", Timestamps.micros(createdOn));
    o.set("summary", rendered(description));
    o.set("source", prEnd(repo, sourceBranch, sourceHash, true));
    o.put("comment_count", 0);
    o.put("state", state);
    o.put("task_count", 0);
    o.put("draft", draft);
    o.put("reason", "");
    o.put("updated_on", Timestamps.micros(updatedOn));
    o.set("author", account(author));
    o.putNull("merge_commit");
    o.putNull("closed_by");
    return o;
  }

  ObjectNode pullRequestComment(JsonNode repo, JsonNode pullRequest, long id, Long parentId, String raw, User user,
      String inlinePath, Integer inlineFrom, Integer inlineTo, Instant createdOn, Instant updatedOn) {
    String full = repo.get("full_name").asText();
    int prId = pullRequest.get("id").asInt();
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("created_on", Timestamps.micros(createdOn));
    o.put("updated_on", Timestamps.micros(updatedOn));
    o.set("content", rendered(raw));
    o.set("user", account(user));
    o.put("deleted", false);
    if (parentId != null) {
      ObjectNode parent = o.putObject("parent");
      // The OpenAPI document makes a parent a comment, whose base object requires "type".
      parent.put("type", "pullrequest_comment");
      parent.put("id", parentId);
      ObjectNode pl = parent.putObject("links");
      href(pl, "self", api + "/repositories/" + full + "/pullrequests/" + prId + "/comments/" + parentId);
      href(pl, "html", WEB + "/" + full + "/pull-requests/" + prId + "/_/diff#comment-" + parentId);
    }
    if (inlinePath != null) {
      ObjectNode inline = o.putObject("inline");
      inline.put("from", inlineFrom);
      inline.put("to", inlineTo);
      inline.put("path", inlinePath);
    }
    o.put("type", "pullrequest_comment");
    ObjectNode links = o.putObject("links");
    href(links, "self", api + "/repositories/" + full + "/pullrequests/" + prId + "/comments/" + id);
    href(links, "html", WEB + "/" + full + "/pull-requests/" + prId + "/_/diff#comment-" + id);
    if (inlinePath != null) {
      href(links, "code", api + "/repositories/" + full + "/diff/" + full + ":"
          + Json.text(pullRequest, "destination.commit.hash") + ".." + Json.text(pullRequest, "source.commit.hash")
          + "?path=" + enc(inlinePath));
    }
    ObjectNode pr = o.putObject("pullrequest");
    pr.put("type", "pullrequest");
    pr.put("id", prId);
    pr.put("title", pullRequest.get("title").asText());
    ObjectNode prl = pr.putObject("links");
    href(prl, "self", api + "/repositories/" + full + "/pullrequests/" + prId);
    href(prl, "html", WEB + "/" + full + "/pull-requests/" + prId);
    o.put("pending", false);
    return o;
  }

  // ---- pipelines -------------------------------------------------------------------------------

  ObjectNode pipeline(JsonNode repo, String uuid, int buildNumber, User creator, String refType, String refName,
      String commitHash, String triggerName, String stateName, String resultName, Instant createdOn,
      Instant completedOn, int durationSeconds) {
    String full = repo.get("full_name").asText();
    ObjectNode o = Json.object();
    o.put("type", "pipeline");
    o.put("uuid", uuid);
    o.put("build_number", buildNumber);
    o.set("creator", account(creator));
    o.set("repository", repositoryRef(repo));
    ObjectNode target = o.putObject("target");
    target.put("type", "pipeline_ref_target");
    target.put("ref_type", refType);
    target.put("ref_name", refName);
    ObjectNode selector = target.putObject("selector");
    selector.put("type", refType.equals("tag") ? "tags" : "branches");
    selector.put("pattern", refName);
    ObjectNode commit = target.putObject("commit");
    commit.put("type", "commit");
    commit.put("hash", commitHash);
    commit.set("links", commitLinks(full, commitHash, false));
    ObjectNode trigger = o.putObject("trigger");
    trigger.put("name", triggerName);
    trigger.put("type", "pipeline_trigger_" + triggerName.toLowerCase(java.util.Locale.ROOT));
    o.set("state", pipelineState(stateName, resultName));
    o.put("created_on", Timestamps.pipelines(createdOn));
    if (completedOn != null) {
      o.put("completed_on", Timestamps.pipelines(completedOn));
    }
    o.put("run_number", 1);
    o.put("duration_in_seconds", durationSeconds);
    o.put("build_seconds_used", durationSeconds);
    o.put("first_successful", false);
    o.put("expired", false);
    o.put("has_variables", false);
    ObjectNode links = o.putObject("links");
    href(links, "self", api + "/repositories/" + full + "/pipelines/" + enc(uuid));
    href(links, "steps", api + "/repositories/" + full + "/pipelines/" + enc(uuid) + "/steps/");
    return o;
  }

  static ObjectNode pipelineState(String stateName, String resultName) {
    ObjectNode state = Json.object();
    state.put("name", stateName);
    String lower = stateName.toLowerCase(java.util.Locale.ROOT);
    state.put("type", "pipeline_state_" + lower);
    if ("COMPLETED".equals(stateName)) {
      ObjectNode result = state.putObject("result");
      result.put("name", resultName);
      result.put("type", "pipeline_state_completed_" + resultName.toLowerCase(java.util.Locale.ROOT));
    } else if ("IN_PROGRESS".equals(stateName)) {
      ObjectNode stage = state.putObject("stage");
      stage.put("name", "RUNNING");
      stage.put("type", "pipeline_state_in_progress_running");
    }
    return state;
  }

  // ---- legacy issues ---------------------------------------------------------------------------

  ObjectNode issue(JsonNode repo, int id, String title, String raw, User reporter, User assignee, String state,
      String kind, String priority, String component, String milestone, String version, int votes, int watches,
      Instant createdOn, Instant updatedOn, Instant editedOn) {
    String full = repo.get("full_name").asText();
    String self = api + "/repositories/" + full + "/issues/" + id;
    ObjectNode o = Json.object();
    o.put("type", "issue");
    o.put("id", id);
    o.set("repository", repositoryRef(repo));
    ObjectNode links = o.putObject("links");
    href(links, "self", self);
    href(links, "html", WEB + "/" + full + "/issues/" + id);
    href(links, "comments", self + "/comments");
    href(links, "attachments", self + "/attachments");
    href(links, "watch", self + "/watch");
    href(links, "vote", self + "/vote");
    o.put("title", title);
    o.set("content", rendered(raw));
    o.set("reporter", account(reporter));
    if (assignee == null) {
      o.putNull("assignee");
    } else {
      o.set("assignee", account(assignee));
    }
    o.put("created_on", Timestamps.micros(createdOn));
    o.put("edited_on", editedOn == null ? null : Timestamps.micros(editedOn));
    o.put("updated_on", Timestamps.micros(updatedOn));
    o.put("state", state);
    o.put("kind", kind);
    String issues = api + "/repositories/" + full + "/";
    o.set("milestone", named("milestone", milestone, issues + "milestones/"));
    o.set("component", named("component", component, issues + "components/"));
    o.put("priority", priority);
    o.set("version", named("version", version, issues + "versions/"));
    o.put("votes", votes);
    o.put("watches", watches);
    return o;
  }

  /** A component, milestone or version of the issue tracker, or null; ids are stable per name. */
  static JsonNode named(String type, String name, String listHref) {
    if (name == null) {
      return com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }
    int id = 1 + Math.floorMod(name.hashCode(), 9_999);
    ObjectNode n = Json.object();
    n.put("type", type);
    n.put("name", name);
    n.put("id", id);
    href(n.putObject("links"), "self", listHref + id);
    return n;
  }

  ObjectNode issueComment(JsonNode repo, JsonNode issue, long id, String raw, User user, Instant createdOn,
      Instant updatedOn) {
    String full = repo.get("full_name").asText();
    int issueId = issue.get("id").asInt();
    ObjectNode o = Json.object();
    o.put("type", "issue_comment");
    o.put("id", id);
    o.put("created_on", Timestamps.micros(createdOn));
    o.put("updated_on", updatedOn == null ? null : Timestamps.micros(updatedOn));
    o.set("content", rendered(raw));
    o.set("user", account(user));
    ObjectNode is = o.putObject("issue");
    is.put("type", "issue");
    is.put("id", issueId);
    is.set("repository", repositoryRef(repo));
    href(is.putObject("links"), "self", api + "/repositories/" + full + "/issues/" + issueId);
    is.put("title", issue.get("title").asText());
    ObjectNode links = o.putObject("links");
    href(links, "self", api + "/repositories/" + full + "/issues/" + issueId + "/comments/" + id);
    href(links, "html", WEB + "/" + full + "/issues/" + issueId + "#comment-" + id);
    return o;
  }
}
