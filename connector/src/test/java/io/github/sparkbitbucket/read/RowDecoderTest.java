package io.github.sparkbitbucket.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.sparkbitbucket.api.BitbucketApiException;
import io.github.sparkbitbucket.table.ColumnDef;
import io.github.sparkbitbucket.table.TableDef;
import io.github.sparkbitbucket.table.TableRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/**
 * Real recorded Bitbucket responses (src/test/resources/samples, copied from
 * shared/bitbucket-api/samples) decode into the exact row values.
 */
class RowDecoderTest {
  private static final JsonFactory JSON = new JsonFactory();
  private static final RowContext CTX = new RowContext("acme", "api", 31);

  /** Decodes every element of the sample's values (or the object itself) with all columns. */
  static List<Map<String, Object>> decode(String table, String json) throws IOException {
    TableDef def = TableRegistry.require(table);
    RowDecoder decoder = new RowDecoder(def, def.columns(), List.of());
    List<Map<String, Object>> rows = new ArrayList<>();
    try (JsonParser p = JSON.createParser(json)) {
      p.nextToken();
      boolean envelope = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        if (p.currentName().equals("values")) {
          envelope = true;
          p.nextToken();
          while (p.nextToken() == JsonToken.START_OBJECT) {
            rows.add(toMap(def, decoder.decode(p, CTX, "sample")));
          }
        } else {
          p.nextToken();
          p.skipChildren();
        }
      }
      if (!envelope) {
        try (JsonParser single = JSON.createParser(json)) {
          single.nextToken();
          rows.add(toMap(def, decoder.decode(single, CTX, "sample")));
        }
      }
    }
    return rows;
  }

  static Map<String, Object> toMap(TableDef def, Object[] values) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < def.columns().size(); i++) {
      Object v = values[i];
      m.put(def.columns().get(i).name(), v instanceof UTF8String s ? s.toString() : v);
    }
    return m;
  }

  static String resource(String name) throws IOException {
    try (InputStream in = RowDecoderTest.class.getResourceAsStream("/samples/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The {@code data} column (one values[] element) of each row of a DevLake CSV sample. */
  static List<String> csvData(String name) throws IOException {
    String text = resource(name);
    List<List<String>> records = new ArrayList<>();
    List<String> rec = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        rec.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        rec.add(field.toString());
        field.setLength(0);
        records.add(rec);
        rec = new ArrayList<>();
      } else if (c != '\r') {
        field.append(c);
      }
    }
    if (field.length() > 0 || !rec.isEmpty()) {
      rec.add(field.toString());
      records.add(rec);
    }
    int data = records.get(0).indexOf("data");
    return records.subList(1, records.size()).stream().map(r -> r.get(data)).toList();
  }

  static long micros(String iso) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(iso));
  }

  static String[] strings(Object arrayData) {
    ArrayData a = (ArrayData) arrayData;
    String[] out = new String[a.numElements()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.isNullAt(i) ? null : a.getUTF8String(i).toString();
    }
    return out;
  }

  @Test
  void pullRequestList() throws IOException {
    List<Map<String, Object>> rows = decode("pullrequests", resource("pullrequests.json"));
    assertEquals(2, rows.size());
    Map<String, Object> r = rows.get(0);
    assertEquals("acme", r.get("workspace"));
    assertEquals("api", r.get("repository"));
    assertEquals(2, r.get("id"));
    assertEquals("Merge feature/links", r.get("title"));
    assertEquals("MERGED", r.get("state"));
    assertNull(r.get("draft"));
    assertEquals("{101398a7-7609-4eb5-ae20-92014abfbeb6}", r.get("author_uuid"));
    assertEquals("gitflow", r.get("author_display_name"));
    assertEquals("feature/links", r.get("source_branch"));
    assertEquals("2ae150fc05f8", r.get("source_commit"));
    assertEquals("dev", r.get("destination_branch"));
    assertEquals("5663ada8560f", r.get("merge_commit"));
    assertEquals("Gildas Cherruel", r.get("closed_by_display_name"));
    assertEquals(false, r.get("close_source_branch"));
    assertEquals("", r.get("reason"));
    assertEquals(0, r.get("comment_count"));
    assertEquals(micros("2023-10-31T11:25:52.591230Z"), r.get("created_on"));
    assertEquals(micros("2023-10-31T12:24:15.443103Z"), r.get("updated_on"));
  }

  @Test
  void branchList() throws IOException {
    List<Map<String, Object>> rows = decode("branches",
        resource("2.0-repositories-amuniz-test-repos-refs-branches_pagelen_100.json"));
    assertEquals(4, rows.size());
    Map<String, Object> r = rows.get(0);
    assertEquals("feature/BB-1", r.get("name"));
    assertEquals("fb522a6f08c7c7df337312e4e65ec1b57710672e", r.get("target_hash"));
    assertEquals(micros("2018-09-21T14:09:51Z"), r.get("target_date"));
    assertEquals("Suppress echo command part", r.get("target_message"));
    assertEquals("Antonio Muniz <amuniz@example.com>", r.get("target_author_raw"));
    assertEquals("merge_commit", r.get("default_merge_strategy"));
    assertArrayEquals(new String[] {"merge_commit", "squash", "fast_forward"},
        strings(r.get("merge_strategies")));
  }

  @Test
  void commitList() throws IOException {
    List<Map<String, Object>> rows = decode("commits", resource(
        "2.0-repositories-amuniz-test-repos-commits_include_feature_2Fdiffstat_exclude_174561d.json"));
    Map<String, Object> r = rows.get(0);
    assertEquals("251fce291f086cdde68ae2a896148abb5b58033e", r.get("hash"));
    assertEquals("Provide some change to work diffstats:\n* add a new\n", r.get("message"));
    assertEquals("Nikolas Falco <amuniz@acme.com>", r.get("author_raw"));
    assertEquals("{7d3a178a-a087-4756-b2da-2f9eadf50ba8}", r.get("author_uuid"));
    assertEquals("Nikolas Falco", r.get("author_display_name"));
    assertEquals(micros("2025-04-26T09:50:59Z"), r.get("date"));
    assertArrayEquals(new String[] {"2674e72983786424571e0c8fc5ac8eca17e0583f"},
        strings(r.get("parents")));
  }

  @Test
  void tagList() throws IOException {
    Map<String, Object> r = decode("tags", resource("tags.json")).get(0);
    assertEquals("v1.0.0", r.get("name"));
    assertEquals("171be0dd02b1fded551afeea11c9493c542e2534", r.get("target_hash"));
    assertEquals(micros("2023-11-06T14:53:25Z"), r.get("target_date"));
    assertEquals("Release 1.0.0\n", r.get("message"));
    assertEquals(micros("2023-11-06T14:53:55Z"), r.get("date"));
    assertEquals("Gildas Cherruel <gildas@breizh.org>", r.get("tagger_raw"));
  }

  @Test
  void repositoryObject() throws IOException {
    Map<String, Object> r = decode("repositories", resource("getRepositoryPayload.json")).get(0);
    assertEquals("test-repos", r.get("slug"));
    assertEquals("nfalco79/test-repos", r.get("full_name"));
    assertEquals("{3deb8c29-778a-450c-8f69-3e50a18079df}", r.get("uuid"));
    assertEquals(false, r.get("is_private"));
    assertEquals("allow_forks", r.get("fork_policy"));
    assertEquals(284698L, r.get("size"));
    assertEquals("master", r.get("mainbranch"));
    assertEquals("PUB", r.get("project_key"));
    assertEquals("", r.get("language"));
    assertEquals(false, r.get("has_wiki"));
    assertEquals(micros("2018-09-20T12:49:08.541926Z"), r.get("created_on"));
  }

  @Test
  void workspaceAccess() throws IOException {
    Map<String, Object> r = decode("workspaces", resource("workspace-access.json")).get(0);
    assertEquals("myworkspace", r.get("slug"));
    assertEquals("{12345678-9abc-def0-1234-56789abcdef0}", r.get("uuid"));
    assertEquals(true, r.get("is_administrator"));
    assertNull(r.get("created_on"));
  }

  @Test
  void pipelinesWithZuluTimesAndShortFractions() throws IOException {
    List<String> data = csvData("_raw_bitbucket_api_pipelines.csv");
    assertEquals(22, data.size());
    Map<String, Object> r = decode("pipelines", data.get(0)).get(0);
    assertEquals("{01fad871-cd21-4a80-bd59-74148dd5be8e}", r.get("uuid"));
    assertEquals("COMPLETED", r.get("state"));
    assertEquals("FAILED", r.get("result"));
    assertEquals("main", r.get("target_ref_name"));
    assertEquals("2b1cd7db35f3cf67d6d124e08b13272a1901707a", r.get("target_commit"));
    assertEquals(micros("2023-02-20T08:58:19.143970Z"), r.get("created_on"));
    assertEquals(micros("2023-02-20T08:58:46.096165Z"), r.get("completed_on"));
    assertEquals(14, r.get("duration_in_seconds"));
    assertNull(r.get("build_number")); // not in this partial (fields=) response
  }

  @Test
  void issuesWithNullNestedObjects() throws IOException {
    List<String> data = csvData("_raw_bitbucket_api_issues.csv");
    assertEquals(30, data.size());
    Map<String, Object> r = decode("issues", data.get(0)).get(0);
    assertEquals(27, r.get("id"));
    assertEquals("issue test024", r.get("title"));
    assertEquals("teoiaoe", r.get("reporter_display_name"));
    assertEquals("new", r.get("state"));
    assertEquals("task", r.get("kind"));
    assertEquals("trivial", r.get("priority"));
    assertEquals(0, r.get("votes"));
    assertEquals(1, r.get("watches"));
    assertNull(r.get("assignee_uuid"));
    assertNull(r.get("component"));
    assertNull(r.get("edited_on"));
    assertEquals(micros("2022-08-13T06:20:01.409838Z"), r.get("updated_on"));
  }

  @Test
  void pullRequestComments() throws IOException {
    List<String> data = csvData("_raw_bitbucket_api_pullrequest_comments.csv");
    assertEquals(18, data.size());
    Map<String, Object> r = decode("pullrequest_comments", data.get(0)).get(0);
    assertEquals(31, r.get("pullrequest_id")); // from the listing context
    assertEquals(323120278L, r.get("id"));
    assertNull(r.get("parent_id"));
    assertEquals("baroboerhba", r.get("content_raw"));
    assertEquals("{64135f6a-3978-4297-99b1-21827e0faf0b}", r.get("user_uuid"));
    assertEquals("test018", r.get("inline_path"));
    assertNull(r.get("inline_from"));
    assertEquals(false, r.get("deleted"));
    assertEquals(micros("2022-08-12T15:40:01.755214Z"), r.get("created_on"));
  }

  @Test
  void issueComments() throws IOException {
    List<String> data = csvData("_raw_bitbucket_api_issue_comments.csv");
    Map<String, Object> r = decode("issue_comments", data.get(1)).get(0);
    assertEquals(63860153L, r.get("id"));
    assertEquals("this is a comment test for issue", r.get("content_raw"));
    assertEquals("teoiaoe", r.get("user_display_name"));
    assertNull(r.get("updated_on"));
  }

  @Test
  void onlyRequiredColumnsAreDecoded() throws IOException {
    TableDef def = TableRegistry.require("pullrequests");
    List<ColumnDef> cols = List.of(def.column("title").get(), def.column("repository").get());
    RowDecoder decoder = new RowDecoder(def, cols, List.of(def.column("id").get()));
    assertEquals(List.of("title", "id"), decoder.jsonPaths());
    try (JsonParser p = JSON.createParser("{\"id\":5,\"title\":\"t\",\"author\":{\"x\":[1]}}")) {
      p.nextToken();
      Object[] v = decoder.decode(p, CTX, "u");
      assertEquals(UTF8String.fromString("t"), v[0]);
      assertEquals(UTF8String.fromString("api"), v[1]);
      assertEquals(5, v[2]);
      assertEquals(JsonToken.END_OBJECT, p.currentToken());
    }
  }

  @Test
  void wrongJsonTypeFailsNamingTableColumnAndUrl() {
    TableDef def = TableRegistry.require("pullrequests");
    RowDecoder decoder = new RowDecoder(def, def.columns(), List.of());
    BitbucketApiException e = assertThrows(BitbucketApiException.class, () -> {
      try (JsonParser p = JSON.createParser("{\"id\":\"seven\"}")) {
        p.nextToken();
        decoder.decode(p, CTX, "http://host/2.0/repositories/acme/api/pullrequests");
      }
    });
    assertEquals(BitbucketApiException.Kind.MALFORMED_RESPONSE, e.kind());
    assertTrue(e.getMessage().contains("pullrequests"), e.getMessage());
    assertTrue(e.getMessage().contains("column id"), e.getMessage());
    assertTrue(e.getMessage().contains("seven"), e.getMessage());
    assertTrue(e.getMessage().contains("http://host/2.0/repositories/acme/api/pullrequests"));
  }

  @Test
  void timeWithoutOffsetIsUtcAndBbqlLiteralRoundTrips() {
    assertEquals(micros("2015-03-04T14:08:59Z"), Timestamps.toMicros("2015-03-04T14:08:59"));
    long m = micros("2024-05-06T07:08:09.000123Z");
    assertEquals("2024-05-06T07:08:09.000123+00:00", Timestamps.toBbql(m));
    assertEquals(m, Timestamps.toMicros(Timestamps.toBbql(m)));
  }
}
