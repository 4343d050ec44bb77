package io.github.sparkbitbucket.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The examples do one analysis: the SQL file, the PySpark notebook (PySpark is not installable
 * here, so its statements are extracted and run through Java Spark) and the Java example run the
 * same statements, and those give the emulator's own totals.
 */
class AnalyticsExamplesIT extends EmulatorSparkFixture {
  private static final String REGENERATE =
      "regenerate the notebook with: python3 examples/notebooks/generate_notebook.py";
  private static final List<String> ANALYSES = List.of("cycle_time_by_repository",
      "merges_per_week", "review_load", "pipeline_health_by_repository", "branch_age_by_repository");
  private static Path examples;
  private static AnalyticsScript sqlFile;

  @BeforeAll
  static void readTheSqlFile() throws Exception {
    examples = Path.of(System.getProperty("examples.dir", "."));
    sqlFile = AnalyticsScript.parse(Files.readString(examples.resolve("sql/bitbucket_analytics.sql")));
    // The examples talk to the standalone emulator; here the embedded one stands in for it.
    AnalyticsExample.configure(spark, emulator.baseUrl(), emulator.credentials().token());
  }

  @Test
  void theSqlFileSetsUpTheSessionThenNamesEachAnalysis() {
    assertEquals(List.of("SET spark.sql.session.timeZone = UTC", "USE bb.acme"), sqlFile.setup());
    assertEquals(ANALYSES, List.copyOf(sqlFile.queries().keySet()));
    AnalyticsScript onClasspath = AnalyticsScript.load();
    assertEquals(sqlFile.queries(), onClasspath.queries(), "the jar carries examples/sql as is");
    assertEquals(List.of("SET spark.sql.session.timeZone = UTC", "USE bb.`globex`"),
        sqlFile.setupFor("bb", "globex"));
  }

  @Test
  void theNotebookIsNbformat4AndItsStatementsAreTheSqlFiles() throws Exception {
    JsonNode notebook = notebook();
    assertEquals(4, notebook.get("nbformat").asInt());
    assertTrue(notebook.get("nbformat_minor").asInt() >= 5, "cell ids need nbformat 4.5");
    for (JsonNode cell : notebook.get("cells")) {
      assertTrue(cell.get("id").isTextual() && cell.get("source").isArray()
          && cell.get("metadata").isObject(), "a valid cell: " + cell);
      if (cell.get("cell_type").asText().equals("code")) {
        assertTrue(cell.get("outputs").isArray() && cell.has("execution_count"), "code cell: " + cell);
      }
    }
    List<String> expected = new ArrayList<>(sqlFile.setup());
    expected.addAll(sqlFile.queries().values());
    assertEquals(expected, notebookStatements(notebook), REGENERATE);

    String config = source(notebook.get("cells").get(1));
    for (String expectedText : List.of("connector/target/spark-bitbucket-0.1.0-SNAPSHOT-shaded.jar",
        "\"spark.sql.catalog.bb\", \"io.github.sparkbitbucket.BitbucketCatalog\"",
        AnalyticsExample.EMULATOR_ENDPOINT, AnalyticsExample.EMULATOR_TOKEN)) {
      assertTrue(config.contains(expectedText), "the notebook's setup names " + expectedText);
    }
  }

  @Test
  void theExamplesDefaultToTheStandaloneEmulatorsUrlAndToken() throws Exception {
    assertEquals(emulator.credentials().token(), AnalyticsExample.EMULATOR_TOKEN);
    String emulatorDoc = Files.readString(examples.resolve("../integration-tests/EMULATOR.md"));
    assertTrue(emulatorDoc.contains("| `--port N` | port on 127.0.0.1 (`0` = any free port) | 7990 |"),
        "the standalone emulator's default port is 7990");
    assertTrue(AnalyticsExample.EMULATOR_ENDPOINT.equals("http://127.0.0.1:7990/2.0"));
  }

  @Test
  void everyNotebookStatementRunsAndGivesTheEmulatorsTotals() throws Exception {
    List<String> statements = notebookStatements(notebook());
    Map<String, List<Row>> results = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(sqlFile.queries().keySet());
    int setup = sqlFile.setup().size();
    for (int i = 0; i < statements.size(); i++) {
      List<Row> rows = spark.sql(statements.get(i)).collectAsList();
      if (i >= setup) {
        results.put(names.get(i - setup), rows);
      }
    }
    assertTotals(results);
  }

