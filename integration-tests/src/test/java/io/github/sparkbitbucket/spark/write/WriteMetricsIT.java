package io.github.sparkbitbucket.spark.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkbitbucket.spark.PlanMetrics;
import java.util.Map;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.junit.jupiter.api.Test;

/** The write's custom metrics (Spark UI, SQL tab): requests and rows created, updated, deleted. */
class WriteMetricsIT extends WriteTestBase {

  private static Map<String, SQLMetric> metricsOf(String statement) {
    return PlanMetrics.writeMetrics(SPARK.sql(statement).queryExecution().executedPlan());
  }

  @Test
  void countRequestsAndRowsByKindOfChange() {
    String repo = repo();
    int pr = store(repo, "pullrequests").get(5).get("id").asInt();
    String tag = unique("metric");
    int start = EMU.requestLog().size();
    Map<String, SQLMetric> insert = metricsOf("INSERT INTO bbw.acme.pullrequest_comments "
        + "(repository, pullrequest_id, content_raw) VALUES ('" + repo + "', " + pr + ", '" + tag
        + " 1'), ('" + repo + "', " + pr + ", '" + tag + " 2'), ('" + repo + "', " + pr + ", '"
        + tag + " 3')");
    assertEquals(3, insert.get("bitbucketRowsCreated").value());
    assertEquals(writesSince(start).size(), insert.get("bitbucketRequests").value());

    Map<String, SQLMetric> update = metricsOf("UPDATE bbw.acme.pullrequest_comments SET "
        + "content_raw = '" + tag + " edited' WHERE repository = '" + repo + "' AND "
        + "pullrequest_id = " + pr + " AND content_raw = '" + tag + " 1'");
    assertEquals(1, update.get("bitbucketRowsUpdated").value());
    assertEquals(0, update.get("bitbucketRowsCreated").value());
    Map<String, SQLMetric> delete = metricsOf("DELETE FROM bbw.acme.pullrequest_comments WHERE "
        + "repository = '" + repo + "' AND pullrequest_id = " + pr + " AND id IN (SELECT id FROM "
        + "bbw.acme.pullrequest_comments WHERE repository = '" + repo + "' AND pullrequest_id = "
        + pr + " AND content_raw LIKE '" + tag + " %')");
    assertEquals(3, delete.get("bitbucketRowsDeleted").value());
  }
}
