package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Bitbucket Cloud responses copied from {@code ../shared/bitbucket-api/samples} into
 * {@code src/test/resources/samples} (provenance in {@code samples/SOURCES.md}): JSON files, and DevLake's raw
 * tables (CSV, one {@code values[]} element per row in column {@code data}, the request URL in {@code url}).
 */
final class RecordedSamples {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordedSamples() {
  }

  /** A JSON sample, e.g. {@code json("pullrequests/pullrequest.json")}. */
  static JsonNode json(String relativePath) {
    try (InputStream in = open(relativePath)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(relativePath, e);
    }
  }

  /** One recorded API object per CSV row, with the request URL it answered. */
  record RawRow(JsonNode data, String url) {
  }

  /** The rows of a DevLake raw table, e.g. {@code csvRows("issues/_raw_bitbucket_api_issues.csv")}. */
  static List<RawRow> csvRows(String relativePath) {
    String text;
    try (InputStream in = open(relativePath)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(relativePath, e);
    }
    List<List<String>> records = parseCsv(text);
    List<String> header = records.get(0);
    int data = header.indexOf("data");
    int url = header.indexOf("url");
    if (data < 0 || url < 0) {
      throw new IllegalStateException(relativePath + " lacks the data/url columns: " + header);
    }
    List<RawRow> rows = new ArrayList<>();
    for (List<String> record : records.subList(1, records.size())) {
      if (record.size() == 1 && record.get(0).isEmpty()) {
        continue; // blank line
      }
      try {
        rows.add(new RawRow(JSON.readTree(record.get(data)), record.get(url)));
      } catch (IOException e) {
        throw new UncheckedIOException(relativePath + " row " + rows.size(), e);
      }
    }
    return rows;
  }

  private static InputStream open(String relativePath) {
    InputStream in = RecordedSamples.class.getResourceAsStream("/samples/" + relativePath);
    if (in == null) {
      throw new IllegalArgumentException("No sample samples/" + relativePath + " on the test classpath");
    }
    return in;
  }

  /** RFC 4180: quoted fields may hold commas, newlines and doubled quotes. */
  static List<List<String>> parseCsv(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
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
        record.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (field.length() > 0 || !record.isEmpty()) {
      record.add(field.toString());
      records.add(record);
    }
    return records;
  }
}
