package io.github.sparkbitbucket.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Create, read, update and delete through HTTP, per resource, checked against the store. */
class CrudRoundTripTest extends EmulatorTestBase {
  private static final String REPO = "/repositories/acme/crud-lab";

  private static synchronized void ensureRepo() {
    if (EMU.store().get("acme", null, "repositories", "crud-lab") == null) {
      Reply r = post(REPO, "{\"project\":{\"key\":\"DATA\"},\"description\":\"lab\",\"has_issues\":true}");
      assertEquals(201, r.status(), r.body());
      post(REPO + "/refs/branches", "{\"name\":\"feature/lab\",\"target\":{\"hash\":\"main\"}}");
      EMU.store().create("acme", "crud-lab", "commits",
          JSON.createObjectNode().put("message", "Work on the lab\n").put("branch", "feature/lab"));
    }
  }

  @Test
  void projects() {
    Reply created = post("/workspaces/acme/projects", "{\"key\":\"LAB\",\"name\":\"Lab\",\"description\":\"d\"}");
    assertEquals(201, created.status(), created.body());
    assertEquals(EMU.baseUrl() + "/workspaces/acme/projects/LAB", created.header("Location"));
    assertEquals("Lab", get("/workspaces/acme/projects/LAB").json().get("name").asText());
    assertEquals(400, post("/workspaces/acme/projects", "{\"key\":\"LAB\",\"name\":\"Again\"}").status());
    Reply updated = put("/workspaces/acme/projects/LAB", "{\"name\":\"Lab 2\"}");
    assertEquals(200, updated.status());
    assertEquals("Lab 2", EMU.store().get("acme", null, "projects", "LAB").get("name").asText());
    assertEquals("d", updated.json().get("description").asText(), "PUT changes only what it names");
    assertEquals(204, delete("/workspaces/acme/projects/LAB").status());
    assertEquals(404, get("/workspaces/acme/projects/LAB").status());
  }

  @Test
  void repositories() {
    Reply created = post("/repositories/acme/crud-repo", "{\"project\":{\"key\":\"WEB\"},\"is_private\":true}");
    assertEquals(201, created.status(), created.body());
    JsonNode repo = created.json();
    assertEquals("acme/crud-repo", repo.get("full_name").asText());
    assertEquals("WEB", repo.get("project").get("key").asText());
    assertTrue(repo.get("uuid").asText().matches("\\{[0-9a-f-]{36}\\}"));
    Reply updated = put("/repositories/acme/crud-repo", "{\"description\":\"changed\",\"language\":\"java\"}");
    assertEquals("changed", updated.json().get("description").asText());
    assertEquals("java", EMU.store().get("acme", null, "repositories", "crud-repo").get("language").asText());
    assertEquals(204, delete("/repositories/acme/crud-repo").status());
    assertEquals(404, get("/repositories/acme/crud-repo").status());
    assertNull(EMU.store().get("acme", null, "repositories", "crud-repo"));
  }

  @Test
  void pullRequestsCreateUpdateDeclineMerge() {
    ensureRepo();
    Reply missing = post(REPO + "/pullrequests", "{\"title\":\"t\",\"source\":{\"branch\":{\"name\":\"dummy\"}}}");
    assertEquals(400, missing.status());
    assertEquals("source: branch not found: dummy", missing.json().get("error").get("message").asText());
    assertEquals("branch not found: dummy", missing.json().get("error").get("fields").get("source").get(0).asText());

    String body = "{\"title\":\"Lab work\",\"source\":{\"branch\":{\"name\":\"feature/lab\"}}}";
    JsonNode pr = post(REPO + "/pullrequests", body).json();
    int id = pr.get("id").asInt();
    assertEquals("OPEN", pr.get("state").asText());
    assertEquals("main", pr.get("destination").get("branch").get("name").asText());
    JsonNode updated = put(REPO + "/pullrequests/" + id, "{\"title\":\"Lab work v2\",\"description\":\"why\"}").json();
    assertEquals("Lab work v2", updated.get("title").asText());
    assertEquals("why", updated.get("summary").get("raw").asText());

    JsonNode declined = post(REPO + "/pullrequests/" + id + "/decline", null).json();
    assertEquals("DECLINED", declined.get("state").asText());
    assertNotNull(declined.get("closed_by").get("uuid"));
    assertEquals(400, post(REPO + "/pullrequests/" + id + "/merge", null).status(), "a declined PR cannot merge");

    int second = post(REPO + "/pullrequests", body).json().get("id").asInt();
    assertEquals(id + 1, second);
    JsonNode merged = post(REPO + "/pullrequests/" + second + "/merge", "{}").json();
    assertEquals("MERGED", merged.get("state").asText());
    String mergeHash = merged.get("merge_commit").get("hash").asText();
    String mainHead = EMU.store().get("acme", "crud-lab", "branches", "main").get("target").get("hash").asText();
    assertTrue(mainHead.startsWith(mergeHash), "the merge commit lands on the destination branch");
    assertEquals("MERGED", EMU.store().get("acme", "crud-lab", "pullrequests", String.valueOf(second)).get("state").asText());
  }

