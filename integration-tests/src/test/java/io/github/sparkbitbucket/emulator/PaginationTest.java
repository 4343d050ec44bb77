package io.github.sparkbitbucket.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page-numbered envelope and the commits cursor, at their edges. */
class PaginationTest extends EmulatorTestBase {

  private static List<String> ids(JsonNode page, String field) {
    List<String> out = new ArrayList<>();
    page.get("values").forEach(v -> out.add(v.get(field).asText()));
    return out;
  }

  @Test
  void pagesThroughEveryBranchOnceFollowingNext() {
    String repo = EMU.store().repositories("acme").get(0);
    List<String> expected = EMU.store().list("acme", repo, "branches").stream().map(b -> b.get("name").asText()).toList();
    List<String> seen = new ArrayList<>();
    String next = "/repositories/acme/" + repo + "/refs/branches?pagelen=2";
    int pages = 0;
    while (next != null) {
      JsonNode page = get(next).json();
      assertEquals(expected.size(), page.get("size").asInt());
      assertEquals(2, page.get("pagelen").asInt());
      seen.addAll(ids(page, "name"));
      next = page.hasNonNull("next") ? page.get("next").asText() : null;
      pages++;
    }
    assertEquals(expected, seen);
    assertEquals((expected.size() + 1) / 2, pages);
  }

  @Test
  void nextAndPreviousAreAbsoluteAndKeepOtherParameters() {
    String repo = EMU.store().repositories("acme").get(0);
    JsonNode page = get("/repositories/acme/" + repo + "/pullrequests?state=MERGED&pagelen=1&page=2").json();
    String next = page.get("next").asText();
    String previous = page.get("previous").asText();
    assertTrue(next.startsWith(EMU.baseUrl() + "/repositories/acme/" + repo + "/pullrequests?"), next);
    assertTrue(next.contains("state=MERGED") && next.contains("pagelen=1") && next.contains("page=3"), next);
    assertTrue(previous.contains("page=1") && previous.contains("state=MERGED"), previous);
  }

  @Test
  void exactMultipleOfPagelenHasNoNextOnLastPage() {
    // A fresh repository holds exactly one branch and one commit: pagelen 1 is an exact multiple.
    post("/repositories/acme/pagination-exact", "{\"project\":{\"key\":\"PLAT\"}}");
    post("/repositories/acme/pagination-exact/refs/branches",
        "{\"name\":\"second\",\"target\":{\"hash\":\"main\"}}");
    JsonNode first = get("/repositories/acme/pagination-exact/refs/branches?pagelen=1").json();
    assertEquals(2, first.get("size").asInt());
    assertNotNull(first.get("next"));
    assertNull(first.get("previous"));
    JsonNode last = get(first.get("next").asText()).json();
    assertEquals(1, last.get("values").size());
    assertFalse(last.has("next"), "the last page has no next");
    assertTrue(last.has("previous"));
  }

  @Test
  void emptyListHasSizeZeroAndNoNext() {
    post("/repositories/acme/pagination-empty", "{\"project\":{\"key\":\"PLAT\"}}");
    JsonNode page = get("/repositories/acme/pagination-empty/pullrequests").json();
    assertEquals(0, page.get("size").asInt());
    assertEquals(1, page.get("page").asInt());
    assertEquals(10, page.get("pagelen").asInt());
    assertEquals(0, page.get("values").size());
    assertFalse(page.has("next"));
  }

  @Test
  void pagePastTheEndIsEmptyNotAnError() {
    JsonNode page = get("/repositories/acme?page=99").json();
    assertEquals(EMU.store().count("acme", null, "repositories"), page.get("size").asInt());
    assertEquals(0, page.get("values").size());
    assertFalse(page.has("next"));
  }

  @Test
  void pagelenAboveTheCapIsRejected() {
    String repo = EMU.store().repositories("acme").get(0);
    assertEquals(200, get("/repositories/acme/" + repo + "/pullrequests?pagelen=50").status());
    Reply tooMany = get("/repositories/acme/" + repo + "/pullrequests?pagelen=51");
    assertEquals(400, tooMany.status());
    assertEquals("Invalid pagelen", tooMany.json().get("error").get("message").asText());
    assertEquals(200, get("/repositories/acme?pagelen=100").status());
    assertEquals(400, get("/repositories/acme?pagelen=101").status());
    assertEquals(400, get("/repositories/acme?pagelen=0").status());
  }

  @Test
  void commitsAreACursorListWithoutSizeOrPage() {
    String repo = EMU.store().repositories("acme").get(0);
    List<String> expected = EMU.store().list("acme", repo, "commits").stream().map(c -> c.get("hash").asText()).toList();
    List<String> seen = new ArrayList<>();
    String next = "/repositories/acme/" + repo + "/commits?pagelen=7";
    while (next != null) {
      JsonNode page = get(next).json();
      assertFalse(page.has("size"), "cursor lists have no size");
      assertFalse(page.has("page"), "cursor lists have no page number");
      assertEquals(7, page.get("pagelen").asInt());
      seen.addAll(ids(page, "hash"));
      next = page.hasNonNull("next") ? page.get("next").asText() : null;
    }
    assertEquals(expected, seen);
  }

  @Test
  void commitCursorIsStableWhenCommitsArriveBetweenPages() {
    String repo = EMU.store().repositories("acme").get(1);
    JsonNode first = get("/repositories/acme/" + repo + "/commits?pagelen=3").json();
    List<String> before = EMU.store().list("acme", repo, "commits").stream().map(c -> c.get("hash").asText()).toList();
    ObjectNode fields = JSON.createObjectNode().put("message", "Arrives mid-scan\n");
    EMU.store().create("acme", repo, "commits", fields);
    JsonNode second = get(first.get("next").asText()).json();
    assertEquals(before.subList(3, Math.min(6, before.size())), ids(second, "hash"));
  }

  @Test
  void aForgedCommitCursorIs400() {
    String repo = EMU.store().repositories("acme").get(0);
    assertEquals(400, get("/repositories/acme/" + repo + "/commits?page=2").status());
    assertEquals(400, get("/repositories/acme/" + repo + "/commits?page=bm90LWEtY3Vyc29y").status());
  }

  @Test
  void includeAndExcludeSelectTheBranchOnlyCommits() {
    String repo = EMU.store().repositories("acme").get(0);
    ObjectNode feature = EMU.store().list("acme", repo, "branches").stream()
        .filter(b -> !b.get("name").asText().equals("main")).findFirst().orElseThrow();
    String name = feature.get("name").asText();
    JsonNode page = get("/repositories/acme/" + repo + "/commits?include=" + enc(name) + "&exclude=main&pagelen=100").json();
    List<String> hashes = ids(page, "hash");
    // Every listed commit is reachable from the branch and none is on main.
    JsonNode mainLine = get("/repositories/acme/" + repo + "/commits/main?pagelen=100").json();
    List<String> onMain = ids(mainLine, "hash");
    hashes.forEach(h -> assertFalse(onMain.contains(h), h + " is on main"));
    if (!hashes.isEmpty()) {
      assertEquals(feature.get("target").get("hash").asText(), hashes.get(0));
    }
    // The same through POST with a form body.
    Reply viaPost = exchange(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/repositories/acme/" + repo
        + "/commits?pagelen=100"))).header("Authorization", bearer())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("include=" + enc(name) + "&exclude=main")).build());
    assertEquals(hashes, ids(viaPost.json(), "hash"));
  }
}
