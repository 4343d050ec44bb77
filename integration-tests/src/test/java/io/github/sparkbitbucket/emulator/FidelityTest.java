package io.github.sparkbitbucket.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every recorded real sample the emulator has an endpoint for, compared field by field (paths, JSON
 * types, string formats: braced uuids, ISO timestamps with offsets, hashes, URLs) with what the
 * emulator serves; and the emulator's list responses validated against the official OpenAPI schemas.
 */
class FidelityTest extends EmulatorTestBase {
  private static final String REPO = "api-gateway";
  private static final String R = "/repositories/acme/" + REPO;

  /** Fields that Bitbucket removed after some samples were recorded, or that client libraries added. */
  private static final Set<String> HISTORICAL = Set.of(
      "username", "owner.username", "author.username", "closed_by.username", "user.username", "reporter.username",
      "author.user.username", "tagger.user.username", "target.author.user.username", "_type", "values[]._type");

  /**
   * @param sample path under src/test/resources/samples; CSV files give one object per row
   * @param path emulator request
   * @param values compare each element of {@code values} instead of the whole body
   * @param complete the sample is a complete object (fields the emulator adds are differences too)
   * @param ignored extra paths not compared, each with its reason in {@link #cases()}
   */
  record Case(String sample, String path, boolean values, boolean complete, Set<String> ignored) {
    @Override
    public String toString() {
      return sample;
    }
  }

