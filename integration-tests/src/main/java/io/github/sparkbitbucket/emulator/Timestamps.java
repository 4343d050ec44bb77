package io.github.sparkbitbucket.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The timestamp formats the real API uses, which differ by resource. */
final class Timestamps {
  /** Repositories, pull requests, comments, issues: microseconds and an offset. */
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);
  /** Commits and tags: whole seconds and an offset (git dates). */
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);
  /** Pipelines: the pipelines service's own format, fraction and 'Z'. */
  private static final DateTimeFormatter PIPELINES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  static String micros(Instant t) {
    return MICROS.format(t);
  }

  static String seconds(Instant t) {
    return SECONDS.format(t);
  }

  static String pipelines(Instant t) {
    return PIPELINES.format(t);
  }
}
