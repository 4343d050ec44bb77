package io.github.sparkbitbucket.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.StringJoiner;

/**
 * Every option of the connector (SPEC section 2), parsed once on the driver, validated, immutable
 * and Serializable so that it travels to executors. Keys are case-insensitive. {@link #toString()}
 * never shows a secret.
 *
 * <p>Each option is an {@link OptionSpec} constant below; {@link #specs()} lists them in
 * documentation order, so the option reference can be generated from this class.
 */
public final class BitbucketOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Default API base URL. */
  public static final String DEFAULT_ENDPOINT = "https://api.bitbucket.org/2.0";
  /** Default OAuth 2.0 token endpoint. */
  public static final String DEFAULT_OAUTH_TOKEN_URL =
      "https://bitbucket.org/site/oauth2/access_token";

  public static final OptionSpec<String> WORKSPACE = OptionSpec.of("workspace",
      "a workspace slug, e.g. acme", null, "required, except for the table `workspaces`",
      "The workspace slug that tables are read from and written to.", OptionValues::slug);
  public static final OptionSpec<List<String>> REPOSITORY = OptionSpec.of("repository",
      "comma-separated repository slugs, e.g. api,web", null, "every repository of the workspace",
      "Limits repository tables (pull requests, commits, ...) to these repositories.",
      OptionValues::slugList);
  public static final OptionSpec<String> TABLE = OptionSpec.of("table",
      "a table name, e.g. pullrequests", null, "the load() path",
      "The table to read or write; the same as the path given to load() or save().",
      OptionValues::slug);
  public static final OptionSpec<String> PATH = OptionSpec.of("path",
      "a table name, e.g. pullrequests", null, "",
      "Set by Spark from load(path)/save(path): the table name (same as `table`).",
      OptionValues::slug);
  public static final OptionSpec<String> ENDPOINT = OptionSpec.of("endpoint",
      "an https URL (http only for a loopback host), e.g. https://api.bitbucket.org/2.0",
      DEFAULT_ENDPOINT, DEFAULT_ENDPOINT, "The Bitbucket Cloud API base URL.",
      OptionValues::httpUrl);
  public static final OptionSpec<Secret> TOKEN = OptionSpec.secret("token",
      "an access token",
      "Bearer token: a repository, project or workspace access token, or an OAuth access token.");
  public static final OptionSpec<String> EMAIL = OptionSpec.of("email",
      "the Atlassian account email", null, "",
      "With `apiToken`: the Atlassian account email, sent as Basic email:apiToken.",
      raw -> raw);
  public static final OptionSpec<Secret> API_TOKEN = OptionSpec.secret("apiToken",
      "an Atlassian API token",
      "With `email`: an Atlassian API token (app passwords were removed on 2026-07-28).");
  public static final OptionSpec<String> OAUTH_CLIENT_ID = OptionSpec.of("oauthClientId",
      "an OAuth consumer key", null, "",
      "OAuth 2.0 consumer key: client-credentials grant, refreshed before expiry.", raw -> raw);
  public static final OptionSpec<Secret> OAUTH_CLIENT_SECRET = OptionSpec.secret(
      "oauthClientSecret", "an OAuth consumer secret", "OAuth 2.0 consumer secret.");
  public static final OptionSpec<Secret> OAUTH_REFRESH_TOKEN = OptionSpec.secret(
      "oauthRefreshToken", "an OAuth refresh token",
      "With the OAuth consumer: use the refresh-token grant (refresh tokens rotate on use).");
  public static final OptionSpec<String> OAUTH_TOKEN_URL = OptionSpec.of("oauthTokenUrl",
      "an https URL (http only for a loopback host)", DEFAULT_OAUTH_TOKEN_URL,
      DEFAULT_OAUTH_TOKEN_URL, "The OAuth 2.0 token endpoint.", OptionValues::httpUrl);
  public static final OptionSpec<Integer> PAGE_SIZE = OptionSpec.of("pageSize",
      "an integer from 1 to 100", null, "the endpoint's cap (pull requests 50, most others 100)",
      "Requested `pagelen`, capped per endpoint.", OptionValues.intRange(1, 100));
  public static final OptionSpec<Integer> MAX_CONCURRENCY = OptionSpec.of("maxConcurrency",
      "an integer from 1 to 256", 8, "8", "Concurrent HTTP requests per executor JVM.",
      OptionValues.intRange(1, 256));
  public static final OptionSpec<Integer> MAX_RETRIES = OptionSpec.of("maxRetries",
      "an integer from 0 to 20", 6, "6",
      "Retries of idempotent requests on 5xx, 555 and I/O errors (429s are retried until "
          + "`maxRateLimitWait` instead).",
      OptionValues.intRange(0, 20));
  public static final OptionSpec<Duration> MAX_RATE_LIMIT_WAIT = OptionSpec.of(
      "maxRateLimitWait", "a duration with a unit from 1ms to 1h, e.g. 90s, 10m, 1h",
      Duration.ofHours(1), "1h",
      "How long one request waits out 429 (rate limit) answers, retrying with backoff, before "
          + "failing: a job facing 429s slows down rather than fails. Bitbucket's limits are "
          + "per hour.", OptionValues::duration);
  public static final OptionSpec<Integer> REQUESTS_PER_HOUR = OptionSpec.of("requestsPerHour",
      "an integer from 1 to 1000000", null, "unlimited",
      "Request budget of one job (one scan or one write): never more than this many requests in "
          + "any hour. The driver plans with it and gives each task an equal share of what "
          + "planning left; tasks wait for their share (see the metric "
          + "`bitbucketRateLimitWaitMs`).", OptionValues.intRange(1, 1_000_000));
  public static final OptionSpec<Duration> REQUEST_TIMEOUT = OptionSpec.of("requestTimeout",
      "a duration with a unit from 1ms to 1h, e.g. 500ms, 30s, 2m", Duration.ofSeconds(30), "30s",
      "Per-request timeout (connect, send, wait and read the whole response).",
      OptionValues::duration);
  public static final OptionSpec<Boolean> ALLOW_FULL_TABLE_WRITE = OptionSpec.of(
      "allowFullTableWrite", "true or false", false, "false",
      "Allows UPDATE and DELETE without a WHERE clause.", OptionValues::bool);
  public static final OptionSpec<Boolean> ALLOW_REPOSITORY_DELETE = OptionSpec.of(
      "allowRepositoryDelete", "true or false", false, "false",
      "Allows DELETE on the `repositories` table.", OptionValues::bool);
  public static final OptionSpec<Boolean> DRY_RUN = OptionSpec.of("dryRun", "true or false",
      false, "false", "Writes log and return what they would do, and change nothing.",
      OptionValues::bool);
  public static final OptionSpec<Boolean> PUSHDOWN = OptionSpec.of("pushdown", "true or false",
      true, "true",
      "Pushes filters, limits and aggregates to the API; false makes Spark do all of it.",
      OptionValues::bool);

  private static final List<OptionSpec<?>> SPECS = List.of(WORKSPACE, REPOSITORY, TABLE, PATH,
      ENDPOINT, TOKEN, EMAIL, API_TOKEN, OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_REFRESH_TOKEN,
      OAUTH_TOKEN_URL, PAGE_SIZE, MAX_CONCURRENCY, MAX_RETRIES, MAX_RATE_LIMIT_WAIT,
      REQUESTS_PER_HOUR, REQUEST_TIMEOUT,
      ALLOW_FULL_TABLE_WRITE, ALLOW_REPOSITORY_DELETE, DRY_RUN, PUSHDOWN);
  private static final Map<String, OptionSpec<?>> BY_KEY = byKey();

  // Parsed values, keyed by option name; absent options are not present. Values are immutable
  // and Serializable (String, Integer, Boolean, Duration, List.copyOf, Secret).
  private final LinkedHashMap<String, Object> values;
  private final AuthMethod authMethod;

  private BitbucketOptions(LinkedHashMap<String, Object> values, AuthMethod authMethod) {
    this.values = values;
    this.authMethod = authMethod;
  }

  /** Every option, in documentation order. */
  public static List<OptionSpec<?>> specs() {
    return SPECS;
  }

  /**
   * Parses options; later maps take precedence (e.g. catalog options, then per-query options).
   * Unknown keys, bad values and zero or several authentication methods are refused with an
   * {@link IllegalArgumentException} that names the option and says what to do.
   */
  @SafeVarargs
  public static BitbucketOptions parse(Map<String, String>... layers) {
    Map<OptionSpec<?>, String> raw = new LinkedHashMap<>();
    for (Map<String, String> layer : layers) {
      if (layer == null) {
        continue;
      }
      for (Map.Entry<String, String> e : layer.entrySet()) {
        if (e.getKey() == null || e.getValue() == null) {
          continue;
        }
        raw.put(spec(e.getKey()), e.getValue());
      }
    }
    LinkedHashMap<String, Object> values = new LinkedHashMap<>();
    for (OptionSpec<?> spec : SPECS) {
      if (raw.containsKey(spec)) {
        values.put(spec.name(), spec.parse(raw.get(spec)));
      }
    }
    checkTableAndPath(values);
    AuthMethod auth = authMethod(values);
    return new BitbucketOptions(values, auth);
  }

  /** The spec for a key, matched case-insensitively; unknown keys get a suggestion. */
  public static OptionSpec<?> spec(String key) {
    OptionSpec<?> spec = BY_KEY.get(key.trim().toLowerCase(Locale.ROOT));
    if (spec != null) {
      return spec;
    }
    List<String> names = SPECS.stream().map(OptionSpec::name).toList();
    String suggestion = OptionNames.closest(key.trim(), names)
        .map(n -> " Did you mean '" + n + "'?").orElse("");
    throw new IllegalArgumentException("Unknown option '" + key + "'." + suggestion
        + " Known options: " + String.join(", ", names) + ".");
  }

  private static void checkTableAndPath(Map<String, Object> values) {
    Object table = values.get(TABLE.name());
    Object path = values.get(PATH.name());
    if (table != null && path != null && !table.equals(path)) {
      throw new IllegalArgumentException("Options 'table' ('" + table + "') and the load() path ('"
          + path + "') name different tables: give the table only once.");
    }
  }

  private static AuthMethod authMethod(Map<String, Object> values) {
    boolean token = values.containsKey(TOKEN.name());
    boolean email = values.containsKey(EMAIL.name());
    boolean apiToken = values.containsKey(API_TOKEN.name());
    boolean clientId = values.containsKey(OAUTH_CLIENT_ID.name());
    boolean clientSecret = values.containsKey(OAUTH_CLIENT_SECRET.name());
    boolean refresh = values.containsKey(OAUTH_REFRESH_TOKEN.name());

    List<String> given = new ArrayList<>();
    if (token) {
      given.add("'token'");
    }
    if (email || apiToken) {
      given.add("'email' + 'apiToken'");
    }
    if (clientId || clientSecret || refresh) {
      given.add("'oauthClientId' + 'oauthClientSecret'" + (refresh ? " + 'oauthRefreshToken'" : ""));
    }
    if (given.size() > 1) {
      throw new IllegalArgumentException("Give exactly one way of authenticating, not "
          + String.join(" and ", given) + ": remove all but one of them.");
    }
    if (given.isEmpty()) {
      throw new IllegalArgumentException("No credentials: set 'token' (an access token), or "
          + "'email' and 'apiToken' (an Atlassian API token), or 'oauthClientId' and "
          + "'oauthClientSecret' (an OAuth consumer, optionally with 'oauthRefreshToken').");
    }
    if (email != apiToken) {
      throw new IllegalArgumentException(email
          ? "Option 'email' needs 'apiToken' too (an Atlassian API token for that account)."
          : "Option 'apiToken' needs 'email' too (the Atlassian account email of the token).");
    }
    if (clientId != clientSecret) {
      throw new IllegalArgumentException(clientId
          ? "Option 'oauthClientId' needs 'oauthClientSecret' too (the OAuth consumer secret)."
          : "Option 'oauthClientSecret' needs 'oauthClientId' too (the OAuth consumer key).");
    }
    if (refresh && !clientId) {
      throw new IllegalArgumentException("Option 'oauthRefreshToken' needs 'oauthClientId' and "
          + "'oauthClientSecret' too (the consumer that issued the refresh token).");
    }
    if (token) {
      return AuthMethod.BEARER_TOKEN;
    }
    if (email) {
      return AuthMethod.API_TOKEN;
    }
    return refresh ? AuthMethod.OAUTH_REFRESH_TOKEN : AuthMethod.OAUTH_CLIENT_CREDENTIALS;
  }

  private static Map<String, OptionSpec<?>> byKey() {
    Map<String, OptionSpec<?>> map = new LinkedHashMap<>();
    for (OptionSpec<?> spec : SPECS) {
      map.put(spec.name().toLowerCase(Locale.ROOT), spec);
    }
    return Collections.unmodifiableMap(map);
  }

  /** The value of an option, or its default. */
  @SuppressWarnings("unchecked")
  public <T> T get(OptionSpec<T> spec) {
    Object value = values.get(spec.name());
    return value != null ? (T) value : spec.defaultValue();
  }

  /** Whether the option was given (as opposed to defaulted). */
  public boolean isSet(OptionSpec<?> spec) {
    return values.containsKey(spec.name());
  }

  /** The workspace slug, or null when not given. */
  public String workspace() { return get(WORKSPACE); }

  /** The workspace slug; a clear error when it was not given. */
  public String requireWorkspace() {
    String ws = workspace();
    if (ws == null) {
      throw new IllegalArgumentException("Option 'workspace' is required for this table: set it "
          + "to a workspace slug, e.g. .option(\"workspace\", \"acme\").");
    }
    return ws;
  }

  /** Repository slugs that repository tables are limited to; empty means every repository. */
  public List<String> repositories() {
    List<String> repos = get(REPOSITORY);
    return repos == null ? List.of() : repos;
  }

  /** The table from option {@code table} or the load() path. */
  public Optional<String> table() {
    String table = get(TABLE);
    return Optional.ofNullable(table != null ? table : get(PATH));
  }

  /** The API base URL, without a trailing '/'. */
  public String endpoint() { return get(ENDPOINT); }

  public AuthMethod authMethod() { return authMethod; }

  public Optional<Secret> token() { return Optional.ofNullable(get(TOKEN)); }

  public Optional<String> email() { return Optional.ofNullable(get(EMAIL)); }

  public Optional<Secret> apiToken() { return Optional.ofNullable(get(API_TOKEN)); }

  public Optional<String> oauthClientId() { return Optional.ofNullable(get(OAUTH_CLIENT_ID)); }

  public Optional<Secret> oauthClientSecret() {
    return Optional.ofNullable(get(OAUTH_CLIENT_SECRET));
  }

  public Optional<Secret> oauthRefreshToken() {
    return Optional.ofNullable(get(OAUTH_REFRESH_TOKEN));
  }

  public String oauthTokenUrl() { return get(OAUTH_TOKEN_URL); }

  /** The requested page size, if given. */
  public OptionalInt pageSize() {
    Integer size = get(PAGE_SIZE);
    return size == null ? OptionalInt.empty() : OptionalInt.of(size);
  }

  /** The {@code pagelen} to send to an endpoint with this cap: the page size, at most the cap. */
  public int pageSize(int endpointCap) {
    Integer size = get(PAGE_SIZE);
    return size == null ? endpointCap : Math.min(size, endpointCap);
  }

  public int maxConcurrency() { return get(MAX_CONCURRENCY); }

  public int maxRetries() { return get(MAX_RETRIES); }

  /** How long one request waits out 429 answers before failing. */
  public Duration maxRateLimitWait() { return get(MAX_RATE_LIMIT_WAIT); }

  /** The job's request budget per hour, if given (absent: unlimited). */
  public OptionalInt requestsPerHour() {
    Integer n = get(REQUESTS_PER_HOUR);
    return n == null ? OptionalInt.empty() : OptionalInt.of(n);
  }

  public Duration requestTimeout() { return get(REQUEST_TIMEOUT); }

  public boolean allowFullTableWrite() { return get(ALLOW_FULL_TABLE_WRITE); }

  public boolean allowRepositoryDelete() { return get(ALLOW_REPOSITORY_DELETE); }

  public boolean dryRun() { return get(DRY_RUN); }

  public boolean pushdown() { return get(PUSHDOWN); }

  /**
   * Identifies the connection settings (endpoint, auth identity, limits) without containing any
   * secret: secrets appear only as SHA-256 fingerprints. Options with the same key share one HTTP
   * client per JVM.
   */
  public String connectionKey() {
    StringJoiner key = new StringJoiner("|");
    key.add(endpoint()).add(authMethod.name());
    switch (authMethod) {
      case BEARER_TOKEN -> key.add(get(TOKEN).fingerprint());
      case API_TOKEN -> key.add(get(EMAIL)).add(get(API_TOKEN).fingerprint());
      case OAUTH_CLIENT_CREDENTIALS, OAUTH_REFRESH_TOKEN -> {
        key.add(oauthTokenUrl()).add(get(OAUTH_CLIENT_ID))
            .add(get(OAUTH_CLIENT_SECRET).fingerprint());
        oauthRefreshToken().ifPresent(s -> key.add(s.fingerprint()));
      }
      default -> throw new IllegalStateException(authMethod.name());
    }
    // Not requestsPerHour: a budget belongs to a job, the client to every job in the JVM.
    key.add("c" + maxConcurrency()).add("r" + maxRetries())
        .add("w" + maxRateLimitWait().toMillis()).add("t" + requestTimeout().toMillis());
    return key.toString();
  }

  /** Every given option with its value; secrets as {@code ***}. */
  @Override
  public String toString() {
    StringJoiner s = new StringJoiner(", ", "BitbucketOptions{", "}");
    for (Map.Entry<String, Object> e : values.entrySet()) {
      s.add(e.getKey() + "=" + e.getValue()); // Secret.toString() is ***
    }
    return s.toString();
  }
}
