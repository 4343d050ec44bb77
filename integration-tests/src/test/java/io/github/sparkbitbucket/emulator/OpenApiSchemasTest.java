package io.github.sparkbitbucket.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calibrates {@link OpenApiSchemas}: real recorded responses must validate against the schema of the endpoint
 * that produced them (so the validator is not stricter than Bitbucket), and broken copies of them must fail
 * with the exact JSON path of every break (so it is not blind).
 */
class OpenApiSchemasTest {
  private static final OpenApiSchemas SCHEMAS = OpenApiSchemas.load();

  /**
   * Sample, schema, and mode. PARTIAL (no required-property check) only for guyzmo/pybitbucket's 2015-16
   * captures, whose nested objects lack the {@code type} discriminator that every current response carries.
   */
  static Stream<Arguments> jsonSamples() {
    OpenApiSchemas.Mode complete = OpenApiSchemas.Mode.COMPLETE;
    OpenApiSchemas.Mode partial = OpenApiSchemas.Mode.PARTIAL;
    return Stream.of(
        Arguments.of("repositories/2.0-repositories-amuniz-test-repos.json", "repository", complete),
        Arguments.of("repositories/getRepositoryPayload.json", "repository", complete),
        Arguments.of("repositories/repository.json", "repository", complete),
        Arguments.of("repositories/Repository_list.json", "paginated_repositories", partial),
        Arguments.of("repositories/repos.json", "paginated_repositories", complete),
        Arguments.of("repositories/repos_empty.json", "paginated_repositories", complete),
        Arguments.of("pullrequests/2.0-repositories-amuniz-test-repos-pullrequests_pagelen_50.json",
            "paginated_pullrequests", complete),
        Arguments.of("pullrequests/2.0-repositories-amuniz-test-repos-pullrequests-1.json", "pullrequest", complete),
        Arguments.of("pullrequests/pullrequests.json", "paginated_pullrequests", complete),
        Arguments.of("pullrequests/pullrequest.json", "pullrequest", complete),
        Arguments.of("pullrequests/PullRequest.merge.json", "pullrequest", partial),
        Arguments.of("pullrequests/PullRequest.decline.json", "pullrequest", partial),
        Arguments.of("pullrequest-comments/prcomment.json", "pullrequest_comment", complete),
        Arguments.of("commits/2.0-repositories-amuniz-test-repos-commit-174561d625c9.json", "commit", complete),
        Arguments.of("commits/2.0-repositories-amuniz-test-repos-commits_include_feature_2Fdiffstat_exclude_"
            + "174561d.json", "paginated_changeset", complete),
        Arguments.of("commits/commits.json", "paginated_changeset", complete),
        Arguments.of("commits/Commit_list.json", "paginated_changeset", partial),
        Arguments.of("refs-branches/2.0-repositories-amuniz-test-repos-refs-branches-master.json", "branch", complete),
        Arguments.of("refs-branches/2.0-repositories-amuniz-test-repos-refs-branches_pagelen_100.json",
            "paginated_branches", complete),
        Arguments.of("refs-branches/branches.json", "paginated_branches", complete),
        Arguments.of("refs-branches/branch_create.json", "branch", complete),
        Arguments.of("refs-tags/2.0-repositories-amuniz-test-repos-refs-tags-v0.0.0.json", "tag", complete),
        Arguments.of("refs-tags/2.0-repositories-amuniz-test-repos-refs-tags_pagelen_100.json",
            "paginated_tags", complete),
        Arguments.of("refs-tags/tags.json", "paginated_tags", complete),
        Arguments.of("refs-tags/Tag_list.json", "paginated_tags", partial),
        Arguments.of("refs/Ref_list.json", "paginated_refs", partial),
        Arguments.of("workspaces/workspace.json", "workspace", complete),
        Arguments.of("workspaces/workspace-access.json", "workspace_access", complete),
        Arguments.of("users/2.0-user.json", "user", complete),
        Arguments.of("users/user.json", "user", complete),
        Arguments.of("pipelines/pipeline-step.json", "pipeline_step", complete));
  }

  @ParameterizedTest(name = "{0} is a valid {1}")
  @MethodSource("jsonSamples")
  void realJsonResponsesValidate(String sample, String schema, OpenApiSchemas.Mode mode) {
    assertEquals(List.of(), SCHEMAS.validate(RecordedSamples.json(sample), schema, mode));
  }

