package io.github.sparkbitbucket.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code q=}, {@code sort=} and {@code fields=} wired into the endpoints over HTTP (the BBQL
 * operators themselves are tested in the query package), and the pull request {@code state}
 * parameter being ignored once {@code q} is given.
 */
class QueryParametersTest extends EmulatorTestBase {
  private static final String REPO = EMU.store().repositories("acme").get(0);
  private static final String PRS = "/repositories/acme/" + REPO + "/pullrequests";

  private static long count(String state) {
    return EMU.store().list("acme", REPO, "pullrequests").stream().filter(p -> p.get("state").asText().equals(state))
        .count();
  }

  @Test
  void stateIsIgnoredOnceQIsGiven() {
    JsonNode merged = get(PRS + "?q=" + enc("state = \"MERGED\"") + "&state=OPEN").json();
    assertEquals(count("MERGED"), merged.get("size").asLong(), "q decides, state=OPEN is ignored");
    merged.get("values").forEach(v -> assertEquals("MERGED", v.get("state").asText()));
    JsonNode all = get(PRS + "?q=" + enc("id > 0") + "&pagelen=50").json();
    assertEquals(EMU.store().count("acme", REPO, "pullrequests"), all.get("size").asInt(),
        "with q the OPEN-only default no longer applies");
  }

  @Test
  void malformedQueryAndUnknownFieldAre400() {
    Reply malformed = get(PRS + "?q=" + enc("state = "));
    assertEquals(400, malformed.status());
    assertEquals("error", malformed.json().get("type").asText());
    Reply unknown = get("/repositories/acme?q=" + enc("values.slug = \"x\""));
    assertEquals(400, unknown.status());
    assertTrue(unknown.json().get("error").get("message").asText().contains("values.slug"));
  }

  @Test
  void qFiltersNestedFieldsOnOtherLists() {
    String project = EMU.store().list("acme", null, "repositories").get(0).get("project").get("key").asText();
    JsonNode repos = get("/repositories/acme?pagelen=100&q=" + enc("project.key = \"" + project + "\"")).json();
    long expected = EMU.store().list("acme", null, "repositories").stream()
        .filter(r -> r.get("project").get("key").asText().equals(project)).count();
    assertEquals(expected, repos.get("size").asLong());
    JsonNode branches = get("/repositories/acme/" + REPO + "/refs/branches?q=" + enc("name ~ \"feature/\"")).json();
    branches.get("values").forEach(b -> assertTrue(b.get("name").asText().startsWith("feature/")));
  }

  @Test
  void sortOrdersThePagesAcrossTheWholeList() {
    JsonNode page = get(PRS + "?state=MERGED&sort=-id&pagelen=50").json();
    List<Integer> ids = new ArrayList<>();
    page.get("values").forEach(v -> ids.add(v.get("id").asInt()));
    List<Integer> sorted = new ArrayList<>(ids);
    sorted.sort((a, b) -> b - a);
    assertEquals(sorted, ids);
    int maxMerged = EMU.store().list("acme", REPO, "pullrequests").stream()
        .filter(p -> p.get("state").asText().equals("MERGED")).mapToInt(p -> p.get("id").asInt()).max().orElseThrow();
    assertEquals(maxMerged, ids.get(0));
  }

  @Test
  void fieldsTrimsTheBodyAndLosesNextUnlessAskedFor() {
    JsonNode bare = get(PRS + "?state=MERGED&pagelen=1&fields=" + enc("values.id,values.title")).json();
    assertFalse(bare.has("next"), "values.x alone loses the envelope");
    assertFalse(bare.has("size"));
    JsonNode first = bare.get("values").get(0);
    assertEquals(2, first.size());
    JsonNode withNext = get(PRS + "?state=MERGED&pagelen=1&fields=" + enc("values.id,next")).json();
    assertTrue(withNext.has("next"));
    JsonNode minus = get("/repositories/acme/" + REPO + "?fields=" + enc("-links,-owner")).json();
    assertFalse(minus.has("links"));
    assertTrue(minus.has("slug"));
  }

  @Test
  void issuesAndCommentsSupportQ() {
    String repo = RemovedAndUnknownApiTest.issueRepo();
    ObjectNode issue = EMU.store().list("acme", repo, "issues").get(0);
    String kind = issue.get("kind").asText();
    JsonNode page = get("/repositories/acme/" + repo + "/issues?pagelen=100&q=" + enc("kind = \"" + kind + "\"")).json();
    long expected = EMU.store().list("acme", repo, "issues").stream().filter(i -> i.get("kind").asText().equals(kind))
        .count();
    assertEquals(expected, page.get("size").asLong());
  }
}
