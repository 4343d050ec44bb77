package io.github.sparkbitbucket.emulator.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * Reads ISO-8601 timestamps the way BBQL does: the time part, seconds, fraction and offset are optional,
 * and a timestamp without an offset is UTC. Used for both query literals ({@code 2015-03-04T14:08}) and the
 * API's own timestamps ({@code 2018-07-02T08:11:27.123456+00:00}).
 */
final class IsoInstant {
  private static final DateTimeFormatter LENIENT_ISO = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart()
      .appendLiteral('T')
      .appendValue(ChronoField.HOUR_OF_DAY, 2)
      .appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .optionalStart()
      .appendLiteral(':')
      .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .optionalStart()
      .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
      .optionalEnd()
      .optionalEnd()
      .optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
      .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
      .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
      .parseDefaulting(ChronoField.NANO_OF_SECOND, 0)
      .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
      .toFormatter()
      .withChronology(IsoChronology.INSTANCE)
      .withResolverStyle(ResolverStyle.STRICT);

  private IsoInstant() {
  }

  /** The instant {@code text} denotes, or null when it is not an ISO-8601 date or date-time. */
  static Instant parseOrNull(String text) {
    if (!looksLikeDate(text)) {
      return null; // cheap pre-check: most strings compared or sorted are not timestamps
    }
    Instant fast = parseFullDateTime(text);
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(text, LENIENT_ISO).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * The API's own shape, {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}][Z|+HH:MM|+HHMM]}, without a formatter: filtering
   * and sorting parse a timestamp per object per request, and the formatter is ~20x slower. Null when the text
   * has another shape (the formatter then decides) or is not a real date.
   */
  private static Instant parseFullDateTime(String t) {
    int n = t.length();
    if (n < 19 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59 || day > YearMonth.of(year, month).lengthOfMonth()) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (i < n && t.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && isDigit(t.charAt(i))) {
        nanos = nanos * 10 + (t.charAt(i++) - '0');
      }
      if (i == start) {
        return null;
      }
      for (int k = i - start; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (i == n) {
      offsetSeconds = 0; // no offset: UTC, as BBQL assumes
    } else if (t.charAt(i) == 'Z' && i + 1 == n) {
      offsetSeconds = 0;
    } else if ((t.charAt(i) == '+' || t.charAt(i) == '-') && (n - i == 6 && t.charAt(i + 3) == ':' || n - i == 5)) {
      int hours = digits(t, i + 1, 2);
      int minutes = digits(t, n - 2, 2);
      if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
        return null;
      }
      offsetSeconds = (t.charAt(i) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    } else {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
  }

  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean looksLikeDate(String text) {
    return text.length() >= 10 && text.charAt(4) == '-' && text.charAt(7) == '-'
        && Character.isDigit(text.charAt(0)) && Character.isDigit(text.charAt(9));
  }
}
