package io.github.sparkbitbucket.emulator.query;

/**
 * Entry point for BBQL, the filter language of Bitbucket Cloud's {@code q=} parameter.
 *
 * <p>Supported: {@code = != ~ !~ > >= < <= IN, NOT IN}, {@code AND}/{@code OR} (any case; AND binds tighter),
 * parentheses, strings in double quotes with {@code \"} and {@code \\} escapes, numbers, {@code true},
 * {@code false}, {@code null}, unquoted ISO-8601 datetimes (UTC unless an offset is given), dotted nested
 * fields and paths through arrays (any element matches). {@code ~} is a literal, case-insensitive substring
 * test: no wildcards or regular expressions.
 */
public final class Bbql {
  private static final BbqlQuery MATCH_ALL = object -> true;

  private Bbql() {
  }

  /**
   * Parses a query. A null or blank query filters nothing (the API ignores an empty {@code q}).
   *
   * @throws BbqlException with a message fit for a 400 body when the query is malformed
   */
  public static BbqlQuery parse(String q) {
    if (q == null || q.isBlank()) {
      return MATCH_ALL;
    }
    return BbqlParser.parse(q);
  }
}
