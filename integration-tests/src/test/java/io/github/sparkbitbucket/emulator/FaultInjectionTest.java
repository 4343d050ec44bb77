package io.github.sparkbitbucket.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every injected fault is observable by a client, and the knobs turn off again. */
class FaultInjectionTest extends EmulatorTestBase {

  @Test
  void serverErrorsAre500502Or503() {
    EMU.faults().serverErrorRate(1.0);
    for (int i = 0; i < 6; i++) {
      int status = get("/user").status();
      assertTrue(Set.of(500, 502, 503).contains(status), "status " + status);
    }
    EMU.faults().serverErrorRate(0);
    assertEquals(200, get("/user").status());
  }

  @Test
  void status555() {
    EMU.faults().status555Rate(1.0);
    Reply r = get("/user");
    assertEquals(555, r.status());
    assertEquals("error", r.json().get("type").asText());
  }

  @Test
  void resetDropsTheConnectionBeforeAnyBody() {
    EMU.faults().resetRate(1.0);
    EMU.requestLog().clear();
    assertThrows(UncheckedIOException.class, () -> get("/user"));
    EMU.faults().resetRate(0);
    List<LoggedRequest> log = EMU.requestLog().entries();
    assertEquals(0, log.get(0).status(), "a dropped connection is logged with status 0");
    assertEquals(200, get("/user").status(), "the next connection works");
  }

  @Test
  void truncatedBodyEndsBeforeItsContentLength() {
    EMU.faults().truncateRate(1.0);
    EMU.requestLog().clear();
    assertThrows(UncheckedIOException.class, () -> get("/repositories/acme"));
    EMU.faults().truncateRate(0);
    assertEquals(200, EMU.requestLog().entries().get(0).status(), "the server meant 200 but cut the body");
    assertEquals(200, get("/repositories/acme").status());
  }

  @Test
  void rateLimitAnswers429PlainTextWithHeaders() {
    EMU.faults().rateLimit(3, Duration.ofHours(1));
    Reply first = get("/user");
    assertEquals(200, first.status());
    assertEquals("3", first.header("X-RateLimit-Limit"));
    assertEquals("2", first.header("X-RateLimit-Remaining"));
    assertNotNull(first.header("X-RateLimit-Reset"));
    get("/user");
    get("/user");
    Reply limited = get("/user");
    assertEquals(429, limited.status());
    assertTrue(limited.header("Content-Type").startsWith("text/plain"));
    assertEquals("Rate limit for this resource has been exceeded", limited.body());
    assertEquals("0", limited.header("X-RateLimit-Remaining"));
    assertEquals(null, limited.header("Retry-After"));
    EMU.faults().rateLimit(0, null);
    assertEquals(200, get("/user").status());
    assertEquals(null, get("/user").header("X-RateLimit-Limit"), "no headers once the limit is off");
  }

  @Test
  void rateLimitWindowRollsOver() {
    EMU.faults().rateLimit(1, Duration.ofMillis(200));
    assertEquals(200, get("/user").status());
    int status = 429;
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    boolean saw429 = false;
    while (System.nanoTime() < deadline) {
      status = get("/user").status();
      saw429 |= status == 429;
      if (saw429 && status == 200) {
        break;
      }
    }
    assertTrue(saw429);
    assertEquals(200, status, "a new window admits requests again");
  }

  @Test
  void failWritesAfterNFailsLaterWritesWithoutChangingState() {
    EMU.faults().failWritesAfter(1);
    assertEquals(201, post("/workspaces/acme/projects", "{\"key\":\"FW1\",\"name\":\"ok\"}").status());
    Reply failed = post("/workspaces/acme/projects", "{\"key\":\"FW2\",\"name\":\"fails\"}");
    assertEquals(500, failed.status());
    assertEquals(null, EMU.store().get("acme", null, "projects", "FW2"));
    assertEquals(200, get("/workspaces/acme/projects/FW1").status(), "reads still work");
    EMU.faults().failWritesAfter(-1);
    assertEquals(204, delete("/workspaces/acme/projects/FW1").status());
  }

  @Test
  void loseResponseOfNextWritesAppliesTheWriteThenDropsItsAnswer() {
    EMU.faults().loseResponseOfNextWrites(1);
    EMU.requestLog().clear();
    assertEquals(200, get("/user").status(), "reads are not affected");
    assertThrows(UncheckedIOException.class,
        () -> post("/workspaces/acme/projects", "{\"key\":\"LR1\",\"name\":\"lost\"}"));
    assertNotNull(EMU.store().get("acme", null, "projects", "LR1"), "the write was applied");
    assertEquals(0, EMU.requestLog().entries().get(1).status(), "logged with status 0");
    assertEquals(201, post("/workspaces/acme/projects", "{\"key\":\"LR2\",\"name\":\"ok\"}")
        .status(), "only the next n writes lose their answer");
    assertEquals(204, delete("/workspaces/acme/projects/LR1").status());
    assertEquals(204, delete("/workspaces/acme/projects/LR2").status());
    assertThrows(IllegalArgumentException.class, () -> EMU.faults().loseResponseOfNextWrites(-1));
  }

  @Test
  void latencyIsAddedToEveryRequest() {
    EMU.faults().latency(Duration.ofMillis(150));
    long t0 = System.nanoTime();
    assertEquals(200, get("/user").status());
    long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(elapsedMs >= 150, "elapsed " + elapsedMs + " ms");
    EMU.requestLog().clear();
    get("/user");
    assertTrue(EMU.requestLog().entries().get(0).durationNanos() >= Duration.ofMillis(150).toNanos());
  }

  @Test
  void invalidKnobValuesAreRefusedWithAClearMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EMU.faults().serverErrorRate(1.5));
    assertTrue(e.getMessage().contains("serverErrorRate"));
    assertThrows(IllegalArgumentException.class, () -> EMU.faults().rateLimit(5, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> EMU.faults().failWritesAfter(-2));
  }
}
