package io.github.sparkbitbucket.api;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.github.sparkbitbucket.api.BitbucketApiException.Kind;
import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends {@link Exchange}s: the retry loop (Failsafe), the concurrency cap (a semaphore held
 * around each attempt, never during a backoff sleep), the caller's {@link RequestBudget} (a slot
 * per attempt, waited for before taking a permit), one OAuth renewal after a 401, rate-limit
 * headers, request statistics, and the mapping of what finally failed to a
 * {@link BitbucketApiException}.
 *
 * <p>Two retry allowances: 5xx, 555, I/O errors and malformed bodies count against
 * {@code maxRetries}; 429s do not (a rate limit is a reason to slow down, not a fault), they are
 * retried until the request has waited {@code maxRateLimitWait} in total.
 */
final class RequestExecutor {
  private static final String USER_AGENT = "spark-bitbucket/0.1";
  private static final System.Logger LOG = System.getLogger(RequestExecutor.class.getName());

  private final OkHttpClient http;
  private final Semaphore permits;
  private final int maxRetries;
  private final long maxRateLimitWaitNanos;
  private final Backoff backoff;
  private final ApiFailures failures;
  private final RequestStats totals;
  private final AtomicReference<RateLimitStatus> rateLimit =
      new AtomicReference<>(RateLimitStatus.UNKNOWN);

  RequestExecutor(OkHttpClient http, int maxConcurrency, int maxRetries,
      Duration maxRateLimitWait, Backoff backoff, ApiFailures failures, RequestStats totals) {
    this.http = http;
    this.permits = new Semaphore(maxConcurrency, true);
    this.maxRetries = maxRetries;
    this.maxRateLimitWaitNanos = maxRateLimitWait.toNanos();
    this.backoff = backoff;
    this.failures = failures;
    this.totals = totals;
  }

  RateLimitStatus rateLimit() {
    return rateLimit.get();
  }

  /** Threads waiting for a free slot under maxConcurrency (an estimate, for tests). */
  int waitingForPermit() {
    return permits.getQueueLength();
  }

  ApiFailures failures() {
    return failures;
  }