  @Test
  void pullRequestComments() {
    ensureRepo();
    int id = post(REPO + "/pullrequests", "{\"title\":\"c\",\"source\":{\"branch\":{\"name\":\"feature/lab\"}}}")
        .json().get("id").asInt();
    String base = REPO + "/pullrequests/" + id + "/comments";
    JsonNode c = post(base, "{\"content\":{\"raw\":\"first\"}}").json();
    long cid = c.get("id").asLong();
    assertEquals("pullrequest_comment", c.get("type").asText());
    JsonNode reply = post(base, "{\"content\":{\"raw\":\"reply\"},\"parent\":{\"id\":" + cid + "}}").json();
    assertEquals(cid, reply.get("parent").get("id").asLong());
    assertEquals(2, get(base).json().get("size").asInt());
    assertEquals(2, get(REPO + "/pullrequests/" + id).json().get("comment_count").asInt());
    assertEquals("edited", put(base + "/" + cid, "{\"content\":{\"raw\":\"edited\"}}").json().get("content").get("raw").asText());
    assertEquals("edited", get(base + "/" + cid).json().get("content").get("raw").asText());
    assertEquals(204, delete(base + "/" + cid).status());
    assertEquals(404, get(base + "/" + cid).status());
    assertEquals(1, get(base).json().get("size").asInt());
  }

  @Test
  void branchesAndTags() {
    ensureRepo();
    String head = EMU.store().get("acme", "crud-lab", "branches", "main").get("target").get("hash").asText();
    Reply b = post(REPO + "/refs/branches", "{\"name\":\"release/9.9\",\"target\":{\"hash\":\"" + head + "\"}}");
    assertEquals(201, b.status(), b.body());
    assertEquals(head, get(REPO + "/refs/branches/release/9.9").json().get("target").get("hash").asText());
    assertEquals(head, get(REPO + "/refs/branches/release%2F9.9").json().get("target").get("hash").asText());
    assertEquals(204, delete(REPO + "/refs/branches/release/9.9").status());
    assertEquals(404, get(REPO + "/refs/branches/release/9.9").status());
    assertEquals(400, delete(REPO + "/refs/branches/main").status(), "the main branch cannot be deleted");

    Reply t = post(REPO + "/refs/tags", "{\"name\":\"v9.9.9\",\"target\":{\"hash\":\"" + head.substring(0, 12)
        + "\"},\"message\":\"release\"}");
    assertEquals(201, t.status(), t.body());
    assertEquals("tag", get(REPO + "/refs/tags/v9.9.9").json().get("type").asText());
    assertEquals(204, delete(REPO + "/refs/tags/v9.9.9").status());
    assertNull(EMU.store().get("acme", "crud-lab", "tags", "v9.9.9"));
  }

  @Test
  void pipelinesTriggerAndGet() {
    ensureRepo();
    Reply p = post(REPO + "/pipelines", "{\"target\":{\"type\":\"pipeline_ref_target\",\"ref_type\":\"branch\","
        + "\"ref_name\":\"main\"}}");
    assertEquals(201, p.status(), p.body());
    String uuid = p.json().get("uuid").asText();
    assertEquals("PENDING", p.json().get("state").get("name").asText());
    assertEquals(uuid, get(REPO + "/pipelines/" + enc(uuid)).json().get("uuid").asText());
    assertEquals(uuid, get(REPO + "/pipelines/" + uuid.substring(1, uuid.length() - 1)).json().get("uuid").asText());
    JsonNode list = get(REPO + "/pipelines?sort=-created_on&target.branch=main").json();
    assertEquals(uuid, list.get("values").get(0).get("uuid").asText());
    assertEquals(400, get(REPO + "/pipelines?sort=build_seconds_used").status());
  }

  @Test
  void issuesAndIssueComments() {
    ensureRepo();
    JsonNode issue = post(REPO + "/issues", "{\"title\":\"Broken\",\"content\":{\"raw\":\"steps\"},\"kind\":\"bug\"}").json();
    int id = issue.get("id").asInt();
    assertEquals("new", issue.get("state").asText());
    JsonNode updated = put(REPO + "/issues/" + id, "{\"state\":\"resolved\",\"content\":{\"raw\":\"fixed\"}}").json();
    assertEquals("resolved", updated.get("state").asText());
    assertFalse(updated.get("edited_on").isNull());
    String comments = REPO + "/issues/" + id + "/comments";
    long cid = post(comments, "{\"content\":{\"raw\":\"me too\"}}").json().get("id").asLong();
    assertEquals("me too", get(comments + "/" + cid).json().get("content").get("raw").asText());
    assertEquals("ok", put(comments + "/" + cid, "{\"content\":{\"raw\":\"ok\"}}").json().get("content").get("raw").asText());
    assertEquals(204, delete(comments + "/" + cid).status());
    assertEquals(0, get(comments).json().get("size").asInt());
    assertEquals(204, delete(REPO + "/issues/" + id).status());
    assertEquals(404, get(REPO + "/issues/" + id).status());
  }

  @Test
  void pullRequestStateParameter() {
    String repo = EMU.store().repositories("acme").get(0);
    long open = EMU.store().list("acme", repo, "pullrequests").stream()
        .filter(p -> p.get("state").asText().equals("OPEN")).count();
    long mergedOrDeclined = EMU.store().list("acme", repo, "pullrequests").stream()
        .filter(p -> p.get("state").asText().matches("MERGED|DECLINED")).count();
    assertEquals(open, get("/repositories/acme/" + repo + "/pullrequests").json().get("size").asLong(),
        "OPEN only by default");
    assertEquals(mergedOrDeclined, get("/repositories/acme/" + repo + "/pullrequests?state=MERGED&state=DECLINED")
        .json().get("size").asLong());
    assertEquals(400, get("/repositories/acme/" + repo + "/pullrequests?state=CLOSED").status());
  }
}
