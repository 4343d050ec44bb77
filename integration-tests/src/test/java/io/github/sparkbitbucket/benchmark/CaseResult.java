package io.github.sparkbitbucket.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured case, as written to results.json: the fields named by issue 6, the optional ones
 * only where the case measures them (null = not measured, left out of the JSON).
 */
record CaseResult(String name, long rows, long requests, long minRequests, long wallMs, long boundMs,
    Long sequentialMs, Long noPushdownRequests, Long noPushdownMs, Long sparkJsonMs,
    Integer concurrency) {

  static CaseResult of(String name, long rows, long requests, long minRequests, long wallMs,
      long boundMs) {
    return new CaseResult(name, rows, requests, minRequests, wallMs, boundMs, null, null, null,
        null, null);
  }

  CaseResult sequential(long ms) {
    return new CaseResult(name, rows, requests, minRequests, wallMs, boundMs, ms,
        noPushdownRequests, noPushdownMs, sparkJsonMs, concurrency);
  }

  CaseResult noPushdown(long reqs, long ms) {
    return new CaseResult(name, rows, requests, minRequests, wallMs, boundMs, sequentialMs, reqs,
        ms, sparkJsonMs, concurrency);
  }

  CaseResult sparkJson(long ms) {
    return new CaseResult(name, rows, requests, minRequests, wallMs, boundMs, sequentialMs,
        noPushdownRequests, noPushdownMs, ms, concurrency);
  }

  CaseResult concurrency(int c) {
    return new CaseResult(name, rows, requests, minRequests, wallMs, boundMs, sequentialMs,
        noPushdownRequests, noPushdownMs, sparkJsonMs, c);
  }

  /** requests / min_requests (1.0 when no minimum applies). */
  double requestRatio() {
    return minRequests <= 0 ? 1.0 : (double) requests / minRequests;
  }

  /** wall_ms / bound_ms. */
  double boundRatio() {
    return boundMs <= 0 ? Double.NaN : (double) wallMs / boundMs;
  }

  /** The JSON object, fields in the order. */
  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("case", name);
    m.put("rows", rows);
    m.put("requests", requests);
    m.put("min_requests", minRequests);
    m.put("wall_ms", wallMs);
    m.put("bound_ms", boundMs);
    if (sequentialMs != null) {
      m.put("sequential_ms", sequentialMs);
    }
    if (noPushdownRequests != null) {
      m.put("no_pushdown_requests", noPushdownRequests);
    }
    if (noPushdownMs != null) {
      m.put("no_pushdown_ms", noPushdownMs);
    }
    if (sparkJsonMs != null) {
      m.put("spark_json_ms", sparkJsonMs);
    }
    if (concurrency != null) {
      m.put("concurrency", concurrency);
    }
    return m;
  }
}