  /** Runs the exchange, retrying where that is safe; returns a 2xx whose body passed the check. */
  HttpResult run(Exchange ex) {
    Attempts attempts = new Attempts();
    RequestStats stats = ex.stats();
    RetryPolicy<HttpResult> policy = RetryPolicy.<HttpResult>builder()
        .handleIf((result, failure) -> failure instanceof RetryableFailure f
            && f.retryableFor(ex.idempotent()) && (ex.retryServerErrors() || f.isRateLimited())
            && (f.isRateLimited() ? attempts.rateLimitWaitNanos < maxRateLimitWaitNanos
                : attempts.faultRetries < maxRetries))
        .withMaxRetries(-1) // the two allowances above
        .withDelayFn(ctx -> {
          RetryableFailure f = (RetryableFailure) ctx.getLastException();
          Duration delay = backoff.delay(f.isRateLimited(), ctx.getAttemptCount(), f.retryAfter);
          if (f.isRateLimited()) {
            // never wait past maxRateLimitWait in total: the last retry comes at the deadline
            Duration left = Duration.ofNanos(maxRateLimitWaitNanos - attempts.rateLimitWaitNanos);
            delay = delay.compareTo(left) > 0 ? left : delay;
          }
          return delay;
        })
        .onRetryScheduled(event -> {
          if (event.getLastException() instanceof RetryableFailure f && f.isRateLimited()) {
            attempts.rateLimitWaitNanos += event.getDelay().toNanos();
          } else {
            attempts.faultRetries++;
          }
          stats.addRetry();
          totals.addRetry();
          if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, "Retrying {0} {1} in {2} ms after {3} (attempt {4})",
                ex.method(), ex.url(), event.getDelay().toMillis(),
                event.getLastException().getMessage(), event.getAttemptCount() + 1);
          }
          if (event.getLastException() instanceof RetryableFailure f && f.isRateLimited()) {
            stats.addRateLimitWait(event.getDelay().toNanos());
            totals.addRateLimitWait(event.getDelay().toNanos());
          }
        })
        .build();
    try {
      return Failsafe.with(policy).get(() -> attempt(ex, attempts));
    } catch (RetryableFailure f) {
      int n = attempts.get();
      if (f.result == null) {
        throw failures.forIo(ex.method(), ex.idempotent(), ex.url(), f.getCause(), n);
      }
      if (f.isMalformedBody()) {
        throw failures.forMalformed(ex.method(), ex.url(), f.result, f.getMessage(), n);
      }
      throw failures.forStatus(ex.method(), ex.idempotent(), ex.url(), f.result, n);
    } catch (FailsafeException e) {
      if (e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw interrupted(ex);
      }
      throw e;
    }
  }

  /** Attempts so far, and whether an earlier one may have taken effect unseen. */
  private static final class Attempts {
    private int count;
    private boolean outcomeUnknown;
    private int faultRetries; // retries after 5xx, I/O errors, malformed bodies
    private long rateLimitWaitNanos; // backoff waited after 429s

    int get() {
      return count;
    }
  }

  private HttpResult attempt(Exchange ex, Attempts attempts) {
    try {
      return attemptOnce(ex, attempts);
    } catch (RetryableFailure f) {
      // No response (a reset, a body cut short) or a 5xx: the server may have acted anyway.
      attempts.outcomeUnknown |= f.result == null || f.result.status() >= 500;
      throw f;
    }
  }

  private HttpResult attemptOnce(Exchange ex, Attempts attempts) {
    boolean renewed = false;
    while (true) {
      String authorization = ex.credentials() == null ? null
          : ex.credentials().authorization(ex.stats());
      attempts.count++;
      HttpResult result = send(request(ex, authorization), ex);
      if (result.status() == 404 && ex.method().equals("DELETE") && attempts.outcomeUnknown) {
        // The earlier attempt deleted it but its answer was lost: the caller's goal is reached.
        return new HttpResult(204, result.headers(), new byte[0]);
      }
      if (result.status() == 401 && authorization != null && !renewed
          && ex.credentials().renewAfterUnauthorized(authorization, ex.stats())) {
        renewed = true; // an expired OAuth token: one more try with the fresh one, any method
        continue;
      }
      if (result.isSuccess()) {
        if (ex.bodyCheck() != null) {
          try {
            ex.bodyCheck().check(result.body());
          } catch (IOException e) {
            throw new RetryableFailure(result, null, e.getMessage(), e);
          }
        }
        return result;
      }
      if (result.status() == 429 || result.status() >= 500) {
        throw new RetryableFailure(result, retryAfter(result.headers()),
            "HTTP " + result.status(), null);
      }
      throw failures.forStatus(ex.method(), ex.idempotent(), ex.url(), result,
          attempts.get());
    }
  }

  private static Request request(Exchange ex, String authorization) {
    Request.Builder builder = new Request.Builder()
        .url(ex.url())
        .tag(Origin.class, Origin.of(ex.url()))
        .header("Accept", "application/json")
        .header("User-Agent", USER_AGENT);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    RequestBody body = null;
    if (ex.body() != null) {
      body = RequestBody.create(ex.body(), ex.mediaType());
    } else if (ex.method().equals("POST") || ex.method().equals("PUT")) {
      body = RequestBody.create(new byte[0], null);
    }
    return builder.method(ex.method(), body).build();
  }

  private HttpResult send(Request request, Exchange ex) {
    RequestBudget budget = ex.stats().budget();
    try {
      if (budget != null) {
        // before the permit: a task waiting for its budget must not hold up other tasks
        long waited = budget.acquire();
        if (waited > 0) {
          ex.stats().addRateLimitWait(waited);
          totals.addRateLimitWait(waited);
        }
      }
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(ex);
    }
    try {
      ex.stats().addRequest();
      totals.addRequest();
      long start = System.nanoTime();
      try (Response response = http.newCall(request).execute()) {
        // Buffered whole (pages hold at most 100 values): a body cut short fails here, before
        // any value reaches a reader, so the retry restarts the page cleanly.
        byte[] body = response.body().bytes();
        ex.stats().addBytes(body.length);
        totals.addBytes(body.length);
        readRateLimit(response.headers());
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
          // method, URL and status only: headers (Authorization) and bodies are never logged
          LOG.log(System.Logger.Level.DEBUG, "{0} {1} -> {2} ({3} bytes, {4} ms)", ex.method(),
              ex.url(), response.code(), body.length, (System.nanoTime() - start) / 1_000_000);
        }
        return new HttpResult(response.code(), response.headers(), body);
      }
    } catch (IOException e) {
      if (isCertificateFailure(e)) {
        throw failures.forUntrustedCertificate(ex.method(), ex.url(), e); // final: never retried
      }
      if (Thread.currentThread().isInterrupted()) {
        throw interrupted(ex); // a cancelled Spark task: stop, do not retry
      }
      throw new RetryableFailure(null, null, e.getMessage(), e);
    } finally {
      permits.release();
    }
  }

  /**
   * A TLS failure on the certificate (untrusted, expired, wrong host name), not the network: the
   * peer was not verified, or a handshake failed on a certificate check.
   */
  private static boolean isCertificateFailure(IOException e) {
    if (e instanceof SSLPeerUnverifiedException) {
      return true;
    }
    if (!(e instanceof SSLHandshakeException)) {
      return false;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException || t instanceof CertPathBuilderException
          || t instanceof CertPathValidatorException) {
        return true;
      }
    }
    return false;
  }

  private void readRateLimit(Headers headers) {
    long limit = longHeader(headers, "X-RateLimit-Limit");
    long remaining = longHeader(headers, "X-RateLimit-Remaining");
    long reset = longHeader(headers, "X-RateLimit-Reset");
    if (limit >= 0 || remaining >= 0 || reset >= 0) {
      rateLimit.set(new RateLimitStatus(limit, remaining, reset));
    }
  }

  private static long longHeader(Headers headers, String name) {
    String value = headers.get(name);
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(Headers headers) {
    String value = headers.get("Retry-After");
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  private static BitbucketApiException interrupted(Exchange ex) {
    return new BitbucketApiException(Kind.IO, -1, ex.method(), ex.url().toString(),
        "Interrupted while waiting to send or retry " + ex.method() + " " + ex.url()
            + " (the Spark task was probably cancelled).", null);
  }
}
