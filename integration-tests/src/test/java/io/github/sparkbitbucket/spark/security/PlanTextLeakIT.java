package io.github.sparkbitbucket.spark.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * No secret in what Spark prints about a query: EXPLAIN EXTENDED, DESCRIBE TABLE EXTENDED and
 * the query execution's text, for every way of authenticating, through a catalog (secrets in
 * session conf) and through {@code spark.read} options (secrets in the relation's options).
 */
class PlanTextLeakIT extends SecurityTestBase {

  private static String text(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).collect(Collectors.joining("\n"));
  }

  @Test
  void explainDescribeAndPlanStringsShowNoSecret() {
    for (Map.Entry<String, Map<String, String>> auth : Canaries.authMethods(EMU).entrySet()) {
      String table = catalog(auth.getKey()) + ".acme.pullrequests";
      String explain = text(SPARK.sql("EXPLAIN EXTENDED SELECT id FROM " + table
          + " WHERE state = 'MERGED'"));
      assertTrue(explain.contains("state = \"MERGED\""), explain); // the plan is really there
      String describe = text(SPARK.sql("DESCRIBE TABLE EXTENDED " + table));
      assertTrue(describe.contains("author_display_name"), describe);
      Dataset<Row> read = reader(auth.getValue()).load("pullrequests").where("state = 'OPEN'");
      String plans = read.queryExecution().toString() + "\n"
          + read.queryExecution().explainString(
              org.apache.spark.sql.execution.ExtendedMode$.MODULE$);
      assertTrue(plans.contains("state = \"OPEN\""), plans);
      for (String s : List.of(explain, describe, plans)) {
        assertEquals(List.of(), Canaries.leaksIn(s), auth.getKey() + ": " + s);
      }
    }
  }
}
