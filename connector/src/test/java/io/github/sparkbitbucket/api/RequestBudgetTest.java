package io.github.sparkbitbucket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The request budget's schedule on a fake clock: sleeping advances time, nothing really waits. */
class RequestBudgetTest {
  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong now = new AtomicLong(1_000 * SECOND);
  private final List<Long> grants = new ArrayList<>();

  private RequestBudget budget(long limit, Duration window) {
    return new RequestBudget(limit, window, now::get, nanos -> now.addAndGet(nanos));
  }

  private long take(RequestBudget budget) throws InterruptedException {
    long waited = budget.acquire();
    grants.add(now.get());
    return waited;
  }

  @Test
  void aJobWithinTheBudgetNeverWaits() throws InterruptedException {
    RequestBudget budget = budget(5, Duration.ofHours(1));
    for (int i = 0; i < 5; i++) {
      assertEquals(0, take(budget));
    }
    assertEquals(List.of(now.get(), now.get(), now.get(), now.get(), now.get()), grants);
  }

  @Test
  void theRequestAfterTheBudgetWaitsForTheWindowToSlide() throws InterruptedException {
    RequestBudget budget = budget(3, Duration.ofSeconds(60));
    long start = now.get();
    take(budget);
    now.addAndGet(10 * SECOND);
    take(budget);
    take(budget);
    // the fourth may go only 60 s after the first; the fifth 60 s after the second
    assertEquals(50 * SECOND, take(budget));
    assertEquals(start + 60 * SECOND, now.get());
    assertEquals(10 * SECOND, take(budget));
    assertEquals(start + 70 * SECOND, now.get());
  }

  @Test
  void noWindowEverHoldsMoreThanTheLimit() throws InterruptedException {
    long window = 3600 * SECOND;
    RequestBudget budget = budget(7, Duration.ofNanos(window));
    for (int i = 0; i < 100; i++) {
      now.addAndGet((i * 7919L % 13) * 60 * SECOND); // irregular gaps between requests
      take(budget);
    }
    for (int i = 0; i + 7 < grants.size(); i++) {
      assertTrue(grants.get(i + 7) - grants.get(i) >= window,
          "8 grants within one window, from grant " + i);
    }
  }

  @Test
  void steadyDemandRunsAtTheBudgetRate() throws InterruptedException {
    RequestBudget budget = budget(10, Duration.ofHours(1));
    long start = now.get();
    long waited = 0;
    for (int i = 0; i < 30; i++) {
      waited += take(budget);
    }
    // 10 at once, 10 one hour later, 10 two hours later: the 11th and the 21st waited an hour
    assertEquals(start + 2 * 3600 * SECOND, now.get());
    assertEquals(2 * 3600 * SECOND, waited);
    assertEquals(10, grants.stream().filter(t -> t == start + 3600 * SECOND).count());
  }

  @Test
  void threadsSharingABudgetTogetherStayWithinIt() throws Exception {
    // real clock, short window: 4 threads x 5 requests under 6 per 200 ms need three more
    // windows after the first six (grants 6, 12 and 18 each come one window later)
    RequestBudget budget = new RequestBudget(6, Duration.ofMillis(200));
    AtomicLong granted = new AtomicLong();
    AtomicLong waited = new AtomicLong();
    long start = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 5; i++) {
          try {
            waited.addAndGet(budget.acquire());
          } catch (InterruptedException e) {
            return;
          }
          granted.incrementAndGet();
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long elapsed = System.nanoTime() - start;
    assertEquals(20, granted.get());
    assertTrue(elapsed >= 600_000_000L, "20 grants in " + elapsed / 1_000_000 + " ms");
    // each thread waits in turn for the next window: at least the last 200 ms were waited
    assertTrue(waited.get() >= 200_000_000L, "waited " + waited.get() / 1_000_000 + " ms");
  }

  @Test
  void sharesDivideWhatPlanningLeft() {
    assertEquals(248, RequestBudget.taskShare(1000, 8, 4));
    assertEquals(1, RequestBudget.taskShare(10, 2, 8));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RequestBudget.taskShare(10, 4, 8));
    assertTrue(e.getMessage().contains("requestsPerHour") && e.getMessage().contains("at least 12"),
        e.getMessage());
  }

  @Test
  void aBudgetNeedsAtLeastOneRequestAndAWindow() {
    assertThrows(IllegalArgumentException.class, () -> budget(0, Duration.ofHours(1)));
    assertThrows(IllegalArgumentException.class, () -> budget(1, Duration.ZERO));
  }
}
