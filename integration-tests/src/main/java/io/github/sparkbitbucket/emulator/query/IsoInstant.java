package io.github.sparkbitbucket.emulator.query;

import java.time.Instant;
import java.time.OffsetDateTime;
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
    try {
      return OffsetDateTime.parse(text, LENIENT_ISO).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean looksLikeDate(String text) {
    return text.length() >= 10 && text.charAt(4) == '-' && text.charAt(7) == '-'
        && Character.isDigit(text.charAt(0)) && Character.isDigit(text.charAt(9));
  }
}
