package io.github.sparkbitbucket.table;

import static io.github.sparkbitbucket.table.WritableColumn.both;
import static io.github.sparkbitbucket.table.WritableColumn.createOnly;

import io.github.sparkbitbucket.table.WriteSpec.CreateUndo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The write side of the table registry: how each writable table of SPEC section 3 is written.
 * Body paths follow the API's request schemas in the OpenAPI document (a pull request's
 * {@code source.branch.name}, a comment's {@code content.raw}, a branch's {@code target.hash}).
 */
public final class WriteSpecs {
  private static final Map<String, WriteSpec> SPECS = new LinkedHashMap<>();

  private static final String REPO = "/repositories/{ws}/{repo}";

  static {
    add(WriteSpec.builder("projects")
        .create("/workspaces/{ws}/projects").item("/workspaces/{ws}/projects/{key}")
        .key("key", "key", false)
        .column(createOnly("key", "key").required())
        .column(both("name", "name").required())
        .column(both("description", "description"))
        .column(both("is_private", "is_private"))
        .updatable().deletable().recreatable()
        .serverMaintained("uuid", "has_publicly_visible_repos")
        .build());

    add(WriteSpec.builder("repositories")
        .create("/repositories/{ws}/{key}").item("/repositories/{ws}/{key}")
        .key("slug", "slug", false)
        .fixed("scm", "git")
        .column(createOnly("slug", "slug").required())
        .column(both("name", "name"))
        .column(both("description", "description"))
        .column(both("is_private", "is_private"))
        .column(both("fork_policy", "fork_policy"))
        .column(both("language", "language"))
        .column(both("has_issues", "has_issues"))
        .column(both("has_wiki", "has_wiki"))
        .column(both("project_key", "project.key"))
        .updatable().deleteNeedsOption()
        .serverMaintained("uuid", "full_name", "size", "mainbranch", "owner_display_name", "scm")
        .build());

    add(WriteSpec.builder("pullrequests")
        .create(REPO + "/pullrequests").item(REPO + "/pullrequests/{key}")
        .key("id", "id", true)
        .column(both("title", "title").required())
        .column(both("description", "description"))
        .column(createOnly("source_branch", "source.branch.name").required())
        .column(both("destination_branch", "destination.branch.name"))
        .column(createOnly("close_source_branch", "close_source_branch"))
        .column(both("draft", "draft"))
        .updatable()
        .stateAction("state", "DECLINED", "/decline")
        .stateAction("state", "MERGED", "/merge")
        .refuseDelete("Bitbucket cannot delete a pull request: decline it instead with "
            + "UPDATE ... SET state = 'DECLINED' WHERE ...")
        .undoCreateBy(CreateUndo.DECLINE)
        .serverMaintained("comment_count", "task_count", "source_commit", "destination_commit",
            "merge_commit", "closed_by_display_name", "reason", "author_uuid",
            "author_display_name")
        .build());

    add(WriteSpec.builder("pullrequest_comments")
        .create(REPO + "/pullrequests/{parent}/comments")
        .item(REPO + "/pullrequests/{parent}/comments/{key}")
        .parent("pullrequest_id")
        .key("id", "id", true)
        .column(both("content_raw", "content.raw").required())
        .column(createOnly("parent_id", "parent.id"))
        .column(createOnly("inline_path", "inline.path"))
        .column(createOnly("inline_from", "inline.from"))
        .column(createOnly("inline_to", "inline.to"))
        .updatable().deletable()
        .serverMaintained("deleted", "user_uuid", "user_display_name")
        .build());

    add(WriteSpec.builder("branches")
        .create(REPO + "/refs/branches").item(REPO + "/refs/branches/{key}")
        .key("name", "name", false)
        .column(createOnly("name", "name").required())
        .column(createOnly("target_hash", "target.hash").required())
        .refuseUpdate("Bitbucket cannot rename or move a branch through the API: DELETE the "
            + "branch and INSERT it again with the new name or target_hash")
        .deletable().recreatable()
        .build());

    add(WriteSpec.builder("tags")
        .create(REPO + "/refs/tags").item(REPO + "/refs/tags/{key}")
        .key("name", "name", false)
        .column(createOnly("name", "name").required())
        .column(createOnly("target_hash", "target.hash").required())
        .column(createOnly("message", "message"))
        .refuseUpdate("Bitbucket cannot change a tag: DELETE it and INSERT it again")
        .deletable().recreatable()
        .build());

    add(WriteSpec.builder("pipelines")
        .create(REPO + "/pipelines").item(REPO + "/pipelines/{key}")
        .key("uuid", "uuid", true)
        .fixed("target.type", "pipeline_ref_target")
        .column(createOnly("target_ref_type", "target.ref_type").required())
        .column(createOnly("target_ref_name", "target.ref_name").required())
        .refuseUpdate("a pipeline run cannot be changed: INSERT triggers a new one")
        .refuseDelete("a pipeline run cannot be deleted through the API")
        .undoCreateBy(CreateUndo.NONE)
        .build());

    add(WriteSpec.builder("issues")
        .create(REPO + "/issues").item(REPO + "/issues/{key}")
        .key("id", "id", true)
        .column(both("title", "title").required())
        .column(both("content_raw", "content.raw"))
        .column(both("state", "state"))
        .column(both("kind", "kind"))
        .column(both("priority", "priority"))
        .column(both("component", "component.name"))
        .column(both("milestone", "milestone.name"))
        .column(both("version", "version.name"))
        .updatable().deletable()
        .serverMaintained("votes", "watches", "reporter_uuid", "reporter_display_name",
            "assignee_uuid", "assignee_display_name")
        .build());

    add(WriteSpec.builder("issue_comments")
        .create(REPO + "/issues/{parent}/comments")
        .item(REPO + "/issues/{parent}/comments/{key}")
        .parent("issue_id")
        .key("id", "id", true)
        .column(both("content_raw", "content.raw").required())
        .updatable().deletable()
        .serverMaintained("user_uuid", "user_display_name")
        .build());
  }

  private WriteSpecs() {}

  private static void add(WriteSpec spec) {
    SPECS.put(spec.table(), spec);
  }

  /** How {@code table} is written, or empty for a read-only table. */
  public static Optional<WriteSpec> find(String table) {
    return table == null ? Optional.empty()
        : Optional.ofNullable(SPECS.get(table.toLowerCase(Locale.ROOT)));
  }

  /** The writable tables, for messages. */
  public static Set<String> writableTables() {
    return Collections.unmodifiableSet(SPECS.keySet());
  }
}
