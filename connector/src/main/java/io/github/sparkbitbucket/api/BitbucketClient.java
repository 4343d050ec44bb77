package io.github.sparkbitbucket.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkbitbucket.api.BitbucketApiException.Kind;
import io.github.sparkbitbucket.config.BitbucketOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The one place that talks to Bitbucket: authentication, paging, retries, the concurrency limit
 * and error mapping. Knows nothing of Spark. One instance per JVM per connection settings
 * ({@link #shared}), shared by every task in that JVM.
 *
 * <p>Usage: {@code client.get("/repositories/{ws}/{repo}/pullrequests", ws, repo)
 * .query("pagelen", "50").stats(stats).page(parser -> ...)}.
 */
public final class BitbucketClient implements AutoCloseable {
  private static final Map<String, BitbucketClient> SHARED = new ConcurrentHashMap<>();
  private static final Map<String, OAuthCredentials> OAUTH_SESSIONS = new ConcurrentHashMap<>();
  private static final RequestStats TOTALS = new RequestStats();
  // One for the JVM: every credential any client holds or obtains (rotated OAuth tokens too) is
  // kept out of every message.
  private static final Redactor REDACTOR = new Redactor();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpUrl endpoint;
  private final Origin origin;
  private final OkHttpClient http;
  private final RequestExecutor executor;
  private final Credentials credentials;
  private final boolean shared;

  private BitbucketClient(BitbucketOptions options, Backoff backoff, boolean shared) {
    this.shared = shared;
    this.endpoint = HttpUrl.get(options.endpoint());
    this.origin = Origin.of(endpoint);
    Duration timeout = options.requestTimeout();
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(options.maxConcurrency());
    dispatcher.setMaxRequestsPerHost(options.maxConcurrency());
    this.http = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(Math.max(5, options.maxConcurrency()), 60,
            TimeUnit.SECONDS))
        .connectTimeout(timeout)
        .readTimeout(timeout)
        .writeTimeout(timeout)
        .callTimeout(timeout)
        // Retries are ours alone: OkHttp's silent ones could repeat a POST and would hide
        // attempts from the counts.
        .retryOnConnectionFailure(false)
        .addNetworkInterceptor(new OriginGuard())
        .build();
    Redactor redactor = REDACTOR;
    options.token().ifPresent(s -> redactor.add(s.reveal()));
    options.apiToken().ifPresent(s -> redactor.add(s.reveal()));
    options.oauthClientSecret().ifPresent(s -> redactor.add(s.reveal()));
    options.oauthRefreshToken().ifPresent(s -> redactor.add(s.reveal()));
    this.executor = new RequestExecutor(http, options.maxConcurrency(), options.maxRetries(),
        options.maxRateLimitWait(), backoff, new ApiFailures(MAPPER, redactor, endpoint),
        TOTALS);
    this.credentials = switch (options.authMethod()) {
      case BEARER_TOKEN -> StaticCredentials.bearer(options.token().orElseThrow().reveal());
      case API_TOKEN -> StaticCredentials.basic(options.email().orElseThrow(),
          options.apiToken().orElseThrow().reveal());
      case OAUTH_CLIENT_CREDENTIALS, OAUTH_REFRESH_TOKEN -> shared
          // Shared clients that differ only in limits must not each spend the same refresh
          // token (it works once): one OAuth session per consumer and refresh token per JVM.
          ? OAUTH_SESSIONS.computeIfAbsent(oauthKey(options), k -> oauth(options, redactor))
          : oauth(options, redactor);
    };
  }

  private OAuthCredentials oauth(BitbucketOptions options, Redactor redactor) {
    return new OAuthCredentials(executor, MAPPER, redactor, HttpUrl.get(options.oauthTokenUrl()),
        options.oauthClientId().orElseThrow(), options.oauthClientSecret().orElseThrow().reveal(),
        options.oauthRefreshToken().map(s -> s.reveal()).orElse(null));
  }

  private static String oauthKey(BitbucketOptions options) {
    return options.oauthTokenUrl() + "|" + options.oauthClientId().orElseThrow() + "|"
        + options.oauthClientSecret().orElseThrow().fingerprint() + "|"
        + options.oauthRefreshToken().map(s -> s.fingerprint()).orElse("-");
  }

  /**
   * The JVM-wide client for these connection settings (endpoint, auth, limits), created on first
   * use. Its {@link #close()} does nothing: it lives as long as the JVM (an executor).
   */
  public static BitbucketClient shared(BitbucketOptions options) {
    return SHARED.computeIfAbsent(options.connectionKey(),
        key -> new BitbucketClient(options, Backoff.fromSystemProperties(), true));
  }

  /**
   * A client of its own, with the given retry delays (tests use {@link Backoff#fast()}). The
   * caller closes it. Prefer {@link #shared} everywhere else.
   */
  public static BitbucketClient create(BitbucketOptions options, Backoff backoff) {
    return new BitbucketClient(options, backoff, false);
  }

  /** Requests, retries, waits and bytes of every client in this JVM since it started. */
  public static RequestStats totalStats() {
    return TOTALS;
  }

  /**
   * A GET. {@code pathTemplate} is relative to the endpoint ({@code /repositories/{ws}/{repo}})
   * with {@code {...}} placeholders filled in order from {@code args}, each percent-encoded as one
   * path segment; or an absolute URL on the endpoint's origin (a {@code next} link), used as is.
   */
  public ApiRequest get(String pathTemplate, Object... args) {
    return request("GET", pathTemplate, args);
  }

  /**
   * A POST (create, decline, merge...), same path rules as {@link #get}. Retried only after a
   * 429 unless marked {@link ApiRequest#idempotent()}: it may have taken effect.
   */
  public ApiRequest post(String pathTemplate, Object... args) {
    return request("POST", pathTemplate, args);
  }

  /** A PUT (update), same path rules as {@link #get}; retried like a GET. */
  public ApiRequest put(String pathTemplate, Object... args) {
    return request("PUT", pathTemplate, args);
  }

  /**
   * A DELETE, same path rules as {@link #get}; retried like a GET, and a 404 after an attempt
   * that may have deleted it already (5xx, lost answer) counts as done.
   */
  public ApiRequest delete(String pathTemplate, Object... args) {
    return request("DELETE", pathTemplate, args);
  }

  /** The latest {@code X-RateLimit-*} figures seen by this client. */
  public RateLimitStatus rateLimit() {
    return executor.rateLimit();
  }

  /** The API base URL this client talks to. */
  public String endpoint() {
    return endpoint.toString();
  }

  @Override
  public void close() {
    if (!shared) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "BitbucketClient[" + endpoint + "]";
  }

  /** Open connections in this client's pool (for tests of connection reuse). */
  int openConnections() {
    return http.connectionPool().connectionCount();
  }

  /** How many shared clients this JVM holds (for tests that check nothing accumulates). */
  static int sharedClients() {
    return SHARED.size();
  }

  /** Open connections in every shared client's pool, idle or in use (for leak tests). */
  static int sharedOpenConnections() {
    return SHARED.values().stream().mapToInt(BitbucketClient::openConnections).sum();
  }

  ObjectMapper mapper() {
    return MAPPER;
  }

  RequestExecutor executor() {
    return executor;
  }

  Credentials credentials() {
    return credentials;
  }

  private ApiRequest request(String method, String pathTemplate, Object... args) {
    return new ApiRequest(this, method, resolve(method, pathTemplate, args));
  }

  /** Fills a path template, or checks that an absolute URL stays on the endpoint's origin. */
  HttpUrl resolve(String method, String template, Object... args) {
    if (template.startsWith("http://") || template.startsWith("https://")) {
      HttpUrl url = HttpUrl.parse(template);
      if (url == null) {
        throw new IllegalArgumentException("Not a valid URL: " + template);
      }
      if (args.length > 0) {
        throw new IllegalArgumentException("An absolute URL takes no arguments: " + template);
      }
      if (!Origin.of(url).equals(origin)) {
        // A next link or any URL elsewhere would receive the credentials: refuse it outright.
        throw new BitbucketApiException(Kind.OTHER, -1, method, url.toString(),
            "Refusing " + method + " " + url + ": it is not on the endpoint's origin " + origin
                + " and would receive the credentials. If the API moved, set option 'endpoint' "
                + "to the new base URL.", null);
      }
      return url;
    }
    String path = template;
    String query = null;
    int q = template.indexOf('?');
    if (q >= 0) {
      path = template.substring(0, q);
      query = template.substring(q + 1);
    }
    HttpUrl.Builder url = endpoint.newBuilder();
    int used = 0;
    for (String segment : path.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      StringBuilder filled = new StringBuilder();
      boolean hasPlaceholder = false;
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        int close = c == '{' ? segment.indexOf('}', i) : -1;
        if (close < 0) {
          filled.append(c);
          continue;
        }
        if (used >= args.length || args[used] == null) {
          throw new IllegalArgumentException("Path template " + template + " needs a value for "
              + segment.substring(i, close + 1) + " (argument " + (used + 1) + ")");
        }
        filled.append(args[used++]);
        hasPlaceholder = true;
        i = close;
      }
      String value = filled.toString();
      if (hasPlaceholder && (value.isEmpty() || value.equals(".") || value.equals(".."))) {
        throw new IllegalArgumentException("'" + value + "' is not a valid path value in "
            + template);
      }
      url.addPathSegment(value);
    }
    if (used != args.length) {
      throw new IllegalArgumentException("Path template " + template + " has " + used
          + " placeholders but " + args.length + " arguments were given");
    }
    if (query != null && !query.isEmpty()) {
      url.encodedQuery(query);
    }
    return url.build();
  }
}
