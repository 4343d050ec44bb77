package io.github.sparkbitbucket.read;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Bitbucket's ISO-8601 times to and from Spark's microseconds since the epoch (UTC). */
final class Timestamps {
  private static final DateTimeFormatter BBQL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

  private Timestamps() {}

  /**
   * Parses {@code 2023-11-26T09:14:19.123456+00:00}, {@code ...Z}, or a time without offset
   * (UTC, as BBQL assumes). Throws {@link DateTimeParseException} on anything else.
   */
  static long toMicros(String text) {
    Instant instant;
    try {
      instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      instant = LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .toInstant(ZoneOffset.UTC);
    }
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  /** Micros to the BBQL datetime literal, full precision, UTC. */
  static String toBbql(long micros) {
    Instant instant = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    return BBQL.format(instant.atOffset(ZoneOffset.UTC));
  }
}
