package io.github.sparkbitbucket.emulator.query;

import io.github.sparkbitbucket.emulator.query.Token.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a BBQL query into tokens. Keywords are case-insensitive; string literals keep their text verbatim. */
final class BbqlLexer {
  private static final Pattern DATETIME = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)?(?:Z|[+-]\\d{2}:?\\d{2})?");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");
  private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*");

  private final String query;
  private int pos;

  private BbqlLexer(String query) {
    this.query = query;
  }

  static List<Token> tokenize(String query) {
    return new BbqlLexer(query).run();
  }

  private List<Token> run() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipWhitespace();
      if (pos >= query.length()) {
        tokens.add(new Token(Kind.END, "", null, pos));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private void skipWhitespace() {
    while (pos < query.length() && Character.isWhitespace(query.charAt(pos))) {
      pos++;
    }
  }

  private Token next() {
    int start = pos;
    char c = query.charAt(pos);
    switch (c) {
      case '(':
        pos++;
        return new Token(Kind.LPAREN, "(", null, start);
      case ')':
        pos++;
        return new Token(Kind.RPAREN, ")", null, start);
      case ',':
        pos++;
        return new Token(Kind.COMMA, ",", null, start);
      case '"':
        return string();
      case '=':
      case '~':
        pos++;
        return new Token(Kind.OPERATOR, String.valueOf(c), null, start);
      case '!':
        if (pos + 1 < query.length() && (query.charAt(pos + 1) == '=' || query.charAt(pos + 1) == '~')) {
          pos += 2;
          return new Token(Kind.OPERATOR, query.substring(start, pos), null, start);
        }
        throw error("Unknown operator \"!\" at position " + start
            + "; use one of = != ~ !~ > >= < <= IN, NOT IN");
      case '>':
      case '<':
        pos += pos + 1 < query.length() && query.charAt(pos + 1) == '=' ? 2 : 1;
        return new Token(Kind.OPERATOR, query.substring(start, pos), null, start);
      default:
        break;
    }
    if (Character.isDigit(c) || (c == '-' && pos + 1 < query.length() && Character.isDigit(query.charAt(pos + 1)))) {
      return numberOrDatetime();
    }
    Matcher field = FIELD.matcher(query).region(pos, query.length());
    if (field.lookingAt()) {
      pos = field.end();
      String text = field.group();
      requireSeparatorAfter(text, start);
      return word(text, start);
    }
    throw error("Unexpected character \"" + new String(Character.toChars(query.codePointAt(pos)))
        + "\" at position " + start + "; string values must be in double quotes");
  }

  private Token word(String text, int start) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "and": return new Token(Kind.AND, text, null, start);
      case "or": return new Token(Kind.OR, text, null, start);
      case "not": return new Token(Kind.NOT, text, null, start);
      case "in": return new Token(Kind.IN, text, null, start);
      case "null": return new Token(Kind.NULL, text, null, start);
      case "true": return new Token(Kind.TRUE, text, Boolean.TRUE, start);
      case "false": return new Token(Kind.FALSE, text, Boolean.FALSE, start);
      default: return new Token(Kind.FIELD, text, null, start);
    }
  }

  private Token numberOrDatetime() {
    int start = pos;
    Matcher datetime = DATETIME.matcher(query).region(pos, query.length());
    if (query.charAt(pos) != '-' && datetime.lookingAt()) {
      pos = datetime.end();
      String text = datetime.group();
      requireSeparatorAfter(text, start);
      Instant instant = IsoInstant.parseOrNull(text);
      if (instant == null) {
        throw error("Invalid datetime " + text + " at position " + start
            + "; use ISO-8601 like 2015-03-04T14:08:59.123+02:00");
      }
      return new Token(Kind.DATETIME, text, instant, start);
    }
    Matcher number = NUMBER.matcher(query).region(pos, query.length());
    number.lookingAt(); // always matches: we start on a digit or on '-' followed by a digit
    pos = number.end();
    String text = number.group();
    requireSeparatorAfter(text, start);
    return new Token(Kind.NUMBER, text, new BigDecimal(text), start);
  }

  /** A literal or field glued to more text ({@code 12abc}, {@code a.}, {@code 2015-01-01x}) is malformed. */
  private void requireSeparatorAfter(String text, int start) {
    if (pos < query.length()) {
      char c = query.charAt(pos);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':' || c == '-' || c == '+') {
        throw error("Unexpected token \"" + text + c + "\" at position " + start);
      }
    }
  }

  private Token string() {
    int start = pos;
    pos++; // opening quote
    StringBuilder value = new StringBuilder();
    while (pos < query.length()) {
      char c = query.charAt(pos);
      if (c == '"') {
        pos++;
        return new Token(Kind.STRING, query.substring(start, pos), value.toString(), start);
      }
      if (c == '\\' && pos + 1 < query.length()
          && (query.charAt(pos + 1) == '"' || query.charAt(pos + 1) == '\\')) {
        value.append(query.charAt(pos + 1));
        pos += 2;
        continue;
      }
      value.append(c); // any other backslash is a literal character
      pos++;
    }
    throw error("Unterminated string starting at position " + start
        + "; close it with \" and escape inner quotes as \\\"");
  }

  private static BbqlException error(String detail) {
    return new BbqlException("Invalid query: " + detail);
  }
}