  @Test
  void theJavaExampleRunsTheSameQueriesAsTheNotebook() throws Exception {
    // Executing them again would only repeat the test above: compare the analysed plans (with
    // expression ids normalised) instead.
    Map<String, org.apache.spark.sql.Dataset<Row>> java = AnalyticsExample.analyses(spark, "acme");
    assertEquals(ANALYSES, List.copyOf(java.keySet()));
    List<String> notebook = notebookStatements(notebook());
    int setup = sqlFile.setup().size();
    for (int i = 0; i < ANALYSES.size(); i++) {
      String javaPlan = java.get(ANALYSES.get(i)).queryExecution().analyzed().canonicalized().toString();
      String notebookPlan =
          spark.sql(notebook.get(setup + i)).queryExecution().analyzed().canonicalized().toString();
      assertTrue(javaPlan.contains("BatchScan") || javaPlan.contains("RelationV2"), javaPlan);
      assertEquals(notebookPlan, javaPlan, ANALYSES.get(i) + ": the same plan");
    }
  }

  /** Each analysis is non-empty and adds up to what the emulator's store holds. */
  private static void assertTotals(Map<String, List<Row>> results) {
    results.forEach((name, rows) -> assertFalse(rows.isEmpty(), name + " has rows"));
    long merged = 0;
    long reviewComments = 0;
    long completedPipelines = 0;
    long branches = 0;
    for (String repo : store().repositories("acme")) {
      Map<Integer, String> authors = new HashMap<>();
      for (JsonNode pr : store().list("acme", repo, "pullrequests")) {
        authors.put(pr.get("id").asInt(), pr.at("/author/uuid").asText());
        merged += pr.get("state").asText().equals("MERGED") ? 1 : 0;
      }
      for (JsonNode c : store().list("acme", repo, "pullrequest_comments")) {
        boolean own = c.at("/user/uuid").asText().equals(authors.get(c.at("/pullrequest/id").asInt()));
        reviewComments += own || c.path("deleted").asBoolean(false) ? 0 : 1;
      }
      completedPipelines += store().list("acme", repo, "pipelines").stream()
          .filter(p -> p.at("/state/name").asText().equals("COMPLETED")).count();
      branches += store().count("acme", repo, "branches");
    }
    assertEquals(merged, sum(results.get("cycle_time_by_repository"), 1), "merged pull requests");
    assertEquals(merged, sum(results.get("merges_per_week"), 1), "merges over all weeks");
    assertEquals(reviewComments, sum(results.get("review_load"), 2), "review comments");
    assertEquals(completedPipelines, sum(results.get("pipeline_health_by_repository"), 1),
        "completed pipelines");
    assertEquals(branches, sum(results.get("branch_age_by_repository"), 1), "branches");
  }

  private static long sum(List<Row> rows, int column) {
    return rows.stream().mapToLong(r -> r.getLong(column)).sum();
  }

  private static JsonNode notebook() throws Exception {
    return new ObjectMapper().readTree(
        examples.resolve("notebooks/bitbucket_analytics.ipynb").toFile());
  }

  private static String source(JsonNode cell) {
    StringBuilder text = new StringBuilder();
    cell.get("source").forEach(line -> text.append(line.asText()));
    return text.toString();
  }

  /** Every {@code spark.sql("...")} and {@code spark.sql("""...""")} of the code cells, in order. */
  private static List<String> notebookStatements(JsonNode notebook) {
    Pattern call = Pattern.compile("spark\\.sql\\((?:\"\"\"(.*?)\"\"\"|\"([^\"]*)\")\\)", Pattern.DOTALL);
    List<String> statements = new ArrayList<>();
    for (JsonNode cell : notebook.get("cells")) {
      if (cell.get("cell_type").asText().equals("code")) {
        Matcher m = call.matcher(source(cell));
        while (m.find()) {
          statements.add((m.group(1) != null ? m.group(1) : m.group(2)).strip());
        }
      }
    }
    return statements;
  }
}
