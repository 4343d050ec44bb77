package io.github.sparkbitbucket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Streams the envelopes of real recorded list responses and checks them against a tree parse. */
class EnvelopeReaderTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static PageInfo stream(byte[] body, List<JsonNode> seen) throws IOException {
    try (JsonParser p = MAPPER.getFactory().createParser(body)) {
      return EnvelopeReader.read(p, parser -> seen.add(MAPPER.readTree(parser)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"pullrequests_pagelen_50.json", "pullrequests.json",
      "commits_include_exclude.json", "commits.json", "refs.json", "repos_empty.json"})
  void everyValueAndTheEnvelopeComeThrough(String sample) throws IOException {
    byte[] body = Samples.bytes("lists/" + sample);
    JsonNode tree = MAPPER.readTree(body);
    List<JsonNode> seen = new ArrayList<>();
    PageInfo page = stream(body, seen);

    List<JsonNode> expected = new ArrayList<>();
    tree.get("values").forEach(expected::add);
    assertEquals(expected, seen);
    assertEquals(expected.size(), page.values());
    assertEquals(tree.path("size").asLong(-1), page.size());
    assertEquals(tree.path("page").asInt(-1), page.page());
    assertEquals(tree.path("pagelen").asInt(-1), page.pagelen());
    assertEquals(tree.hasNonNull("next") ? tree.get("next").asText() : null, page.next());
    assertEquals(tree.hasNonNull("next"), page.hasNext());
  }

  @Test
  void cursorPagesHaveNeitherSizeNorPage() throws IOException {
    PageInfo page = stream(Samples.bytes("lists/commits_include_exclude.json"),
        new ArrayList<>());
    assertEquals(-1, page.size());
    assertEquals(-1, page.page());
    assertEquals(30, page.pagelen());
    assertEquals(2, page.values());
    assertNull(page.next());
  }

  @Test
  void envelopeFieldsAreCapturedInAnyOrderAndUnknownOnesSkipped() throws IOException {
    String json = "{\"next\":\"https://x/2.0/r?page=3\",\"values\":[{\"id\":1,\"n\":{\"a\":[1,2]}},"
        + "{\"id\":2}],\"extra\":{\"values\":[9]},\"previous\":\"p\",\"pagelen\":2,"
        + "\"page\":2,\"size\":5}";
    List<JsonNode> seen = new ArrayList<>();
    PageInfo page = stream(json.getBytes(StandardCharsets.UTF_8), seen);
    assertEquals(new PageInfo(5, 2, 2, "https://x/2.0/r?page=3", 2), page);
    assertEquals(2, seen.get(1).get("id").asInt());
  }

  @Test
  void readersThatSkipChildrenAreFine() throws IOException {
    List<Integer> ids = new ArrayList<>();
    try (JsonParser p = MAPPER.getFactory().createParser(
        Samples.bytes("lists/pullrequests_pagelen_50.json"))) {
      EnvelopeReader.read(p, parser -> {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          if (name.equals("id")) {
            ids.add(parser.getIntValue());
          } else {
            parser.skipChildren();
          }
        }
      });
    }
    assertEquals(5, ids.size());
    assertFalse(ids.contains(null));
  }

  @Test
  void aReaderThatStopsEarlyIsABugReportedClearly() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> stream2("{\"values\":[{\"a\":{\"b\":1}}]}"));
    assertTrue(e.getMessage().contains("END_OBJECT"), e.getMessage());
  }

  private static void stream2(String json) throws IOException {
    try (JsonParser p = MAPPER.getFactory().createParser(json)) {
      EnvelopeReader.read(p, parser -> {
        parser.nextToken(); // FIELD_NAME a
        parser.nextToken(); // START_OBJECT of a: stops inside the value
      });
    }
  }

  @Test
  void aNonObjectBodyIsAParseError() {
    assertThrows(IOException.class, () -> stream("[1,2]".getBytes(StandardCharsets.UTF_8),
        new ArrayList<>()));
    assertThrows(IOException.class, () -> stream("{\"values\":[1]}".getBytes(
        StandardCharsets.UTF_8), new ArrayList<>()));
  }

  @Test
  void aPageWithoutValuesIsAParseErrorNotAnEmptyPage() {
    IOException e = assertThrows(IOException.class, () -> stream(
        "{\"size\":3,\"page\":1,\"pagelen\":10}".getBytes(StandardCharsets.UTF_8),
        new ArrayList<>()));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("no 'values' list"),
        e.getMessage());
  }
}
