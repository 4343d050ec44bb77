package io.github.sparkbitbucket.emulator;

import io.github.sparkbitbucket.emulator.query.PartialResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.mockserver.mock.action.ExpectationResponseCallback;
import org.mockserver.model.ConnectionOptions;
import org.mockserver.model.Header;
import org.mockserver.model.HttpRequest;
import org.mockserver.model.HttpResponse;
import org.mockserver.model.NottableString;
import org.mockserver.model.MediaType;
import org.mockserver.model.Parameter;
import org.mockserver.model.StringBody;

/**
 * The one MockServer callback behind every request: rate limit, injected faults, the OAuth token
 * endpoint, authentication and scopes, routing, {@code fields=}, latency, and the request log.
 * MockServer runs it on its action-handler pool (not the event loop), so latency is a plain
 * sleep and requests are served concurrently.
 */
final class RequestDispatcher implements ExpectationResponseCallback {
  static final String TOKEN_PATH = "/site/oauth2/access_token";

  private final Router router;
  private final AccessControl access;
  private final Faults faults;
  private final RequestLog log;
  private final List<Consumer<LoggedRequest>> hooks = new CopyOnWriteArrayList<>();

  RequestDispatcher(Router router, AccessControl access, Faults faults, RequestLog log) {
    this.router = router;
    this.access = access;
    this.faults = faults;
    this.log = log;
  }

  void addHook(Consumer<LoggedRequest> hook) {
    hooks.add(hook);
  }

