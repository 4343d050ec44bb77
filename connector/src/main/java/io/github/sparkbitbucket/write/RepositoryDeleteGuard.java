package io.github.sparkbitbucket.write;

/** Repositories are deleted only when the user asked for it twice: the statement and an option. */
final class RepositoryDeleteGuard {
  static final String MESSAGE = "DELETE from repositories deletes the repositories themselves, "
      + "with all their code, pull requests and history. It is refused unless option "
      + "allowRepositoryDelete=true is set (e.g. spark.sql.catalog.<name>.allowRepositoryDelete"
      + "=true).";

  private RepositoryDeleteGuard() {}
}
