package io.github.sparkbitbucket.table;

import static io.github.sparkbitbucket.table.ColumnDef.context;
import static io.github.sparkbitbucket.table.ColumnDef.json;
import static io.github.sparkbitbucket.table.ColumnDef.stringArray;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every table of the connector (SPEC section 3), as data. Field paths and BBQL names follow the
 * real API objects (see the recorded samples and the OpenAPI document).
 */
public final class TableRegistry {
  private static final Map<String, TableDef> TABLES = new LinkedHashMap<>();

  /** Every state: the API's own default is OPEN only. */
  static final String[] PR_STATES = {"OPEN", "MERGED", "DECLINED", "SUPERSEDED"};

  static {
    register(TableDef.builder("workspaces", Scope.ROOT)
        .description("Workspaces the credentials can see (GET /user/workspaces)")
        .list("/user/workspaces").item(null).noBbql().detail("/workspaces/{key}")
        .strategy(ReadStrategy.PAGES, "slug")
        .key("slug")
        .column(json("slug", "workspace.slug", StringType).notNull())
        .column(json("uuid", "workspace.uuid", StringType))
        .column(ColumnDef.detail("name", "name", StringType))
        .column(ColumnDef.detail("is_private", "is_private", BooleanType))
        .column(json("is_administrator", "administrator", BooleanType))
        .column(ColumnDef.detail("created_on", "created_on", TimestampType))
        .build());

    register(TableDef.builder("projects", Scope.WORKSPACE)
        .description("Projects of the workspace")
        .list("/workspaces/{ws}/projects").item("/workspaces/{ws}/projects/{key}")
        .strategy(ReadStrategy.TEXT_KEYSET, "key")
        .key("key")
        .column(context("workspace", ColumnSource.WORKSPACE, StringType))
        .column(json("key", "key", StringType).notNull().sortable())
        .column(json("uuid", "uuid", StringType).filterable())
        .column(json("name", "name", StringType).sortable())
        .column(json("description", "description", StringType).filterable())
        .column(json("is_private", "is_private", BooleanType).filterable())
        .column(json("has_publicly_visible_repos", "has_publicly_visible_repos", BooleanType))
        .column(json("created_on", "created_on", TimestampType).sortable())
        .column(json("updated_on", "updated_on", TimestampType).sortable())
        .build());

    register(TableDef.builder("repositories", Scope.WORKSPACE)
        .description("Repositories of the workspace")
        .list("/repositories/{ws}").item("/repositories/{ws}/{key}")
        .strategy(ReadStrategy.TEXT_KEYSET, "slug")
        .key("slug")
        .column(context("workspace", ColumnSource.WORKSPACE, StringType))
        .column(json("slug", "slug", StringType).notNull().sortable())
        .column(json("uuid", "uuid", StringType).filterable())
        .column(json("full_name", "full_name", StringType).sortable())
        .column(json("name", "name", StringType).sortable())
        .column(json("description", "description", StringType).filterable())
        .column(json("is_private", "is_private", BooleanType).filterable())
        .column(json("fork_policy", "fork_policy", StringType).filterable())
        .column(json("language", "language", StringType).filterable())
        .column(json("size", "size", LongType).sortable())
        .column(json("has_issues", "has_issues", BooleanType).filterable())
        .column(json("has_wiki", "has_wiki", BooleanType).filterable())
        .column(json("mainbranch", "mainbranch.name", StringType).filterable())
        .column(json("project_key", "project.key", StringType).filterable())
        .column(json("scm", "scm", StringType).filterable())
        .column(json("owner_display_name", "owner.display_name", StringType))
        .column(json("created_on", "created_on", TimestampType).sortable())
        .column(json("updated_on", "updated_on", TimestampType).sortable())
        .build());

    register(TableDef.builder("members", Scope.WORKSPACE)
        .description("Members of the workspace")
        .list("/workspaces/{ws}/members").item("/workspaces/{ws}/members/{key}").noBbql()
        .strategy(ReadStrategy.PAGES, "user_uuid")
        .key("user_uuid")
        .column(context("workspace", ColumnSource.WORKSPACE, StringType))
        .column(json("user_uuid", "user.uuid", StringType).notNull())
        .column(json("account_id", "user.account_id", StringType))
        .column(json("display_name", "user.display_name", StringType))
        .column(json("nickname", "user.nickname", StringType))
        .build());

    register(TableDef.builder("pullrequests", Scope.REPOSITORY)
        .description("Pull requests of every state")
        .list("/repositories/{ws}/{repo}/pullrequests")
        .item("/repositories/{ws}/{repo}/pullrequests/{key}")
        .pageLenCap(50)
        .param("state", PR_STATES)
        .defaultBbql("state IN (\"OPEN\", \"MERGED\", \"DECLINED\", \"SUPERSEDED\")")
        .strategy(ReadStrategy.KEYSET, "id")
        .key("repository", "id")
        .column(context("workspace", ColumnSource.WORKSPACE, StringType))
        .column(context("repository", ColumnSource.REPOSITORY, StringType))
        .column(json("id", "id", IntegerType).notNull().sortable())
        .column(json("title", "title", StringType).sortable())
        .column(json("description", "description", StringType).filterable())
        .column(json("state", "state", StringType).sortable())
        .column(json("draft", "draft", BooleanType).filterable())
        .column(json("author_uuid", "author.uuid", StringType).filterable())
        .column(json("author_display_name", "author.display_name", StringType).filterable())
        .column(json("source_branch", "source.branch.name", StringType).filterable())
        .column(json("source_commit", "source.commit.hash", StringType).filterable())
        .column(json("destination_branch", "destination.branch.name", StringType).filterable())
        .column(json("destination_commit", "destination.commit.hash", StringType).filterable())
        .column(json("merge_commit", "merge_commit.hash", StringType).filterable())
        .column(json("close_source_branch", "close_source_branch", BooleanType).filterable())
        .column(json("closed_by_display_name", "closed_by.display_name", StringType)
            .filterable())
        .column(json("reason", "reason", StringType).filterable())
        .column(json("comment_count", "comment_count", IntegerType).sortable())
        .column(json("task_count", "task_count", IntegerType).sortable())
        .column(json("created_on", "created_on", TimestampType).notNull().sortable())
        .column(json("updated_on", "updated_on", TimestampType).notNull().sortable())
        .build());

    register(TableDef.builder("pullrequest_comments", Scope.REPOSITORY)
        .description("Comments on pull requests (listed per pull request)")
        .list("/repositories/{ws}/{repo}/pullrequests/{parent}/comments")
        .item("/repositories/{ws}/{repo}/pullrequests/{parent}/comments/{key}")
        .parent("pullrequests", "pullrequest_id")
        .strategy(ReadStrategy.KEYSET, "id")
        .key("repository", "pullrequest_id", "id")
        .column(context("workspace", ColumnSource.WORKSPACE, StringType))
        .column(context("repository", ColumnSource.REPOSITORY, StringType))
        .column(context("pullrequest_id", ColumnSource.PARENT_ID, IntegerType))
        .column(json("id", "id", LongType).notNull().sortable())
        .column(json("parent_id", "parent.id", LongType).filterable())
        .column(json("content_raw", "content.raw", StringType).filterable())
        .column(json("user_uuid", "user.uuid", StringType).filterable())
        .column(json("user_display_name", "user.display_name", StringType).filterable())
        .column(json("inline_path", "inline.path", StringType).filterable())
        .column(json("inline_from", "inline.from", IntegerType).filterable())
        .column(json("inline_to", "inline.to", IntegerType).filterable())
        .column(json("deleted", "deleted", BooleanType).filterable())
        .column(json("created_on", "created_on", TimestampType).sortable())
        .column(json("updated_on", "updated_on", TimestampType).sortable())
        .build());

    register(TableDef.builder("commits", Scope.REPOSITORY)
        .description("Commits reachable from any branch (cursor-paged, read only)")
        .list("/repositories/{ws}/{repo}/commits").item("/repositories/{ws}/{repo}/commit/{key}")
        .cursor().noBbql().strategy(ReadStrategy.CURSOR, null)
        .key("repository", "hash")
        .column(context("workspace", ColumnSource.WORKSPACE, StringType))
        .column(context("repository", ColumnSource.REPOSITORY, StringType))
        .column(json("hash", "hash", StringType).notNull())
        .column(json("message", "message", StringType))
        .column(json("author_raw", "author.raw", StringType))
        .column(json("author_uuid", "author.user.uuid", StringType))
        .column(json("author_display_name", "author.user.display_name", StringType))
        .column(json("date", "date", TimestampType))
        .column(stringArray("parents", "parents", "hash"))
        .build());

    register(TableDef.builder("branches", Scope.REPOSITORY)
        .description("Branches")
        .list("/repositories/{ws}/{repo}/refs/branches")
        .item("/repositories/{ws}/{repo}/refs/branches/{key}")
        .strategy(ReadStrategy.TEXT_KEYSET, "name")
        .key("repository", "name")
        .column(context("workspace", ColumnSource.WORKSPACE, StringType))
        .column(context("repository", ColumnSource.REPOSITORY, StringType))
        .column(json("name", "name", StringType).notNull().sortable())
        .column(json("target_hash", "target.hash", StringType).filterable())
        .column(json("target_date", "target.date", TimestampType).sortable())
        .column(json("target_message", "target.message", StringType).filterable())
        .column(json("target_author_raw", "target.author.raw", StringType).filterable())
        .column(json("default_merge_strategy", "default_merge_strategy", StringType))
        .column(stringArray("merge_strategies", "merge_strategies", null))
        .build());

    register(TableDef.builder("tags", Scope.REPOSITORY)
        .description("Tags")
        .list("/repositories/{ws}/{repo}/refs/tags")
        .item("/repositories/{ws}/{repo}/refs/tags/{key}")
        .strategy(ReadStrategy.TEXT_KEYSET, "name")
        .key("repository", "name")
        .column(context("workspace", ColumnSource.WORKSPACE, StringType))
        .column(context("repository", ColumnSource.REPOSITORY, StringType))
        .column(json("name", "name", StringType).notNull().sortable())
        .column(json("target_hash", "target.hash", StringType).filterable())
        .column(json("target_date", "target.date", TimestampType).sortable())
        .column(json("message", "message", StringType).filterable())
        .column(json("date", "date", TimestampType).sortable())
        .column(json("tagger_raw", "tagger.raw", StringType))
        .build());

    register(TableDef.builder("pipelines", Scope.REPOSITORY)
        .description("Pipelines (runs), oldest first")
        .list("/repositories/{ws}/{repo}/pipelines")
        .item("/repositories/{ws}/{repo}/pipelines/{key}")
        .noBbql().param("sort", "created_on")
        .strategy(ReadStrategy.APPEND_ONLY_PAGES, "build_number")
        .key("repository", "uuid")
        .column(context("workspace", ColumnSource.WORKSPACE, StringType))
        .column(context("repository", ColumnSource.REPOSITORY, StringType))
        .column(json("uuid", "uuid", StringType).notNull())
        .column(json("build_number", "build_number", IntegerType))
        .column(json("state", "state.name", StringType))
        .column(json("result", "state.result.name", StringType))
        .column(json("trigger_type", "trigger.name", StringType))
        .column(json("target_ref_type", "target.ref_type", StringType))
        .column(json("target_ref_name", "target.ref_name", StringType).param("target.ref_name"))
        .column(json("target_commit", "target.commit.hash", StringType))
        .column(json("creator_uuid", "creator.uuid", StringType))
        .column(json("creator_display_name", "creator.display_name", StringType))
        .column(json("created_on", "created_on", TimestampType))
        .column(json("completed_on", "completed_on", TimestampType))
        .column(json("duration_in_seconds", "duration_in_seconds", IntegerType))
        .column(json("build_seconds_used", "build_seconds_used", IntegerType))
        .build());

    register(TableDef.builder("issues", Scope.REPOSITORY)
        .description("Issues (legacy: Bitbucket Cloud removed its issue tracker on 2026-08-20)")
        .list("/repositories/{ws}/{repo}/issues").item("/repositories/{ws}/{repo}/issues/{key}")
        .strategy(ReadStrategy.KEYSET, "id")
        .key("repository", "id")
        .column(context("workspace", ColumnSource.WORKSPACE, StringType))
        .column(context("repository", ColumnSource.REPOSITORY, StringType))
        .column(json("id", "id", IntegerType).notNull().sortable())
        .column(json("title", "title", StringType).sortable())
        .column(json("content_raw", "content.raw", StringType).filterable())
        .column(json("state", "state", StringType).sortable())
        .column(json("kind", "kind", StringType).sortable())
        .column(json("priority", "priority", StringType).filterable())
        .column(json("reporter_uuid", "reporter.uuid", StringType).filterable())
        .column(json("reporter_display_name", "reporter.display_name", StringType).filterable())
        .column(json("assignee_uuid", "assignee.uuid", StringType).filterable())
        .column(json("assignee_display_name", "assignee.display_name", StringType).filterable())
        .column(json("component", "component.name", StringType).filterable())
        .column(json("milestone", "milestone.name", StringType).filterable())
        .column(json("version", "version.name", StringType).filterable())
        .column(json("votes", "votes", IntegerType).sortable())
        .column(json("watches", "watches", IntegerType).sortable())
        .column(json("created_on", "created_on", TimestampType).notNull().sortable())
        .column(json("updated_on", "updated_on", TimestampType).notNull().sortable())
        .column(json("edited_on", "edited_on", TimestampType).sortable())
        .build());

    register(TableDef.builder("issue_comments", Scope.REPOSITORY)
        .description("Comments on issues (legacy, listed per issue)")
        .list("/repositories/{ws}/{repo}/issues/{parent}/comments")
        .item("/repositories/{ws}/{repo}/issues/{parent}/comments/{key}")
        .parent("issues", "issue_id")
        .strategy(ReadStrategy.KEYSET, "id")
        .key("repository", "issue_id", "id")
        .column(context("workspace", ColumnSource.WORKSPACE, StringType))
        .column(context("repository", ColumnSource.REPOSITORY, StringType))
        .column(context("issue_id", ColumnSource.PARENT_ID, IntegerType))
        .column(json("id", "id", LongType).notNull().sortable())
        .column(json("content_raw", "content.raw", StringType).filterable())
        .column(json("user_uuid", "user.uuid", StringType).filterable())
        .column(json("user_display_name", "user.display_name", StringType).filterable())
        .column(json("created_on", "created_on", TimestampType).sortable())
        .column(json("updated_on", "updated_on", TimestampType).sortable())
        .build());
  }

  private TableRegistry() {}

  private static void register(TableDef def) {
    TABLES.put(def.name(), def);
  }

  /** The table named {@code name} (case-insensitive). */
  public static Optional<TableDef> find(String name) {
    return name == null ? Optional.empty()
        : Optional.ofNullable(TABLES.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The table, or an error naming the tables that exist. */
  public static TableDef require(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException("Unknown Bitbucket table '"
        + name + "'. Tables: " + String.join(", ", TABLES.keySet())
        + ". Give the table as load(\"<table>\") or option(\"table\", \"<table>\")."));
  }

  public static List<TableDef> all() {
    return Collections.unmodifiableList(new ArrayList<>(TABLES.values()));
  }

  /** The tables of a workspace namespace (everything but the root's {@code workspaces}). */
  public static List<TableDef> workspaceTables() {
    return TABLES.values().stream().filter(t -> t.scope() != Scope.ROOT).toList();
  }

  public static List<TableDef> rootTables() {
    return TABLES.values().stream().filter(t -> t.scope() == Scope.ROOT).toList();
  }
}
