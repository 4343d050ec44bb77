package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's ground truth: every workspace, repository and object, held as the JSON the API
 * serves. Thread-safe. Tests read it to know what a correct client must return, and mutate it
 * (between page requests, from {@link BitbucketEmulator#onRequest}) to check consistency.
 *
 * <p>Collections: {@code repositories, projects, members} (per workspace) and {@code pullrequests,
 * pullrequest_comments, commits, branches, tags, pipelines, issues, issue_comments} (per
 * repository; {@code *_comments} across all parents of the repository).
 */
public final class EmulatorStore {
  /** The per-workspace collections. */
  public static final List<String> WORKSPACE_COLLECTIONS = List.of("repositories", "projects", "members");
  /** The per-repository collections. */
  public static final List<String> REPOSITORY_COLLECTIONS = List.of("pullrequests", "pullrequest_comments",
      "commits", "branches", "tags", "pipelines", "issues", "issue_comments");

  static final Comparator<ObjectNode> BY_ID = Comparator.comparingLong(o -> o.get("id").asLong());
  static final Comparator<ObjectNode> BY_NAME = Comparator.comparing(o -> o.get("name").asText());

  /** One workspace and its collections. */
  static final class WorkspaceData {
    final ObjectNode workspace;
    final Table repositories = new Table(o -> o.get("slug").asText(), null);
    final Table projects = new Table(o -> o.get("key").asText(), null);
    final Table members = new Table(o -> o.get("user").get("uuid").asText(), null);
    final Map<String, RepositoryData> repos = new java.util.concurrent.ConcurrentHashMap<>();

    WorkspaceData(ObjectNode workspace) {
      this.workspace = workspace;
    }

    String slug() {
      return workspace.get("slug").asText();
    }
  }

  /** One repository's collections and id counters. */
  static final class RepositoryData {
    final Table pullrequests;
    final Table pullrequestComments;
    final Table commits;
    final Table branches;
    final Table tags;
    final Table pipelines;
    final Table issues;
    final Table issueComments;
    final AtomicInteger nextPullRequestId = new AtomicInteger(1);
    final AtomicInteger nextIssueId = new AtomicInteger(1);
    final AtomicInteger nextBuildNumber = new AtomicInteger(1);

    RepositoryData() {
      this(Table.COMPACT_THRESHOLD);
    }

    /** @param compact rows above which a table stores its objects deflated (0: from the first row) */
    RepositoryData(int compact) {
      pullrequests = new Table(o -> o.get("id").asText(),
          Comparator.<ObjectNode, String>comparing(o -> o.get("updated_on").asText()).reversed()
              .thenComparing(BY_ID.reversed()), compact);
      pullrequestComments = new Table(o -> o.get("id").asText(), BY_ID, compact);
      commits = new Table(o -> o.get("hash").asText(),
          Comparator.<ObjectNode, String>comparing(o -> o.get("date").asText()).reversed(), compact);
      branches = new Table(o -> o.get("name").asText(), BY_NAME, compact);
      tags = new Table(o -> o.get("name").asText(), BY_NAME, compact);
      pipelines = new Table(o -> o.get("uuid").asText(), Comparator.comparingInt(o -> o.get("build_number").asInt()),
          compact);
      issues = new Table(o -> o.get("id").asText(), BY_ID, compact);
      issueComments = new Table(o -> o.get("id").asText(), BY_ID, compact);
    }

    Table table(String collection) {
      return switch (collection) {
        case "pullrequests" -> pullrequests;
        case "pullrequest_comments" -> pullrequestComments;
        case "commits" -> commits;
        case "branches" -> branches;
        case "tags" -> tags;
        case "pipelines" -> pipelines;
        case "issues" -> issues;
        case "issue_comments" -> issueComments;
        default -> throw new IllegalArgumentException("unknown repository collection '" + collection
            + "'; use one of " + REPOSITORY_COLLECTIONS);
      };
    }
  }

  private final Map<String, WorkspaceData> workspaces = new LinkedHashMap<>();
  private final ResourceFactory factory;
  private final User currentUser;
  private final Instant currentUserCreatedOn;
  private final AtomicLong nextCommentId = new AtomicLong(400_000_000L);
  private final ObjectCreator creator;

  EmulatorStore(ResourceFactory factory, User currentUser, Instant currentUserCreatedOn) {
    this.factory = factory;
    this.currentUser = currentUser;
    this.currentUserCreatedOn = currentUserCreatedOn;
    this.creator = new ObjectCreator(this, factory);
  }

  // ---- public API for tests ------------------------------------------------------------------

  /** Workspace slugs, in creation order. */
  public synchronized List<String> workspaces() {
    return new ArrayList<>(workspaces.keySet());
  }

  /** Repository slugs of a workspace, in the API's default order. */
  public List<String> repositories(String workspace) {
    return workspace(workspace).repositories.snapshot().stream().map(o -> o.get("slug").asText()).toList();
  }

  /**
   * Every object of a collection, as the API serves them, in the API's default order (copies:
   * changing them does not change the store). {@code repoSlugOrNull} is null for the workspace
   * collections; for a repository collection, null means every repository of the workspace.
   */
  public List<ObjectNode> list(String workspace, String repoSlugOrNull, String collection) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode o : snapshot(workspace, repoSlugOrNull, collection)) {
      out.add(o.deepCopy());
    }
    return out;
  }

  /** One object by its API key (slug, key, id, hash, name, uuid), or null. A copy. */
  public ObjectNode get(String workspace, String repoSlugOrNull, String collection, String key) {
    ObjectNode o = table(workspace, repoSlugOrNull, collection).get(key);
    return o == null ? null : o.deepCopy();
  }

  /**
   * Creates an object the way the API's POST does, from the same fields a request body would
   * carry (e.g. {@code {"title":..,"source":{"branch":{"name":..}}}} for a pull request; comments
   * name their parent in {@code pullrequest.id} / {@code issue.id}). Returns the stored object.
   *
   * @throws IllegalArgumentException when the fields are invalid (the message says why)
   */
  public ObjectNode create(String workspace, String repoSlugOrNull, String collection, ObjectNode fields) {
    try {
      return creator.create(workspace, repoSlugOrNull, collection, fields).deepCopy();
    } catch (ApiException e) {
      throw new IllegalArgumentException(e.response().json() == null ? "invalid fields"
          : e.response().json().path("error").path("message").asText(), e);
    }
  }

  /** Deletes an object by key; false when there was none. */
  public boolean delete(String workspace, String repoSlugOrNull, String collection, String key) {
    if ("repositories".equals(collection)) {
      WorkspaceData ws = workspace(workspace);
      ws.repos.remove(key);
      return ws.repositories.remove(key);
    }
    return table(workspace, repoSlugOrNull, collection).remove(key);
  }

  /**
   * Puts an object back exactly as {@link #list} returned it, e.g. to undo a test's deletes
   * (repositories excluded: their data goes with them). Replaces an object with the same key.
   */
  public void restore(String workspace, String repoSlugOrNull, String collection, ObjectNode object) {
    if ("repositories".equals(collection)) {
      throw new IllegalArgumentException("a deleted repository cannot be restored: its data is gone;"
          + " create a new one with create(...)");
    }
    table(workspace, repoSlugOrNull, collection).put(object.deepCopy());
  }

  /** How many objects a collection holds (across repositories when {@code repoSlugOrNull} is null). */
  public int count(String workspace, String repoSlugOrNull, String collection) {
    if (repoSlugOrNull == null && REPOSITORY_COLLECTIONS.contains(collection)) {
      int n = 0;
      for (RepositoryData data : workspace(workspace).repos.values()) {
        n += data.table(collection).size();
      }
      return n;
    }
    return table(workspace, repoSlugOrNull, collection).size();
  }

  // ---- internal API for handlers and the generator --------------------------------------------

  ResourceFactory factory() {
    return factory;
  }

  User currentUser() {
    return currentUser;
  }

  Instant currentUserCreatedOn() {
    return currentUserCreatedOn;
  }

  ObjectCreator creator() {
    return creator;
  }

  long nextCommentId() {
    return nextCommentId.incrementAndGet();
  }

  synchronized WorkspaceData addWorkspace(ObjectNode workspace) {
    WorkspaceData data = new WorkspaceData(workspace);
    workspaces.put(data.slug(), data);
    return data;
  }

  /** The workspace, or the API's 404. */
  synchronized WorkspaceData workspace(String slug) {
    WorkspaceData ws = workspaces.get(slug);
    if (ws == null) {
      throw ApiException.notFound("No workspace with identifier '" + slug + "'.");
    }
    return ws;
  }

  synchronized boolean hasWorkspace(String slug) {
    return workspaces.containsKey(slug);
  }

  /** The repository's data, or the API's 404. */
  RepositoryData repository(String workspace, String slug) {
    RepositoryData data = workspace(workspace).repos.get(slug);
    if (data == null) {
      throw ApiException.notFound("Repository " + workspace + "/" + slug + " not found");
    }
    return data;
  }

  ObjectNode repositoryObject(String workspace, String slug) {
    repository(workspace, slug);
    return workspace(workspace).repositories.get(slug);
  }

  Table table(String workspace, String repoSlug, String collection) {
    WorkspaceData ws = workspace(workspace);
    switch (collection) {
      case "repositories":
        return ws.repositories;
      case "projects":
        return ws.projects;
      case "members":
        return ws.members;
      default:
        if (repoSlug == null) {
          throw new IllegalArgumentException("collection '" + collection + "' needs a repository slug");
        }
        return repository(workspace, repoSlug).table(collection);
    }
  }

  List<ObjectNode> snapshot(String workspace, String repoSlugOrNull, String collection) {
    if (repoSlugOrNull == null && REPOSITORY_COLLECTIONS.contains(collection)) {
      List<List<ObjectNode>> parts = new ArrayList<>();
      WorkspaceData ws = workspace(workspace);
      for (ObjectNode repo : ws.repositories.snapshot()) {
        RepositoryData data = ws.repos.get(repo.get("slug").asText());
        if (data != null) {
          parts.add(data.table(collection).snapshot());
        }
      }
      // A view over the repositories' snapshots: compact tables stay unparsed until read.
      int[] starts = new int[parts.size() + 1];
      for (int i = 0; i < parts.size(); i++) {
        starts[i + 1] = starts[i] + parts.get(i).size();
      }
      return new java.util.AbstractList<>() {
        @Override
        public ObjectNode get(int index) {
          int part = java.util.Arrays.binarySearch(starts, index);
          part = part >= 0 ? part : -part - 2;
          while (starts[part + 1] == starts[part]) {
            part++;
          }
          return parts.get(part).get(index - starts[part]);
        }

        @Override
        public int size() {
          return starts[parts.size()];
        }
      };
    }
    return table(workspace, repoSlugOrNull, collection).snapshot();
  }

  /** A version-4 UUID in braces, as Bitbucket writes them, drawn from {@code random}. */
  static String newUuid(java.util.Random random) {
    long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return "{" + new UUID(hi, lo) + "}";
  }
}
