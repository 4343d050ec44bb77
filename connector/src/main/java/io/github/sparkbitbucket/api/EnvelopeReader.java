package io.github.sparkbitbucket.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Streams one page of a paginated list: {@code size}, {@code page}, {@code pagelen} and
 * {@code next} are captured in whatever order they come (Bitbucket puts {@code values} first or
 * last depending on the endpoint), each element of {@code values} goes to the {@link ValueReader}
 * straight from the parser, and everything else is skipped. Works for page-numbered lists and
 * for cursor lists (commits: {@code pagelen}, {@code values}, {@code next} only).
 */
final class EnvelopeReader {
  private EnvelopeReader() {}

  static PageInfo read(JsonParser p, ValueReader reader) throws IOException {
    return read(p, reader, null);
  }

  /**
   * @param fields the request's {@code fields=}, or null. Without it Bitbucket always sends
   *     {@code values}; with it, a page without {@code values} is an error only when values were
   *     asked for and its {@code size} or {@code next} says that it has rows (a size probe asks
   *     for {@code size} alone).
   */
  static PageInfo read(JsonParser p, ValueReader reader, String fields)
      throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new JsonParseException(p, "expected a JSON object (a page of a list), got "
          + p.currentToken());
    }
    long size = -1;
    int page = -1;
    int pagelen = -1;
    String next = null;
    int values = -1;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken token = p.nextToken();
      switch (name) {
        case "size" -> size = token.isNumeric() ? p.getLongValue() : -1;
        case "page" -> page = token.isNumeric() ? p.getIntValue() : -1;
        case "pagelen" -> pagelen = token.isNumeric() ? p.getIntValue() : -1;
        case "next" -> next = token == JsonToken.VALUE_STRING ? p.getText() : null;
        case "values" -> values = readValues(p, token, reader);
        default -> p.skipChildren();
      }
    }
    boolean hasRows = size > 0 || next != null;
    if (values < 0 && (fields == null || (fields.contains("values") && hasRows))) {
      // Bitbucket sends 'values' on every page that has rows: without it, reading on would
      // return no rows as if the list were empty
      throw new JsonParseException(p, "the page has no 'values' list"
          + (size > 0 ? " although its size is " + size : ""));
    }
    return new PageInfo(size, page, pagelen, next, Math.max(values, 0));
  }

  private static int readValues(JsonParser p, JsonToken token, ValueReader reader)
      throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return 0;
    }
    if (token != JsonToken.START_ARRAY) {
      throw new JsonParseException(p, "expected 'values' to be an array, got " + token);
    }
    JsonStreamContext array = p.getParsingContext();
    int count = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(p, "expected objects in 'values', got " + p.currentToken());
      }
      reader.read(p);
      // Back in the array's context on the value's end (ObjectMapper.readTree clears the
      // current token, which is fine too).
      JsonToken last = p.currentToken();
      if (p.getParsingContext() != array || last != JsonToken.END_OBJECT && last != null) {
        throw new IllegalStateException("The ValueReader must leave the parser on the value's "
            + "END_OBJECT (or call skipChildren()); it stopped at " + p.currentToken());
      }
      count++;
    }
    return count;
  }
}
