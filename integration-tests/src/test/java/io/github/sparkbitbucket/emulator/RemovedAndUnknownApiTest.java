package io.github.sparkbitbucket.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** 410 for the APIs Bitbucket Cloud removed, and the real 404 shape for unknown paths and objects. */
class RemovedAndUnknownApiTest extends EmulatorTestBase {

  @Test
  void crossWorkspaceListsAnswer410WithTheChange2770Body() {
    for (String path : new String[] {"/workspaces", "/repositories"}) {
      Reply r = get(path);
      assertEquals(410, r.status(), path);
      JsonNode error = r.json().get("error");
      assertEquals("CHANGE-2770 - Functionality has been deprecated", error.get("message").asText());
      assertTrue(error.get("data").get("announcement_url").asText().endsWith("#CHANGE-2770"));
    }
  }

  @Test
  void issueTrackerSwitchMakesEveryIssueEndpoint410() {
    String repo = issueRepo();
    assertEquals(200, get("/repositories/acme/" + repo + "/issues").status());
    EMU.issueTrackerRemoved(true);
    assertEquals(410, get("/repositories/acme/" + repo + "/issues").status());
    assertEquals(410, get("/repositories/acme/" + repo + "/issues/1").status());
    assertEquals(410, get("/repositories/acme/" + repo + "/issues/1/comments").status());
    assertEquals(410, post("/repositories/acme/" + repo + "/issues", "{\"title\":\"x\"}").status());
    EMU.issueTrackerRemoved(false);
    assertEquals(200, get("/repositories/acme/" + repo + "/issues").status());
  }

  static String issueRepo() {
    return EMU.store().list("acme", null, "repositories").stream().filter(r -> r.get("has_issues").asBoolean())
        .findFirst().orElseThrow().get("slug").asText();
  }

  @Test
  void unknownPathIs404WithTheNoApiBody() {
    Reply r = get("/nothing/here");
    assertEquals(404, r.status());
    assertEquals("Resource not found", r.json().get("error").get("message").asText());
    assertEquals("There is no API hosted at this URL", r.json().get("error").get("detail").asText());
  }

  @Test
  void unknownObjectsAre404WithAMessage() {
    assertEquals(404, get("/workspaces/nope").status());
    Reply repo = get("/repositories/acme/nope");
    assertEquals(404, repo.status());
    assertTrue(repo.json().get("error").get("message").asText().contains("acme/nope"));
    String real = EMU.store().repositories("acme").get(0);
    assertEquals(404, get("/repositories/acme/" + real + "/pullrequests/999999").status());
    assertEquals(404, get("/repositories/acme/" + real + "/refs/branches/nope").status());
  }

  @Test
  void malformedJsonBodyIs400() {
    assertEquals(400, post("/workspaces/acme/projects", "{not json").status());
  }
}
