package io.github.sparkbitbucket.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.junit.jupiter.api.Test;

/** UPDATE, DELETE and MERGE split their budget between their scan and their write. */
class RowLevelBudgetTest {
  private static final StructType KEYS = new StructType().add("id", DataTypes.LongType, false);

  private static WriteContext context(StructType rowIds) {
    return new WriteContext("w", null, null, null, KEYS, rowIds, Map.of());
  }

  @Test
  void anInsertWritesWithTheWholeBudget() {
    assertEquals(1000, RowLevelBudget.writeSide(context(null), 1000));
  }

  @Test
  void aRowLevelStatementsScanAndWriteTogetherStayWithinTheBudget() {
    for (int budget : List.of(2, 3, 999, 1000)) {
      int scan = RowLevelBudget.scanSide(budget);
      int write = RowLevelBudget.writeSide(context(KEYS), budget);
      assertEquals(budget, scan + write, "budget " + budget);
      assertEquals(budget / 2, scan);
    }
  }

  @Test
  void theScanPlansWithItsHalfWhateverCaseTheOptionWasGivenIn() {
    CaseInsensitiveStringMap given = new CaseInsensitiveStringMap(
        Map.of("REQUESTSPERHOUR", "900", "pageSize", "10"));
    CaseInsensitiveStringMap scan = RowLevelBudget.scanOptions(given, OptionalInt.of(900));
    assertEquals("450", scan.get("requestsPerHour"));
    assertEquals(2, scan.size());
    assertEquals("10", scan.get("pagesize"));
    CaseInsensitiveStringMap none = CaseInsensitiveStringMap.empty();
    assertSame(none, RowLevelBudget.scanOptions(none, OptionalInt.empty()));
  }
}
