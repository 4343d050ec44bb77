package io.github.sparkbitbucket.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Is the emulator faithful to the real API? For every recorded real response the emulator has an endpoint
 * for, it fetches the emulator's equivalent over HTTP and compares field paths, JSON types and formats
 * ({@link JsonShape}: uuids in braces, ISO timestamps with offsets, hrefs, hash lengths), reporting every
 * difference of a sample at once. A sample marked complete is a whole object, so a field the emulator adds is a
 * difference too; every field the emulator serves must be in some sample of its kind or in the official schema;
 * and every list and object it serves validates against the official OpenAPI schema ({@link OpenApiSchemas}).
 * The recorded error bodies ({@code samples/errors}) are compared with the emulator's errors the same way.
 *
 * <p>One allow-list mechanism: each case names the paths it does not compare ({@code ignored}), built from the
 * commented constants below or commented inline; differences the emulator still has are in
 * {@link #EMULATOR_GAPS}, which fails once a gap is fixed. Samples with no emulator endpoint:
 * {@code pipelines/pipeline-step.json} and the pipeline-steps, deployments and pull-request-commits CSVs (steps,
 * deployments, PR commits are not served), {@code users/example_members.json} and {@code workspaces/teams.json}
 * (the removed {@code /teams} API), {@code users/perms.json} (removed), {@code refs/Ref_list.json}
 * ({@code /refs} is not served).
 */
class EmulatorFidelityTest extends EmulatorTestBase {
  private static final OpenApiSchemas SCHEMAS = OpenApiSchemas.load();
  private static final String WS = "acme";
  private static final String ALL_STATES = "state=OPEN&state=MERGED&state=DECLINED&state=SUPERSEDED";

  /** Removed from user objects by the 2019 GDPR changes (anywhere they appear); older samples still have it. */
  private static final Set<String> PRE_GDPR = Set.of("*.username");
  /** A key pybitbucket (the 2015 samples' client library) added to every object; never sent by the API. */
  private static final Set<String> PYBITBUCKET_TYPE = Set.of("*._type");
  /**
   * The samples' repositories belong to personal workspaces, so their owner is a user (account_id, nickname);
   * the emulator's repositories belong to team workspaces, whose owner is {@code type: team} with
   * display_name, links, uuid and username, as real team-owned repositories show (a team keeps its username;
   * users lost theirs in 2019).
   */
  private static final Set<String> TEAM_OWNER = Set.of("owner.account_id", "owner.nickname", "owner.username");
  /** The 2023 samples' authors are an {@code app_user} (a repository access token): kind, account_status. */
  private static final Set<String> APP_USER_AUTHOR = Set.of("author.account_status", "author.created_on",
      "author.kind");
  /** User links that today's {@code user_links} schema no longer has (self, html, repositories remain). */
  private static final Set<String> REMOVED_USER_LINKS = Set.of("links.hooks", "links.snippets", "links.followers",
      "links.following");

  /**
   * Differences the emulator still has, by case ({@code sample ~ kind}), each to be fixed in the emulator (not in
   * this test). The test fails when a listed difference is gone, so this list can only shrink.
   */
  private static final Map<String, Set<String>> EMULATOR_GAPS = Map.of();

  /** Schema violations the emulator still has (same rule: the test fails once one is fixed). */
  private static final Map<String, String> EMULATOR_SCHEMA_GAPS = Map.of();

  /** The emulator's objects of one kind, fetched once. */
  private static final Map<String, List<JsonNode>> FETCHED = new LinkedHashMap<>();

  /**
   * Every (real sample, emulator kind) pair compared. {@code complete}: the sample is a whole object, so fields
   * the emulator adds are differences too; partial, trimmed or older samples compare only their own fields.
   * A kind with a parenthesis is one request the generic kinds do not make (a state filter, an error).
   */
  static Stream<Arguments> samples() {
    return Stream.of(
        // repositories
        partial("repositories/2.0-repositories-amuniz-test-repos.json", "repository", union(TEAM_OWNER, PRE_GDPR)),
        // this newer recording has no issues link: its repository has no tracker; the emulator's still do
        complete("repositories/getRepositoryPayload.json", "repository",
            union(TEAM_OWNER, Set.of("links.issues"))),
        // enforced_signed_commits appeared after this 2023 recording
        complete("repositories/repository.json", "repository",
            union(TEAM_OWNER, Set.of("enforced_signed_commits"))),
        partial("repositories/_raw_bitbucket_api_repositories.csv", "repository", TEAM_OWNER),
        // 2015: website/location left user objects in 2019
        partial("repositories/Repository_list.json", "repository list",
            union(TEAM_OWNER, PRE_GDPR, PYBITBUCKET_TYPE, Set.of("owner.website", "owner.location"))),
        partial("repositories/repos.json", "repository list", union(TEAM_OWNER, PRE_GDPR)),
        // pull requests: list values are condensed (no reviewers/participants), a single one is full
        partial("pullrequests/2.0-repositories-amuniz-test-repos-pullrequests_pagelen_50.json", "pullrequest list",
            Set.of()),
        // recorded with the default state filter (OPEN only); draft came later
        partial("pullrequests/2.0-repositories-amuniz-test-repos-pullrequests_pagelen_50.json",
            "pullrequest list (open)", Set.of("draft")),
        partial("pullrequests/pullrequests.json", "pullrequest list", APP_USER_AUTHOR),
        partial("pullrequests/_raw_bitbucket_api_pull_requests.csv", "pullrequest list", Set.of()),
        partial("pullrequests/2.0-repositories-amuniz-test-repos-pullrequests-1.json", "pullrequest", PRE_GDPR),
        // a 2018 pull request against today's open list values: draft, the diffstat and request-changes links
        // and source.branch.links came later (the 2026 list recording has them)
        complete("pullrequests/2.0-repositories-amuniz-test-repos-pullrequests-1.json", "pullrequest list (open)",
            union(PRE_GDPR, Set.of("draft", "links.diffstat", "links.request-changes", "source.branch.links"))),
        partial("pullrequests/pullrequest.json", "pullrequest", APP_USER_AUTHOR),
        partial("pullrequests/pullrequest.json", "pullrequest list", APP_USER_AUTHOR),
        partial("pullrequests/PullRequest.merge.json", "pullrequest", PRE_GDPR),
        partial("pullrequests/PullRequest.decline.json", "pullrequest", PRE_GDPR),
        // pull request comments
        partial("pullrequest-comments/prcomment.json", "pullrequest_comment", Set.of()),
        partial("pullrequest-comments/prcomment.json", "pullrequest_comment list", Set.of()),
        partial("pullrequest-comments/_raw_bitbucket_api_pullrequest_comments.csv", "pullrequest_comment list",
            Set.of()),
        // commits
        complete("commits/2.0-repositories-amuniz-test-repos-commit-174561d625c9.json", "commit", Set.of()),
        complete("commits/2.0-repositories-amuniz-test-repos-commits_include_feature_2Fdiffstat_exclude_174561d.json",
            "commit list", Set.of()),
        partial("commits/commits.json", "commit list", PRE_GDPR),
        partial("commits/Commit_list.json", "commit list", PRE_GDPR),
        // refs; the sample's author has no Bitbucket account linked, the emulator's generated authors all have one
        complete("refs-branches/2.0-repositories-amuniz-test-repos-refs-branches-master.json", "branch",
            Set.of("target.author.user")),
        partial("refs-branches/2.0-repositories-amuniz-test-repos-refs-branches_pagelen_100.json", "branch list",
            Set.of()),
        partial("refs-branches/branches.json", "branch list", PRE_GDPR),
        partial("refs-branches/branch_create.json", "branch", PRE_GDPR),
        complete("refs-tags/2.0-repositories-amuniz-test-repos-refs-tags-v0.0.0.json", "tag", Set.of()),
        partial("refs-tags/2.0-repositories-amuniz-test-repos-refs-tags_pagelen_100.json", "tag list", Set.of()),
        partial("refs-tags/tags.json", "tag list", moved(APP_USER_AUTHOR, "author.", "target.author.user.")),
        partial("refs-tags/Tag_list.json", "tag list", PRE_GDPR),
        // pipelines: recorded with fields=..., so the emulator is asked the same fields= (tests PartialResponse
        // too), and without it (the full objects must have at least those fields)
        partial("pipelines/_raw_bitbucket_api_pipelines.csv", "pipeline list (partial)", Set.of()),
        partial("pipelines/_raw_bitbucket_api_pipelines.csv", "pipeline list (full)", Set.of()),
        // legacy issues; every sampled issue has no component, milestone or version: their shape comes from the
        // OpenAPI schemas
        complete("issues/_raw_bitbucket_api_issues.csv", "issue list", Set.of("component", "milestone", "version")),
        complete("issue-comments/_raw_bitbucket_api_issue_comments.csv", "issue_comment list", Set.of()),
        // workspaces and users
        complete("workspaces/workspace.json", "workspace", Set.of()),
        partial("workspaces/team.json", "workspace", PRE_GDPR),
        complete("workspaces/workspace-access.json", "workspace_access list", Set.of()),
        partial("users/2.0-user.json", "user", union(PRE_GDPR, REMOVED_USER_LINKS)),
        partial("users/user.json", "user", union(PRE_GDPR, REMOVED_USER_LINKS)),
        // error bodies: {"type": "error", "error": {"message", "detail"?, ...}} exactly as recorded
        complete("errors/error-privileges.json", "error (read-only token creates a project)", Set.of()),
        complete("errors/error-noapi.json", "error (unknown API)", Set.of()),
        complete("errors/error-badrequest-nobranch.json", "error (pull request from a missing branch)", Set.of()),
        complete("errors/error.json", "error (unknown repository)", Set.of()));
  }

  @ParameterizedTest(name = "{0} ~ emulator {1}")
  @MethodSource("samples")
  void emulatorObjectsHaveTheSampleFieldsTypesAndFormats(String sample, String kind, boolean complete,
      Set<String> ignored) {
    List<JsonNode> expected = sampleObjects(sample);
    assertFalse(expected.isEmpty(), sample + " holds no objects");
    List<JsonNode> actual = emulatorObjects(kind, sample);
    assertFalse(actual.isEmpty(), "the emulator served no " + kind);
    List<String> differences = JsonShape.of(actual).differencesFrom(JsonShape.of(expected), ignored, complete);
    Set<String> knownGaps = EMULATOR_GAPS.getOrDefault(sample + " ~ " + kind, Set.of());
    List<String> fixedGaps = knownGaps.stream().filter(g -> !differences.contains(g)).sorted()
        .collect(java.util.stream.Collectors.toList());
    differences.removeAll(knownGaps);
    assertEquals(List.of(), differences, "emulator " + kind + " vs real " + sample);
    assertEquals(List.of(), fixedGaps, "fixed in the emulator: remove from EMULATOR_GAPS");
  }

  static Stream<String> kinds() {
    // a kind with a parenthesis is a special request (fields=, a state filter, an error): its objects are among
    // the generic kinds' or have their own complete samples; the full pipelines carry fields that neither the
    // recorded (fields=) rows nor the schema show (FIDELITY.md, "Seen but not yet judged")
    return samples().map(a -> (String) a.get()[1]).distinct().filter(k -> !k.contains("("));
  }

  /**
   * The other direction: every field the emulator serves is in some real sample of that kind, or declared by
   * the kind's OpenAPI schema.
   */
  @ParameterizedTest(name = "emulator {0} invents no fields")
  @MethodSource("kinds")
  void emulatorInventsNoFields(String kind) {
    // lists serve full objects (the narrative's "Condensed Versus Full Objects"), so list and single samples
    // of a resource are one population; pull request lists are the documented exception (no reviewers)
    String schema = kind.replace(" list", "");
    List<JsonNode> expected = new ArrayList<>();
    samples().filter(a -> ((String) a.get()[1]).replace(" list", "").equals(schema))
        .forEach(a -> expected.addAll(sampleObjects((String) a.get()[0])));
    List<String> extra = JsonShape.of(emulatorObjects(kind, "")).differencesFrom(JsonShape.of(expected), Set.of(), true)
        .stream().filter(d -> d.startsWith("extra "))
        // a field no sample shows is still faithful when the official schema declares it
        .filter(d -> !SCHEMAS.declares(schema, d.substring("extra ".length(), d.indexOf(' ', "extra ".length()))))
        .collect(java.util.stream.Collectors.toList());
    assertEquals(List.of(), extra, "emulator " + kind + " fields that neither a real sample nor the schema has");
  }

  /** Paths the emulator serves and the OpenAPI schema each response must satisfy. */
  static Stream<Arguments> responses() {
    return Stream.of(
        Arguments.of("/user", "user"),
        Arguments.of("/user", "account"),
        Arguments.of("/user/workspaces", "paginated_workspace_access"),
        Arguments.of("/workspaces/" + WS, "workspace"),
        Arguments.of("/workspaces/" + WS + "/members", "paginated_workspace_memberships"),
        Arguments.of("/workspaces/" + WS + "/projects", "paginated_projects"),
        Arguments.of("/repositories/" + WS + "?pagelen=100", "paginated_repositories"),
        Arguments.of(repo() + "", "repository"),
        Arguments.of(repo() + "/pullrequests?pagelen=50&" + ALL_STATES, "paginated_pullrequests"),
        Arguments.of(repo() + "/pullrequests/" + pullRequestWithComments(), "pullrequest"),
        Arguments.of(repo() + "/pullrequests/" + pullRequestWithComments() + "/comments", "paginated_pullrequest_comments"),
        Arguments.of(repo() + "/commits?pagelen=100", "paginated_changeset"),
        Arguments.of(repo() + "/refs/branches?pagelen=100", "paginated_branches"),
        Arguments.of(repo() + "/refs/tags?pagelen=100", "paginated_tags"),
        Arguments.of(repo() + "/pipelines?pagelen=100", "paginated_pipelines"),
        Arguments.of(repo() + "/issues?pagelen=100", "paginated_issues"),
        Arguments.of(repo() + "/issues/" + issueWithComments() + "/comments", "paginated_issue_comments"));
  }

  @ParameterizedTest(name = "GET {0} is a valid {1}")
  @MethodSource("responses")
  void responsesValidateAgainstTheOpenApiSchemas(String path, String schema) {
    Reply reply = get(path);
    assertEquals(200, reply.status(), path + ": " + reply.body());
    assertNoUnknownSchemaErrors(schema, SCHEMAS.validate(reply.json(), schema), "GET " + path + " against " + schema);
  }

  /** Fails on any error not listed in {@link #EMULATOR_SCHEMA_GAPS}, and on a listed gap that is gone. */
  private static void assertNoUnknownSchemaErrors(String gapKey, List<String> errors, String what) {
    String gap = EMULATOR_SCHEMA_GAPS.get(gapKey);
    List<String> unexpected = new ArrayList<>(errors);
    if (gap != null) {
      java.util.regex.Pattern known = java.util.regex.Pattern.compile(gap);
      unexpected.removeIf(e -> known.matcher(e).matches());
      assertFalse(unexpected.size() == errors.size(),
          what + ": the known gap " + gap + " is fixed in the emulator: remove it from EMULATOR_SCHEMA_GAPS");
    }
    assertEquals(List.of(), unexpected, what);
  }

  @Test
  void singleObjectsValidateAgainstTheirSchemas() {
    Map<String, String> schemaByKind = Map.of("commit", "commit", "branch", "branch", "tag", "tag",
        "pullrequest_comment", "pullrequest_comment", "pullrequest", "pullrequest", "issue", "issue");
    List<String> errors = new ArrayList<>();
    for (Map.Entry<String, String> entry : new java.util.TreeMap<>(schemaByKind).entrySet()) {
      for (JsonNode object : emulatorObjects(entry.getKey(), "")) {
        SCHEMAS.validate(object, entry.getValue()).forEach(e -> errors.add(entry.getKey() + " " + e));
      }
    }
    assertNoUnknownSchemaErrors("issue", errors, "single objects");
  }

  // ---- the emulator side -------------------------------------------------------------------------------

  private static List<JsonNode> emulatorObjects(String kind, String sample) {
    if (kind.equals("pipeline list (partial)")) {
      return partialPipelines(sample); // depends on the sample's own fields= parameter
    }
    return FETCHED.computeIfAbsent(kind, k -> fetch(k).get());
  }

  private static Supplier<List<JsonNode>> fetch(String kind) {
    switch (kind) {
      case "repository": return () -> List.of(ok(repo()));
      case "repository list": return () -> values("/repositories/" + WS + "?pagelen=100");
      case "pullrequest list": return () -> values(repo() + "/pullrequests?pagelen=50&" + ALL_STATES);
      case "pullrequest list (open)": return () -> values(repo() + "/pullrequests?state=OPEN&pagelen=50");
      case "pullrequest": return () -> oneOfEachState(values(repo() + "/pullrequests?pagelen=50&" + ALL_STATES),
          pr -> ok(repo() + "/pullrequests/" + pr.get("id").asInt()));
      case "pullrequest_comment list": return EmulatorFidelityTest::commentsOfCommentedPullRequests;
      case "pullrequest_comment": return () -> firstFew(values(repo() + "/pullrequests/" + pullRequestWithComments()
          + "/comments?pagelen=100"), c -> ok(repo() + "/pullrequests/" + pullRequestWithComments() + "/comments/"
          + c.get("id").asInt()));
      case "commit list": return () -> values(repo() + "/commits?pagelen=100");
      case "commit": return () -> firstFew(values(repo() + "/commits?pagelen=100"),
          c -> ok(repo() + "/commit/" + c.get("hash").asText()));
      case "branch list": return () -> values(repo() + "/refs/branches?pagelen=100");
      // the main branch among them, as the recorded branch is its repository's main branch
      case "branch": return () -> firstFew(withFirst(values(repo() + "/refs/branches?pagelen=100"), "main branch",
          b -> b.get("name").asText().equals("main")),
          b -> ok(repo() + "/refs/branches/" + enc(b.get("name").asText())));
      case "tag list": return () -> values(repo() + "/refs/tags?pagelen=100");
      // an annotated tag among them, so the tagger is compared too
      case "tag": return () -> firstFew(withFirst(values(repo() + "/refs/tags?pagelen=100"), "annotated tag",
          t -> t.hasNonNull("tagger")), t -> ok(repo() + "/refs/tags/" + enc(t.get("name").asText())));
      case "pipeline list (full)": return () -> values(repo() + "/pipelines?pagelen=100");
      case "issue list": return () -> values(repo() + "/issues?pagelen=100");
      case "issue": return () -> firstFew(values(repo() + "/issues?pagelen=100"),
          i -> ok(repo() + "/issues/" + i.get("id").asInt()));
      case "issue_comment list": return () -> values(repo() + "/issues/" + issueWithComments() + "/comments?pagelen=100");
      case "workspace": return () -> List.of(ok("/workspaces/" + WS));
      case "workspace_access list": return () -> values("/user/workspaces");
      case "user": return () -> List.of(ok("/user"));
      case "error (read-only token creates a project)": return () -> List.of(error(
          send("POST", "/workspaces/" + WS + "/projects", "{}", "Bearer " + EMU.credentials().readOnlyToken())));
      case "error (unknown API)": return () -> List.of(error(get("/no/such/api")));
      case "error (pull request from a missing branch)": return () -> List.of(error(post(repo() + "/pullrequests",
          "{\"title\":\"t\",\"source\":{\"branch\":{\"name\":\"no-such-branch\"}}}")));
      case "error (unknown repository)": return () -> List.of(error(get("/repositories/dev/null")));
      default: throw new IllegalArgumentException("no emulator source for " + kind);
    }
  }

  /** Comments of (up to 20) commented pull requests, so that replies and inline comments are among them. */
  private static List<JsonNode> commentsOfCommentedPullRequests() {
    repo();
    List<JsonNode> comments = new ArrayList<>();
    EMU.store().list(WS, repoSlug, "pullrequest_comments").stream()
        .map(c -> c.path("pullrequest").path("id").asInt()).distinct().limit(20)
        .forEach(id -> comments.addAll(values(repo() + "/pullrequests/" + id + "/comments?pagelen=100")));
    return comments;
  }

  /** The emulator's pipelines with exactly the {@code fields=} the recorded request used. */
  private static List<JsonNode> partialPipelines(String sample) {
    String url = RecordedSamples.csvRows(sample).get(0).url();
    String fields = queryParam(url, "fields");
    return values(repo() + "/pipelines?pagelen=100&fields=" + enc(fields));
  }

  private static String repoSlug;
  private static int prWithComments = -1;
  private static int issueWithComments = -1;

  /** The repository with the most pull requests: it has every kind of child object. */
  private static synchronized String repo() {
    if (repoSlug == null) {
      repoSlug = EMU.store().repositories(WS).stream()
          .max(Comparator.comparingInt(slug -> EMU.store().count(WS, slug, "pullrequests")))
          .orElseThrow(() -> new IllegalStateException("no repositories in " + WS));
    }
    return "/repositories/" + WS + "/" + repoSlug;
  }

  private static synchronized int pullRequestWithComments() {
    if (prWithComments < 0) {
      repo();
      prWithComments = EMU.store().list(WS, repoSlug, "pullrequest_comments").get(0)
          .path("pullrequest").path("id").asInt();
    }
    return prWithComments;
  }

  private static synchronized int issueWithComments() {
    if (issueWithComments < 0) {
      repo();
      issueWithComments = EMU.store().list(WS, repoSlug, "issue_comments").get(0).path("issue").path("id").asInt();
    }
    return issueWithComments;
  }

  private static JsonNode ok(String path) {
    Reply reply = get(path);
    assertEquals(200, reply.status(), "GET " + path + ": " + reply.body());
    return reply.json();
  }

  /** The body of an error reply; which status the error has is the business of the tests of that feature. */
  private static JsonNode error(Reply reply) {
    assertTrue(reply.status() >= 400, "expected an error, got " + reply.status() + ": " + reply.body());
    return reply.json();
  }

  private static List<JsonNode> values(String path) {
    List<JsonNode> values = new ArrayList<>();
    ok(path).path("values").forEach(values::add);
    return values;
  }

  private static List<JsonNode> firstFew(List<JsonNode> list, java.util.function.Function<JsonNode, JsonNode> fetch) {
    return list.stream().limit(5).map(fetch).collect(java.util.stream.Collectors.toList());
  }

  /** {@code list} with its first element matching {@code wanted} moved to the front (so {@link #firstFew} has it). */
  private static List<JsonNode> withFirst(List<JsonNode> list, String what,
      java.util.function.Predicate<JsonNode> wanted) {
    JsonNode found = list.stream().filter(wanted).findFirst()
        .orElseThrow(() -> new AssertionError("the emulator's data has no " + what + " in " + repo()));
    List<JsonNode> reordered = new ArrayList<>(list);
    reordered.remove(found);
    reordered.add(0, found);
    return reordered;
  }

  private static List<JsonNode> oneOfEachState(List<JsonNode> list,
      java.util.function.Function<JsonNode, JsonNode> fetch) {
    Map<String, JsonNode> byState = new LinkedHashMap<>();
    list.forEach(pr -> byState.putIfAbsent(pr.path("state").asText(), pr));
    return byState.values().stream().map(fetch).collect(java.util.stream.Collectors.toList());
  }

  // ---- the sample side -----------------------------------------------------------------------------------

  private static List<JsonNode> sampleObjects(String sample) {
    if (sample.endsWith(".csv")) {
      List<JsonNode> rows = new ArrayList<>();
      RecordedSamples.csvRows(sample).forEach(r -> rows.add(r.data()));
      return rows;
    }
    JsonNode json = RecordedSamples.json(sample);
    if (json.has("values") && json.get("values").isArray()) {
      List<JsonNode> values = new ArrayList<>();
      json.get("values").forEach(values::add);
      return values;
    }
    return List.of(json);
  }

  private static String queryParam(String url, String name) {
    for (String pair : URI.create(url.replace("{", "%7B").replace("}", "%7D")).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    throw new IllegalArgumentException(url + " has no " + name);
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new TreeSet<>();
    for (Set<String> set : sets) {
      all.addAll(set);
    }
    return all;
  }

  /** The same fields under another parent: a tag's target.author.user is what a PR's author is. */
  private static Set<String> moved(Set<String> paths, String from, String to) {
    Set<String> all = new TreeSet<>();
    paths.forEach(p -> all.add(to + p.substring(from.length())));
    return all;
  }

  /** A case whose sample is a whole object: fields the emulator adds are differences. */
  private static Arguments complete(String path, String kind, Set<String> ignored) {
    return Arguments.of(path, kind, true, new TreeSet<>(ignored));
  }

  /** A case whose sample is older, trimmed or partial: only the sample's own fields are compared. */
  private static Arguments partial(String path, String kind, Set<String> ignored) {
    return Arguments.of(path, kind, false, new TreeSet<>(ignored));
  }
}
