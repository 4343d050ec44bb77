package io.github.sparkbitbucket.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.apache.spark.sql.AnalysisException;
import org.junit.jupiter.api.Test;

/** SPEC section 6: every error says what happened and what to do. */
class ErrorsIT extends SparkEmulatorTestBase {

  static String failure(Runnable r) {
    Throwable t = assertThrows(Throwable.class, r::run);
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append(c.getMessage()).append('\n');
    }
    return all.toString();
  }

  static void assertContains(String text, String... parts) {
    for (String p : parts) {
      assertTrue(text.contains(p), "'" + p + "' missing from: " + text);
    }
  }

  @Test
  void wrongCredentials() {
    String m = failure(() -> SPARK.read().format("bitbucket").option("endpoint", EMU.baseUrl())
        .option("token", "not-a-token").option("workspace", WS).load("projects")
        .collectAsList());
    assertContains(m, "401", "Check option 'token'");
    assertTrue(!m.contains("not-a-token"), "the token never appears: " + m);
  }

  @Test
  void missingScopeNamesTheScope() {
    String m = failure(() -> SPARK.read().format("bitbucket").option("endpoint", EMU.baseUrl())
        .option("token", EMU.credentials().readOnlyToken()).option("workspace", WS)
        .load("pipelines").collectAsList());
    assertContains(m, "403", "pipeline");
  }

  @Test
  void unknownWorkspaceNamesTheVisibleOnes() {
    String m = failure(() -> format().option("workspace", "nosuchws").load("pullrequests")
        .collectAsList());
    assertContains(m, "nosuchws", "acme", "globex");
  }

  @Test
  void unknownRepositoryNamesTheExistingOnes() {
    String m = failure(() -> format().option("repository", "nosuchrepo").load("pullrequests")
        .collectAsList());
    assertContains(m, "nosuchrepo", repositories().get(0));
  }

  @Test
  void unknownTableNamesTheTables() {
    String m = failure(() -> format().load("pullrequest").collectAsList());
    assertContains(m, "pullrequest", "pullrequests, pullrequest_comments", "commits");
  }

  @Test
  void unknownCatalogTableNamesTheTablesThroughTheAnalyzer() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> SPARK.sql("SELECT * FROM bb.acme.nosuchtable").collectAsList());
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", e.getCondition());
    assertContains(e.getMessage(), "nosuchtable", "pullrequests, pullrequest_comments",
        "commits", "issue_comments");
  }

  @Test
  void unknownCatalogWorkspaceNamesTheVisibleOnesThroughTheAnalyzer() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> SPARK.sql("SELECT * FROM bb.nosuchws.pullrequests").collectAsList());
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", e.getCondition());
    assertContains(e.getMessage(), "nosuchws", "acme", "globex");
  }

  @Test
  void existenceChecksStillAnswerFalseForUnknownNames() {
    assertFalse(SPARK.catalog().tableExists("bb.acme.nosuchtable"));
    assertFalse(SPARK.catalog().tableExists("bb.nosuchws.pullrequests"));
    assertTrue(SPARK.catalog().tableExists("bb.acme.pullrequests"));
    SPARK.sql("DROP TABLE IF EXISTS bb.acme.nosuchtable"); // no error: IF EXISTS sees none
  }

  @Test
  void removedIssueTrackerPointsToJira() {
    EMU.issueTrackerRemoved(true);
    String m = failure(() -> format().load("issues").collectAsList());
    assertContains(m, "410", "Jira");
  }

  @Test
  void rateLimitExhaustedAfterRetries() {
    EMU.faults().rateLimit(1, Duration.ofHours(1));
    // 429s do not spend maxRetries: the job gives up once a request waited maxRateLimitWait
    String m = failure(() -> format().option("maxRetries", "0").option("maxRateLimitWait", "1s")
        .load("projects").collectAsList());
    assertContains(m, "429", "maxConcurrency", "maxRateLimitWait");
  }

  @Test
  void unknownOptionAndBadValueAreRefusedBeforeAnyRequest() {
    String m = failure(() -> format().option("pagesise", "5").load("projects").collectAsList());
    assertContains(m, "pagesise");
    String v = failure(() -> format().option("pageSize", "many").load("projects")
        .collectAsList());
    assertContains(v, "pageSize", "many");
    String ws = failure(() -> SPARK.read().format("bitbucket").option("endpoint",
        EMU.baseUrl()).option("token", EMU.credentials().token()).load("projects")
        .collectAsList());
    assertContains(ws, "workspace");
    assertEquals(0, EMU.requestLog().size(), EMU.requestLog().entries().toString());
  }

  @Test
  void malformedResponseNamesTheUrl() {
    EMU.faults().truncateRate(1.0);
    String m = failure(() -> format().option("maxRetries", "0").load("projects")
        .collectAsList());
    assertContains(m, "/workspaces/acme/projects");
  }
}