  static Stream<Arguments> cases() {
    String pr = R + "/pullrequests?state=OPEN&pagelen=50";
    String prAll = R + "/pullrequests?state=all&pagelen=50";
    // Why some paths are not compared, per sample:
    // - acme is a team workspace: its repositories' owner is a team (no account_id/nickname); the samples are
    //   personal workspaces, owned by a user.
    Set<String> teamOwner = Set.of("owner.account_id", "owner.nickname");
    // - some samples embed a full account (account_status, created_on, kind) where the API usually embeds the
    //   short form.
    Set<String> fullAuthor = Set.of("author.account_status", "author.created_on", "author.kind");
    List<Case> cases = List.of(
        // enforced_signed_commits appeared after this 2023 recording
        new Case("repositories/repository.json", R, false, true, union(teamOwner, Set.of("enforced_signed_commits"))),
        // this newer recording has no issues link: its repository has no tracker; acme's still do
        new Case("repositories/getRepositoryPayload.json", R, false, true, union(teamOwner, Set.of("links.issues"))),
        new Case("repositories/2.0-repositories-amuniz-test-repos.json", R, false, false, teamOwner),
        new Case("repositories/_raw_bitbucket_api_repositories.csv", R, false, false, teamOwner),
        new Case("repositories/Repository_list.json", "/repositories/acme", true, false, teamOwner),
        // a 2018 pull request: draft, the diffstat and request-changes links and source.branch.links came later
        // (the 2026 list recording below has them)
        new Case("pullrequests/2.0-repositories-amuniz-test-repos-pullrequests-1.json", pr, true, true,
            Set.of("draft", "links.diffstat", "links.request-changes", "source.branch.links")),
        new Case("pullrequests/pullrequest.json", prAll, true, false, fullAuthor),
        new Case("pullrequests/2.0-repositories-amuniz-test-repos-pullrequests_pagelen_50.json", pr, true, false,
            Set.of("draft")),
        new Case("pullrequests/pullrequests.json", prAll, true, false, fullAuthor),
        new Case("pullrequests/_raw_bitbucket_api_pull_requests.csv", prAll, true, false, Set.of()),
        new Case("pullrequest-comments/prcomment.json", "COMMENTS", true, false, Set.of()),
        new Case("pullrequest-comments/_raw_bitbucket_api_pullrequest_comments.csv", "COMMENTS", true, false, Set.of()),
        new Case("commits/2.0-repositories-amuniz-test-repos-commit-174561d625c9.json", "COMMIT", false, true, Set.of()),
        new Case("commits/2.0-repositories-amuniz-test-repos-commits_include_feature_2Fdiffstat_exclude_174561d.json",
            R + "/commits?pagelen=50", true, true, Set.of()),
        new Case("commits/commits.json", R + "/commits?pagelen=50", true, false, Set.of()),
        // the sample's author has no Bitbucket account linked; generated authors all have one
        new Case("refs-branches/2.0-repositories-amuniz-test-repos-refs-branches-master.json", R + "/refs/branches/main",
            false, true, Set.of("target.author.user")),
        new Case("refs-branches/branch_create.json", R + "/refs/branches/main", false, false, Set.of()),
        new Case("refs-branches/2.0-repositories-amuniz-test-repos-refs-branches_pagelen_100.json",
            R + "/refs/branches?pagelen=100", true, false, Set.of()),
        new Case("refs-branches/branches.json", R + "/refs/branches?pagelen=100", true, false, Set.of()),
        new Case("refs-tags/2.0-repositories-amuniz-test-repos-refs-tags-v0.0.0.json", "TAG", false, true, Set.of()),
        new Case("refs-tags/2.0-repositories-amuniz-test-repos-refs-tags_pagelen_100.json", R + "/refs/tags?pagelen=100",
            true, false, Set.of()),
        new Case("refs-tags/tags.json", R + "/refs/tags?pagelen=100", true, false,
            Set.of("target.author.user.account_status", "target.author.user.created_on", "target.author.user.kind")),
        new Case("pipelines/_raw_bitbucket_api_pipelines.csv", R + "/pipelines?pagelen=100", true, false, Set.of()),
        // every sampled issue has no component, milestone or version: their shape comes from the OpenAPI schemas
        new Case("issues/_raw_bitbucket_api_issues.csv", R + "/issues?pagelen=100", true, true,
            Set.of("component", "milestone", "version")),
        new Case("issue-comments/_raw_bitbucket_api_issue_comments.csv", "ISSUE_COMMENTS", true, true, Set.of()),
        new Case("users/2.0-user.json", "/user", false, false, Set.of()),
        // followers/following links were removed from the API in 2019
        new Case("users/user.json", "/user", false, false, Set.of("links.followers", "links.following")),
        new Case("workspaces/workspace.json", "/workspaces/acme", false, true, Set.of()),
        new Case("workspaces/workspace-access.json", "/user/workspaces", true, true, Set.of()),
        new Case("errors/error-privileges.json", "PRIVILEGES", false, true, Set.of()),
        new Case("errors/error-noapi.json", "/no/such/api", false, true, Set.of()),
        new Case("errors/error-badrequest-nobranch.json", "NOBRANCH", false, true, Set.of()),
        new Case("errors/error.json", "/repositories/dev/null", false, true, Set.of()));
    return cases.stream().map(Arguments::of);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new java.util.HashSet<>(a);
    out.addAll(b);
    return out;
  }

