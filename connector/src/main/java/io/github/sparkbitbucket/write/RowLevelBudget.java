package io.github.sparkbitbucket.write;

import io.github.sparkbitbucket.config.BitbucketOptions;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * How an UPDATE, DELETE or MERGE splits its {@code requestsPerHour}: its scan and its write run
 * in the same job (the same tasks), so each plans with half of the budget, and together they
 * stay within it. An INSERT's write has the whole budget.
 */
final class RowLevelBudget {
  private static final String OPTION = BitbucketOptions.REQUESTS_PER_HOUR.name();

  private RowLevelBudget() {}

  /** The budget the write side plans with. */
  static int writeSide(WriteContext ctx, int perHour) {
    return ctx.rowIdSchema() == null ? perHour : perHour - scanSide(perHour);
  }

  /** The half of a row-level statement's budget its scan plans with (at least 1). */
  static int scanSide(int perHour) {
    return Math.max(1, perHour / 2);
  }

  /** The scan's options: {@code requestsPerHour} replaced by the scan's half, when set. */
  static CaseInsensitiveStringMap scanOptions(CaseInsensitiveStringMap scanOptions,
      OptionalInt perHour) {
    if (perHour.isEmpty()) {
      return scanOptions;
    }
    Map<String, String> copy = new java.util.HashMap<>(scanOptions.asCaseSensitiveMap());
    copy.keySet().removeIf(k -> k.equalsIgnoreCase(OPTION));
    copy.put(OPTION, String.valueOf(scanSide(perHour.getAsInt())));
    return new CaseInsensitiveStringMap(copy);
  }
}
