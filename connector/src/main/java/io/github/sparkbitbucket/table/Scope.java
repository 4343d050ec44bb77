package io.github.sparkbitbucket.table;

/** Where a table lives: what its list endpoint is addressed by. */
public enum Scope {
  /** Not inside a workspace: the root namespace of the catalog ({@code workspaces}). */
  ROOT,
  /** One list per workspace ({@code projects}, {@code repositories}, {@code members}). */
  WORKSPACE,
  /** One list per repository of the workspace ({@code pullrequests}, {@code commits}...). */
  REPOSITORY
}