  private static List<JsonNode> sampleObjects(Case c) {
    List<JsonNode> out = new ArrayList<>();
    if (c.sample().endsWith(".csv")) {
      RecordedSamples.csvRows(c.sample()).forEach(r -> out.add(r.data()));
    } else {
      JsonNode s = RecordedSamples.json(c.sample());
      if (c.values() && s.has("values")) {
        s.get("values").forEach(out::add);
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static List<JsonNode> emulatorObjects(Case c) {
    if (c.path().equals("COMMENTS")) {
      // Comments of every commented pull request, so replies and inline comments are among them.
      List<JsonNode> out = new ArrayList<>();
      EMU.store().list("acme", REPO, "pullrequest_comments").stream()
          .map(x -> x.get("pullrequest").get("id").asText()).distinct()
          .forEach(id -> get(R + "/pullrequests/" + id + "/comments?pagelen=100").json().get("values").forEach(out::add));
      return out;
    }
    Reply r = switch (c.path()) {
      case "ISSUE_COMMENTS" -> get(R + "/issues/" + issueWithComments() + "/comments?pagelen=100");
      case "COMMIT" -> get(R + "/commit/" + EMU.store().list("acme", REPO, "commits").get(0).get("hash").asText());
      case "TAG" -> get(R + "/refs/tags/" + annotatedTag());
      case "PRIVILEGES" -> send("POST", "/workspaces/acme/projects", "{}", "Bearer " + EMU.credentials().readOnlyToken());
      case "NOBRANCH" -> post(R + "/pullrequests", "{\"title\":\"t\",\"source\":{\"branch\":{\"name\":\"dummy\"}}}");
      default -> get(c.path());
    };
    JsonNode body = r.json();
    List<JsonNode> out = new ArrayList<>();
    if (c.values()) {
      body.get("values").forEach(out::add);
    } else {
      out.add(body);
    }
    return out;
  }

  private static String prWithComments() {
    return EMU.store().list("acme", REPO, "pullrequest_comments").get(0).get("pullrequest").get("id").asText();
  }

  private static String issueWithComments() {
    return EMU.store().list("acme", REPO, "issue_comments").get(0).get("issue").get("id").asText();
  }

  private static String annotatedTag() {
    return EMU.store().list("acme", REPO, "tags").stream().filter(t -> !t.get("tagger").isNull()).findFirst()
        .orElseThrow().get("name").asText();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void emulatorObjectsHaveTheSampleFieldsTypesAndFormats(Case c) {
    JsonShape sample = JsonShape.of(sampleObjects(c));
    JsonShape emulator = JsonShape.of(emulatorObjects(c));
    Set<String> ignored = new java.util.HashSet<>(HISTORICAL);
    ignored.addAll(c.ignored());
    List<String> differences = emulator.differencesFrom(sample, ignored, c.complete());
    assertEquals(List.of(), differences, c.sample());
  }

  @Test
  void listResponsesValidateAgainstTheOpenApiSchemas() {
    OpenApiSchemas schemas = OpenApiSchemas.load();
    String[][] lists = {
        {"/repositories/acme?pagelen=100", "paginated_repositories"},
        {"/workspaces/acme/projects", "paginated_projects"},
        {"/workspaces/acme/members", "paginated_workspace_memberships"},
        {"/user/workspaces", "paginated_workspace_access"},
        {R + "/pullrequests?state=all&pagelen=50", "paginated_pullrequests"},
        {R + "/pullrequests/" + prWithComments() + "/comments", "paginated_pullrequest_comments"},
        {R + "/refs/branches?pagelen=100", "paginated_branches"},
        {R + "/refs/tags?pagelen=100", "paginated_tags"},
        {R + "/pipelines?pagelen=100", "paginated_pipelines"},
        {R + "/issues?pagelen=100", "paginated_issues"},
        {R + "/issues/" + issueWithComments() + "/comments", "paginated_issue_comments"},
    };
    List<String> errors = new ArrayList<>();
    for (String[] l : lists) {
      assertTrue(schemas.has(l[1]), l[1]);
      // The pipelines service's links carry no "type" (recorded responses show it), which the document's
      // base "object" schema requires: pipelines are checked without required properties.
      OpenApiSchemas.Mode mode = l[1].equals("paginated_pipelines") ? OpenApiSchemas.Mode.PARTIAL
          : OpenApiSchemas.Mode.COMPLETE;
      for (String e : schemas.validate(get(l[0]).json(), l[1], mode)) {
        errors.add(l[0] + ": " + e);
      }
    }
    String[][] objects = {
        {"/user", "account"},
        {"/workspaces/acme", "workspace"},
        {R, "repository"},
        {R + "/commit/" + EMU.store().list("acme", REPO, "commits").get(0).get("hash").asText(), "commit"},
        {R + "/refs/branches/main", "branch"},
    };
    for (String[] o : objects) {
      for (String e : schemas.validate(get(o[0]).json(), o[1])) {
        errors.add(o[0] + ": " + e);
      }
    }
    assertEquals(List.of(), errors);
  }
}
