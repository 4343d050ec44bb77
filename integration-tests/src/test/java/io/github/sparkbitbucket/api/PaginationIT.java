package io.github.sparkbitbucket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both kinds of pagination, read to the last page and compared with the emulator's data. */
class PaginationIT extends ClientITBase {

  private static List<String> field(List<? extends JsonNode> values, String name) {
    return values.stream().map(v -> v.get(name).asText()).toList();
  }

  @Test
  void pageNumberedListsAreReadToTheLastPage() {
    String repo = largestRepository("pullrequests");
    List<ObjectNode> truth = EMU.store().list(WS, repo, "pullrequests");
    assertTrue(truth.size() > 7, "enough rows for several pages");
    List<JsonNode> values = new ArrayList<>();
    List<PageInfo> pages = new ArrayList<>();
    RequestStats stats = new RequestStats();
    long read = client().get("/repositories/{ws}/{repo}/pullrequests", WS, repo)
        .query("pagelen", 3).query("q", "state != \"NOTASTATE\"").query("sort", "id")
        .stats(stats).pages(collectInto(values), page -> pages.add(page));

    assertEquals(truth.size(), read);
    assertEquals(truth.size(), values.size());
    List<String> expected = truth.stream().map(v -> v.get("id").asText())
        .sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))).toList();
    assertEquals(expected, field(values, "id"));
    int pageCount = (truth.size() + 2) / 3;
    assertEquals(pageCount, stats.requests());
    assertEquals(pageCount, logged("/pullrequests").size());
    assertEquals(pageCount - 1, pages.size()); // asked after each page that has a next
    pages.forEach(p -> assertEquals(truth.size(), p.size()));
    pages.forEach(p -> assertEquals(3, p.pagelen()));
    assertTrue(stats.bytesRead() > 0);
  }

  @Test
  void aPageCanBeReadDirectlyByItsNumber() {
    String repo = largestRepository("branches");
    List<ObjectNode> truth = EMU.store().list(WS, repo, "branches");
    List<JsonNode> values = new ArrayList<>();
    PageInfo page = client().get("/repositories/{ws}/{repo}/refs/branches", WS, repo)
        .query("pagelen", 2).query("page", 2).page(collectInto(values));
    assertEquals(2, page.page());
    assertEquals(truth.size(), page.size());
    assertEquals(field(truth.subList(2, 4), "name"), field(values, "name"));
    assertEquals(1, logged("/refs/branches").size());
  }

  @Test
  void cursorListsAreReadToTheLastPage() {
    String repo = largestRepository("commits");
    List<ObjectNode> truth = EMU.store().list(WS, repo, "commits");
    assertTrue(truth.size() > 5);
    List<JsonNode> values = new ArrayList<>();
    List<PageInfo> pages = new ArrayList<>();
    long read = client().get("/repositories/{ws}/{repo}/commits", WS, repo).query("pagelen", 4)
        .pages(collectInto(values), pages::add);
    assertEquals(truth.size(), read);
    assertEquals(field(truth, "hash"), field(values, "hash"));
    for (PageInfo p : pages) {
      assertEquals(-1, p.size(), "cursor lists have no size");
      assertEquals(-1, p.page(), "cursor lists have no page number");
    }
    assertEquals((truth.size() + 3) / 4, logged("/commits").size());
  }

  @Test
  void readingStopsWhenTheCallerHasEnough() {
    String repo = largestRepository("commits");
    List<JsonNode> values = new ArrayList<>();
    client().get("/repositories/{ws}/{repo}/commits", WS, repo).query("pagelen", 2)
        .pages(collectInto(values), page -> values.size() < 5);
    assertEquals(6, values.size()); // three pages of two
    assertEquals(3, logged("/commits").size());
  }

  @Test
  void anEmptyListIsOnePageWithNoValues() {
    String repo = largestRepository("pullrequests");
    List<JsonNode> values = new ArrayList<>();
    PageInfo page = client().get("/repositories/{ws}/{repo}/pullrequests", WS, repo)
        .query("q", "title = \"no pull request has this title\"").page(collectInto(values));
    assertEquals(0, page.values());
    assertEquals(0, page.size());
    assertNull(page.next());
    assertTrue(values.isEmpty());
  }

  @Test
  void singleObjectsComeBackAsTrees() {
    String repo = EMU.store().repositories(WS).get(0);
    JsonNode json = client().get("/repositories/{ws}/{repo}", WS, repo).json();
    assertEquals(WS + "/" + repo, json.get("full_name").asText());
    int count = client().get("/repositories/{ws}/{repo}", WS, repo)
        .execute((parser, status) -> {
          assertEquals(200, status);
          return JSON.readTree(parser).size();
        });
    assertEquals(json.size(), count);
  }
}