  static Stream<Arguments> csvSamples() {
    return Stream.of(
        Arguments.of("issues/_raw_bitbucket_api_issues.csv", "issue"),
        Arguments.of("issue-comments/_raw_bitbucket_api_issue_comments.csv", "issue_comment"),
        Arguments.of("pipelines/_raw_bitbucket_api_pipelines.csv", "pipeline"),
        Arguments.of("pipelines/_raw_bitbucket_api_pipeline_steps.csv", "pipeline_step"),
        Arguments.of("pipelines/_raw_bitbucket_api_deployments.csv", "deployment"),
        Arguments.of("pullrequests/_raw_bitbucket_api_pull_requests.csv", "pullrequest"),
        Arguments.of("pullrequests/_raw_bitbucket_api_pull_request_commits.csv", "commit"),
        Arguments.of("pullrequest-comments/_raw_bitbucket_api_pullrequest_comments.csv", "pullrequest_comment"),
        Arguments.of("repositories/_raw_bitbucket_api_repositories.csv", "repository"));
  }

  @ParameterizedTest(name = "{0} rows are valid {1}")
  @MethodSource("csvSamples")
  void realCsvRowsValidate(String sample, String schema) {
    List<RecordedSamples.RawRow> rows = RecordedSamples.csvRows(sample);
    assertTrue(rows.size() > 0, sample + " has rows");
    for (int i = 0; i < rows.size(); i++) {
      // rows fetched with fields= are partial objects: what is there must be right, nothing is required
      OpenApiSchemas.Mode mode = rows.get(i).url().contains("fields=")
          ? OpenApiSchemas.Mode.PARTIAL : OpenApiSchemas.Mode.COMPLETE;
      assertEquals(List.of(), SCHEMAS.validate(rows.get(i).data(), schema, mode), sample + " row " + i);
    }
  }

  @Test
  void reportsEveryViolationOfABrokenPageWithItsPath() {
    ObjectNode page = (ObjectNode) RecordedSamples.json("pullrequests/pullrequests.json");
    ObjectNode first = (ObjectNode) page.withArray("values").get(0);
    first.put("id", "7");                                     // integer expected
    first.put("state", "REOPENED");                           // not in the enum
    first.put("created_on", "2023-11-26T10:00:00");           // no offset
    first.remove("type");                                     // required by #/components/schemas/object
    ((ObjectNode) first.get("author")).put("display_name", 42);
    ((ObjectNode) first.with("links").with("html")).put("href", "not a uri");
    first.withArray("participants");
    ((ArrayNode) first.get("participants")).addObject().put("type", "participant").put("role", "BOSS");
    page.put("pagelen", 0);                                   // minimum 1

    assertEquals(sorted(List.of(
        "$.pagelen: 0 is below minimum 1",
        "$.values[0]: missing required property \"type\"",
        "$.values[0].id: expected integer but was string \"7\"",
        "$.values[0].author.display_name: expected string but was number 42",
        "$.values[0].state: string \"REOPENED\" is not one of [\"OPEN\",\"MERGED\",\"DECLINED\",\"SUPERSEDED\"]",
        "$.values[0].created_on: \"2023-11-26T10:00:00\" is not an RFC 3339 date-time with an offset",
        "$.values[0].links.html.href: \"not a uri\" is not an absolute URI",
        "$.values[0].participants[0].role: string \"BOSS\" is not one of [\"PARTICIPANT\",\"REVIEWER\"]")),
        sorted(SCHEMAS.validate(page, "paginated_pullrequests")));
  }

  @Test
  void partialModeStillChecksTypesButNotPresence() {
    ObjectNode commit = (ObjectNode) RecordedSamples.json(
        "commits/2.0-repositories-amuniz-test-repos-commit-174561d625c9.json");
    commit.remove("type");
    commit.put("date", "yesterday");
    assertEquals(List.of("$.date: \"yesterday\" is not an RFC 3339 date-time with an offset"),
        SCHEMAS.validate(commit, "commit", OpenApiSchemas.Mode.PARTIAL));
    assertEquals(2, SCHEMAS.validate(commit, "commit").size());
  }

  @Test
  void acceptsNullsAndScpLikeCloneLinks() {
    JsonNode repository = RecordedSamples.json("repositories/repository.json");
    ((ObjectNode) repository).putNull("mainbranch");
    ((ObjectNode) repository).putNull("description");
    assertEquals(List.of(), SCHEMAS.validate(repository, "repository"));
    assertTrue(repository.toString().contains("git@bitbucket.org:"), "the sample has an ssh clone link");
  }

  /** The validator reports in document order; compare sorted so the test states only what is reported. */
  private static List<String> sorted(List<String> errors) {
    return errors.stream().sorted().collect(java.util.stream.Collectors.toList());
  }
}