  @Override
  public HttpResponse handle(HttpRequest raw) {
    long start = System.nanoTime();
    log.begin();
    ApiRequest req = toApiRequest(raw);
    ApiResponse response;
    Faults.Injection injection = Faults.Injection.NONE;
    Faults.RateLimitDecision limit = null;
    try {
      limit = faults.countRequest();
      if (limit != null && limit.exceeded()) {
        response = ApiResponse.text(429, "Rate limit for this resource has been exceeded");
      } else {
        injection = faults.draw();
        response = switch (injection) {
          case SERVER_ERROR -> serverError();
          case STATUS_555 -> ApiResponse.error(555, "Service Unavailable",
              "The request took too long to process and was cancelled; please retry.");
          default -> serve(req);
        };
        if (injection == Faults.Injection.NONE && req.isWrite() && !isReadOnlyPost(req)
            && response.status() < 400 && faults.loseThisWriteResponse()) {
          injection = Faults.Injection.RESET; // applied, but the answer never arrives
        }
      }
    } catch (ApiException e) {
      response = e.response();
    } catch (io.github.sparkbitbucket.emulator.query.BbqlException e) {
      response = ApiResponse.error(400, e.getMessage(), null);
    } catch (RuntimeException e) {
      response = ApiResponse.error(500, "Something went wrong", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    if (limit != null) {
      response.withHeader("X-RateLimit-Limit", String.valueOf(limit.limit()))
          .withHeader("X-RateLimit-Remaining", String.valueOf(limit.remaining()))
          .withHeader("X-RateLimit-Reset", String.valueOf(limit.resetEpochSeconds()));
    }
    HttpResponse out = toHttpResponse(response, injection);
    Duration latency = faults.latency();
    if (!latency.isZero()) {
      sleep(latency);
    }
    int status = injection == Faults.Injection.RESET ? 0 : response.status();
    LoggedRequest entry = new LoggedRequest(req.method(), req.path(), req.queryCopy(), status, start,
        System.nanoTime() - start);
    log.end(entry);
    for (Consumer<LoggedRequest> hook : hooks) {
      hook.accept(entry);
    }
    return out;
  }

  private ApiResponse serve(ApiRequest req) {
    if (req.path().equals(TOKEN_PATH)) {
      return access.tokenEndpoint(req);
    }
    Router.Match match = router.match(req.method(), req.path());
    AccessControl.Principal principal = access.authenticate(req);
    if (match.route().scope() != null) {
      AccessControl.requireScope(principal, match.route().scope());
    }
    if (req.isWrite() && !isReadOnlyPost(req) && faults.failThisWrite()) {
      return ApiResponse.error(500, "Something went wrong", "Injected write failure (failWritesAfter)");
    }
    ApiResponse response = match.route().handler().handle(req, match.vars());
    String fields = req.param("fields");
    if (fields != null && !fields.isBlank() && response.json() != null && response.status() < 400) {
      response = response.withJson(PartialResponse.apply(response.json(), fields));
    }
    return response;
  }

  /** POST /commits is a read (include/exclude in a form body) and never counts as a write. */
  private static boolean isReadOnlyPost(ApiRequest req) {
    return "POST".equals(req.method()) && req.path().contains("/commits");
  }

  private static ApiResponse serverError() {
    int[] statuses = {500, 502, 503};
    int status = statuses[ThreadLocalRandom.current().nextInt(statuses.length)];
    if (status == 500) {
      return ApiResponse.error(500, "Something went wrong", "Injected server error");
    }
    // Bitbucket's edge answers 502/503 with an HTML page, not the API's JSON.
    return new ApiResponse(status, "text/html; charset=utf-8",
        ("<html><body><h1>" + status + " " + (status == 502 ? "Bad Gateway" : "Service Unavailable")
            + "</h1></body></html>").getBytes(StandardCharsets.UTF_8), null, new LinkedHashMap<>());
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ApiRequest toApiRequest(HttpRequest raw) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    List<Parameter> params = raw.getQueryStringParameterList();
    if (params != null) {
      for (Parameter p : params) {
        List<String> values = new java.util.ArrayList<>();
        for (NottableString v : p.getValues()) {
          values.add(v.getValue());
        }
        query.put(p.getName().getValue(), values);
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header h : raw.getHeaderList()) {
      if (!h.getValues().isEmpty()) {
        headers.putIfAbsent(h.getName().getValue().toLowerCase(Locale.ROOT), h.getValues().get(0).getValue());
      }
    }
    byte[] body = raw.getBodyAsRawBytes();
    return new ApiRequest(raw.getMethod().getValue().toUpperCase(Locale.ROOT), raw.getPath().getValue(), query,
        headers, body == null ? "" : new String(body, StandardCharsets.UTF_8));
  }

  /** Parsed media types, cached: MockServer's parser is slow enough to show in a profile. */
  private static final Map<String, MediaType> MEDIA_TYPES = new java.util.concurrent.ConcurrentHashMap<>();

  private static MediaType mediaType(String contentType) {
    return contentType == null ? MediaType.APPLICATION_JSON_UTF_8
        : MEDIA_TYPES.computeIfAbsent(contentType, MediaType::parse);
  }

  private static HttpResponse toHttpResponse(ApiResponse r, Faults.Injection injection) {
    byte[] body = r.bodyBytes();
    HttpResponse out = HttpResponse.response().withStatusCode(r.status());
    if (r.status() == 555) {
      out.withReasonPhrase("Service Unavailable");
    }
    if (r.contentType() != null) {
      out.withHeader("Content-Type", r.contentType());
    }
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      out.withHeader(h.getKey(), h.getValue());
    }
    switch (injection) {
      case RESET -> {
        // Headers promise a body that never comes: the client sees the connection end early.
        out.withBody(new byte[0]);
        out.withConnectionOptions(ConnectionOptions.connectionOptions()
            .withContentLengthHeaderOverride(Math.max(64, body.length)).withCloseSocket(true));
      }
      case TRUNCATE -> {
        byte[] cut = java.util.Arrays.copyOf(body, Math.max(1, body.length / 2));
        out.withBody(cut);
        out.withConnectionOptions(ConnectionOptions.connectionOptions()
            .withContentLengthHeaderOverride(Math.max(body.length, cut.length + 1)).withCloseSocket(true));
      }
      default -> {
        if (body != null && body.length > 0) {
          // A string body (with its bytes given) rather than a binary one: MockServer renders
          // binary bodies as base64 for its own log entry on every response, which is costly.
          out.withBody(new StringBody(new String(body, StandardCharsets.UTF_8), body, false,
              mediaType(r.contentType())));
        }
      }
    }
    return out;
  }
}
