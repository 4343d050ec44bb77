package io.github.sparkbitbucket.write;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkbitbucket.api.BitbucketApiException;
import io.github.sparkbitbucket.api.BitbucketClient;
import io.github.sparkbitbucket.api.RequestStats;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds in Bitbucket the row that a create request of this write already made, by the row's
 * natural identity, so that a create is never repeated blindly:
 * <ul>
 *   <li>after a POST whose answer was lost (connection reset, truncated body, 5xx), when the
 *       request may or may not have been applied;</li>
 *   <li>in a retried task attempt, which may run on another executor whose JVM knows nothing of
 *       what the first attempt created (the first attempt may have died with its executor).</li>
 * </ul>
 * The identity per table: branches and tags by name and target commit; projects by key and name;
 * repositories by slug, created since the write started; pull requests by source branch,
 * destination branch and title among OPEN ones; comments by parent, content and author (the
 * token's user) created since the write started; issues by title and content likewise. Pipelines
 * have no identity (every POST is a new run): none is looked up.
 */
final class CreatedRowFinder {
  /** Tolerance for a server clock behind the driver's. */
  private static final long CLOCK_SKEW_MS = 5 * 60_000L;
  private static final int PAGE = 50;

  private final WriteContext ctx;
  private final BitbucketClient client;
  private final RequestStats stats;
  private volatile String myUuid;
  private volatile boolean myUuidKnown;

  CreatedRowFinder(WriteContext ctx, BitbucketClient client, RequestStats stats) {
    this.ctx = ctx;
    this.client = client;
    this.stats = stats;
  }

  /** Whether the table's rows have an identity to look up by. */
  boolean applies() {
    return !"pipelines".equals(ctx.table());
  }

  /**
   * The key of a row this write created from {@code body} at {@code address}, not in
   * {@code claimed} (rows already accounted for), or null when there is none.
   */
  String find(RowAddress address, JsonNode body, Set<String> claimed) {
    if (!applies()) {
      return null;
    }
    try {
      for (JsonNode candidate : candidates(address, body)) {
        String key = text(candidate, ctx.spec().keyResponsePath());
        if (key != null && !claimed.contains(key)) {
          return key;
        }
      }
      return null;
    } catch (BitbucketApiException e) {
      if (e.kind() == BitbucketApiException.Kind.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  private List<JsonNode> candidates(RowAddress address, JsonNode body) {
    String create = ctx.spec().createPath();
    switch (ctx.table()) {
      case "branches", "tags" -> {
        JsonNode row = item(address);
        return row != null && sameHash(row.path("target").path("hash").asText(""),
            body.path("target").path("hash").asText("")) ? List.of(row) : List.of();
      }
      case "projects" -> {
        JsonNode row = item(address);
        return row != null && same(row, body, "name") ? List.of(row) : List.of();
      }
      case "repositories" -> {
        JsonNode row = item(address);
        return row != null && createdSinceStart(row) ? List.of(row) : List.of();
      }
      case "pullrequests" -> {
        String q = equalities("state", "OPEN",
            "source.branch.name", body.path("source").path("branch").path("name").asText(),
            "title", body.path("title").asText());
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode pr : list(create, address, q)) {
          if (same(pr, body, "title") && "OPEN".equals(pr.path("state").asText())
              && sameBranch(pr, body, "source") && sameBranch(pr, body, "destination")) {
            out.add(pr);
          }
        }
        return out;
      }
      case "pullrequest_comments", "issue_comments" -> {
        String q = equalities("content.raw", body.path("content").path("raw").asText());
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : list(create, address, q)) {
          if (same(c, body, "content", "raw") && mine(c.path("user")) && createdSinceStart(c)
              && (!body.has("parent") || same(c, body, "parent", "id"))) {
            out.add(c);
          }
        }
        return out;
      }
      case "issues" -> {
        String q = equalities("title", body.path("title").asText());
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode i : list(create, address, q)) {
          if (same(i, body, "title") && same(i, body, "content", "raw")
              && mine(i.path("reporter")) && createdSinceStart(i)) {
            out.add(i);
          }
        }
        return out;
      }
      default -> {
        return List.of();
      }
    }
  }

  private JsonNode item(RowAddress address) {
    String path = ctx.spec().itemPath();
    return client.get(path, address.argsFor(path)).stats(stats).json();
  }

  private List<JsonNode> list(String path, RowAddress address, String q) {
    List<JsonNode> out = new ArrayList<>();
    // q is null when a value cannot be expressed safely in BBQL: the page is then filtered here
    JsonNode page = client.get(path, address.argsFor(path)).query("pagelen", PAGE)
        .query("q", q).stats(stats).json();
    page.path("values").forEach(out::add);
    return out;
  }

  /** A BBQL condition {@code field = "value"} and more; null if a value has control chars. */
  private static String equalities(String... fieldsAndValues) {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      String literal = quote(fieldsAndValues[i + 1]);
      if (literal == null) {
        return null;
      }
      q.append(q.length() == 0 ? "" : " AND ").append(fieldsAndValues[i]).append(" = ")
          .append(literal);
    }
    return q.toString();
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return null; // no documented escape for control characters
      }
      if (c == '"' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }

  /** Whether {@code account} is the token's user (true when the user cannot be asked). */
  private boolean mine(JsonNode account) {
    if (!myUuidKnown) {
      try {
        myUuid = client.get("/user").stats(stats).json().path("uuid").asText(null);
      } catch (BitbucketApiException e) {
        myUuid = null; // no account scope: content and creation time must do
      }
      myUuidKnown = true;
    }
    return myUuid == null || myUuid.equals(account.path("uuid").asText(null));
  }

  private boolean createdSinceStart(JsonNode row) {
    String created = row.path("created_on").asText(null);
    if (created == null) {
      return false;
    }
    try {
      Instant t = OffsetDateTime.parse(created).toInstant();
      return t.toEpochMilli() >= ctx.startedAtMillis() - CLOCK_SKEW_MS;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean sameHash(String a, String b) {
    return !a.isEmpty() && !b.isEmpty() && (a.startsWith(b) || b.startsWith(a));
  }

  private static boolean sameBranch(JsonNode row, JsonNode body, String side) {
    JsonNode wanted = body.path(side).path("branch").path("name");
    return wanted.isMissingNode() || wanted.asText().equals(
        row.path(side).path("branch").path("name").asText());
  }

  /** Equal values at a path, a missing or null value on the body's side matching an empty one. */
  private static boolean same(JsonNode row, JsonNode body, String... path) {
    JsonNode a = row;
    JsonNode b = body;
    for (String p : path) {
      a = a.path(p);
      b = b.path(p);
    }
    return blankIfMissing(a).equals(blankIfMissing(b));
  }

  private static String blankIfMissing(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? "" : n.asText();
  }

  private static String text(JsonNode node, List<String> path) {
    JsonNode v = RowValues.at(node, path);
    return v == null || v.isNull() ? null : v.asText();
  }
}
