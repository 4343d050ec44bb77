package io.github.sparkbitbucket.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * BBQL, sort and partial responses end to end over HTTP: results across pages must equal what plain Java
 * computes from the store (not the BBQL evaluator under test), and errors must carry the parser's message.
 */
class BbqlOverHttpTest extends EmulatorTestBase {
  private static final String WS = "acme";

  private static String busiestRepo() {
    return EMU.store().repositories(WS).stream()
        .max(java.util.Comparator.comparingInt(slug -> EMU.store().count(WS, slug, "pullrequests")))
        .orElseThrow();
  }

  private static List<JsonNode> allPages(String path) {
    List<JsonNode> values = new ArrayList<>();
    String next = path;
    while (next != null) {
      Reply reply = get(next);
      assertEquals(200, reply.status(), next + ": " + reply.body());
      reply.json().path("values").forEach(values::add);
      next = reply.json().hasNonNull("next") ? reply.json().get("next").asText() : null;
    }
    return values;
  }

  @Test
  void filtersPullRequestsByStateAndAuthorAcrossPages() {
    String repo = busiestRepo();
    List<ObjectNode> all = EMU.store().list(WS, repo, "pullrequests");
    JsonNode someAuthor = all.get(0).get("author");
    List<Integer> expected = all.stream()
        .filter(pr -> pr.get("state").asText().equals("MERGED")
            || pr.get("author").get("uuid").asText().equals(someAuthor.get("uuid").asText()))
        .map(pr -> pr.get("id").asInt()).sorted().collect(Collectors.toList());
    String q = "state = \"MERGED\" OR author.uuid = \"" + someAuthor.get("uuid").asText() + "\"";
    List<Integer> actual = allPages("/repositories/" + WS + "/" + repo + "/pullrequests?pagelen=10&q=" + enc(q))
        .stream().map(pr -> pr.get("id").asInt()).sorted().collect(Collectors.toList());
    assertFalse(expected.isEmpty());
    assertEquals(expected, actual);
  }

  @Test
  void filtersByDatetimeAndSortsDescending() {
    String repo = busiestRepo();
    List<ObjectNode> all = EMU.store().list(WS, repo, "pullrequests");
    List<OffsetDateTime> created = all.stream().map(pr -> OffsetDateTime.parse(pr.get("created_on").asText()))
        .sorted().collect(Collectors.toList());
    OffsetDateTime median = created.get(created.size() / 2);
    long expected = created.stream().filter(t -> t.isAfter(median)).count();
    String q = "created_on > " + median.toString();
    List<JsonNode> page = allPages("/repositories/" + WS + "/" + repo + "/pullrequests?pagelen=50&sort=-created_on&q="
        + enc(q));
    assertEquals(expected, page.size());
    for (int i = 1; i < page.size(); i++) {
      OffsetDateTime before = OffsetDateTime.parse(page.get(i - 1).get("created_on").asText());
      OffsetDateTime after = OffsetDateTime.parse(page.get(i).get("created_on").asText());
      assertFalse(after.isAfter(before), "sorted descending at " + i);
      assertTrue(after.isAfter(median));
    }
  }

  @Test
  void idRangesReturnExactlyTheRowsInTheRange() {
    String repo = busiestRepo();
    List<ObjectNode> all = EMU.store().list(WS, repo, "pullrequests");
    List<Integer> ids = all.stream().map(pr -> pr.get("id").asInt()).sorted().toList();
    int lo = ids.get(ids.size() / 4);
    int hi = ids.get(ids.size() / 2);
    List<Integer> expected = all.stream()
        .filter(pr -> pr.get("id").asInt() > lo && pr.get("id").asInt() <= hi
            && !pr.get("state").asText().equals("DECLINED"))
        .map(pr -> pr.get("id").asInt()).sorted().toList();
    String q = "state != \"DECLINED\" AND id > " + lo + " AND id <= " + hi;
    List<Integer> actual = allPages("/repositories/" + WS + "/" + repo + "/pullrequests?pagelen=50&state=ALL&q="
        + enc(q)).stream().map(pr -> pr.get("id").asInt()).sorted().toList();
    assertFalse(expected.isEmpty());
    assertEquals(expected, actual);
  }

  @Test
  void aTypeErrorIsA400EvenWhenTheIdRangeHoldsNoRow() {
    Reply reply = get("/repositories/" + WS + "/" + busiestRepo() + "/pullrequests?q="
        + enc("title > 5 AND id > 999999999"));
    assertEquals(400, reply.status(), reply.body());
  }

  @Test
  void malformedQueryIsA400WithTheParserMessage() {
    Reply reply = get("/repositories/" + WS + "/" + busiestRepo() + "/pullrequests?q=" + enc("state = \"OPEN"));
    assertEquals(400, reply.status(), reply.body());
    assertEquals("error", reply.json().get("type").asText());
    assertEquals("Invalid query: Unterminated string starting at position 8; close it with \" and escape inner "
        + "quotes as \\\"", reply.json().path("error").path("message").asText());
  }

  @Test
  void typeMismatchIsA400NotA500() {
    Reply reply = get("/repositories/" + WS + "/" + busiestRepo() + "/pullrequests?q=" + enc("id = \"abc\""));
    assertEquals(400, reply.status(), reply.body());
    assertEquals("Invalid query: field \"id\" is a number and cannot be compared with string \"abc\"",
        reply.json().path("error").path("message").asText());
  }

  @Test
  void malformedFieldsParameterIsA400() {
    Reply reply = get("/repositories/" + WS + "/" + busiestRepo() + "/pullrequests?fields=" + enc("values..id"));
    assertEquals(400, reply.status(), reply.body());
    assertTrue(reply.json().path("error").path("message").asText().startsWith("Invalid fields parameter"));
  }

  @Test
  void malformedSortIsA400() {
    Reply reply = get("/repositories/" + WS + "/" + busiestRepo() + "/refs/branches?sort=" + enc("name,-target.date"));
    assertEquals(400, reply.status(), reply.body());
    assertTrue(reply.json().path("error").path("message").asText().startsWith("Invalid sort parameter"));
  }

  @Test
  void onlyListedFieldsDropTheEnvelopeUnlessAskedFor() {
    String path = "/repositories/" + WS + "/" + busiestRepo() + "/pullrequests?pagelen=2";
    JsonNode bare = get(path + "&fields=" + enc("values.id,values.state")).json();
    assertEquals(List.of("values"), fieldNames(bare));
    assertEquals(List.of("id", "state"), fieldNames(bare.get("values").get(0)));

    JsonNode withNext = get(path + "&fields=" + enc("values.id,next,size")).json();
    assertEquals(java.util.Set.of("size", "next", "values"), java.util.Set.copyOf(fieldNames(withNext)));
    assertTrue(withNext.get("next").asText().contains("fields="), "next keeps the fields parameter");

    JsonNode removed = get(path + "&fields=" + enc("-values.links,-values.*.links")).json();
    assertTrue(removed.has("next") && removed.has("pagelen"));
    assertFalse(removed.get("values").get(0).has("links"));
    assertFalse(removed.get("values").get(0).get("author").has("links"));
    assertTrue(removed.get("values").get(0).get("author").has("uuid"));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
