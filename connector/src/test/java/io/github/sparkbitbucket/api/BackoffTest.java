package io.github.sparkbitbucket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final Backoff B = Backoff.DEFAULT;

  @Test
  void delaysGrowExponentiallyWithJitterAndAreCapped() {
    for (int i = 0; i < 200; i++) {
      Duration first = B.delay(false, 1, null);
      assertTrue(first.toMillis() >= 100 && first.toMillis() <= 200, first.toString());
      Duration third = B.delay(false, 3, null);
      assertTrue(third.toMillis() >= 400 && third.toMillis() <= 800, third.toString());
      Duration rateLimited = B.delay(true, 1, null);
      assertTrue(rateLimited.toMillis() >= 500 && rateLimited.toMillis() <= 1000);
      Duration late = B.delay(true, 40, null);
      assertTrue(late.toMillis() >= 15_000 && late.toMillis() <= 30_000, late.toString());
    }
  }

  @Test
  void jitterSpreadsParallelRetries() {
    long distinct = java.util.stream.IntStream.range(0, 50)
        .mapToObj(i -> B.delay(false, 4, null)).distinct().count();
    assertTrue(distinct > 10, "only " + distinct + " distinct delays");
  }

  @Test
  void retryAfterWinsUpToItsCap() {
    assertEquals(Duration.ofSeconds(7), B.delay(true, 1, Duration.ofSeconds(7)));
    assertEquals(Duration.ofMinutes(5), B.delay(true, 1, Duration.ofHours(2)));
  }

  @Test
  void retryAfterIsReadAsSecondsOrAnHttpDate() {
    assertEquals(Duration.ofSeconds(12),
        RequestExecutor.retryAfter(Headers.of("Retry-After", "12")));
    String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
    Duration d = RequestExecutor.retryAfter(Headers.of("Retry-After", inAMinute));
    assertTrue(d.getSeconds() > 50 && d.getSeconds() <= 60, d.toString());
    assertNull(RequestExecutor.retryAfter(Headers.of()));
    assertNull(RequestExecutor.retryAfter(Headers.of("Retry-After", "soon")));
    assertEquals(Duration.ZERO, RequestExecutor.retryAfter(Headers.of("Retry-After", "-3")));
  }

  @Test
  void aSystemPropertyScalesTheDefaultsForTests() {
    String before = System.getProperty("sparkbitbucket.backoff.scale");
    try {
      System.setProperty("sparkbitbucket.backoff.scale", "0.01");
      Backoff scaled = Backoff.fromSystemProperties();
      assertEquals(Duration.ofMillis(10), scaled.rateLimitBase());
      assertEquals(Duration.ofMillis(2), scaled.serverErrorBase());
      assertEquals(Duration.ofMillis(300), scaled.cap());
      System.clearProperty("sparkbitbucket.backoff.scale");
      assertEquals(Backoff.DEFAULT, Backoff.fromSystemProperties());
    } finally {
      if (before != null) {
        System.setProperty("sparkbitbucket.backoff.scale", before);
      }
    }
  }
}
