package io.github.sparkbitbucket.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BitbucketOptionsTest {
  /** A value that must never appear in any message or string. */
  private static final String CANARY = "CANARY-s3cr3t-7f1e";

  private static Map<String, String> token() {
    return Map.of("token", CANARY);
  }

  private static Map<String, String> with(Map<String, String> base, String... kv) {
    Map<String, String> m = new HashMap<>(base);
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static IllegalArgumentException refused(Map<String, String> options) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BitbucketOptions.parse(options));
    assertFalse(e.getMessage().contains(CANARY), "secret leaked: " + e.getMessage());
    return e;
  }

  @Test
  void defaultsApplyWhenOptionsAreAbsent() {
    BitbucketOptions o = BitbucketOptions.parse(token());
    assertEquals("https://api.bitbucket.org/2.0", o.endpoint());
    assertEquals("https://bitbucket.org/site/oauth2/access_token", o.oauthTokenUrl());
    assertEquals(8, o.maxConcurrency());
    assertEquals(6, o.maxRetries());
    assertEquals(Duration.ofSeconds(30), o.requestTimeout());
    assertEquals(OptionalInt.empty(), o.pageSize());
    assertEquals(50, o.pageSize(50));
    assertFalse(o.allowFullTableWrite());
    assertFalse(o.allowRepositoryDelete());
    assertFalse(o.dryRun());
    assertTrue(o.pushdown());
    assertEquals(List.of(), o.repositories());
    assertEquals(null, o.workspace());
    assertTrue(o.table().isEmpty());
    assertEquals(AuthMethod.BEARER_TOKEN, o.authMethod());
  }

  @Test
  void everyOptionIsParsedToItsTypedValue() {
    BitbucketOptions o = BitbucketOptions.parse(with(token(),
        "workspace", "acme", "repository", "api, web ,docs", "table", "pullrequests",
        "endpoint", "http://127.0.0.1:8080/2.0/", "oauthTokenUrl", "https://example.org/token",
        "pageSize", "25", "maxConcurrency", "3", "maxRetries", "0", "requestTimeout", "500ms",
        "allowFullTableWrite", "TRUE", "allowRepositoryDelete", "true", "dryRun", "true",
        "pushdown", "false"));
    assertEquals("acme", o.workspace());
    assertEquals(List.of("api", "web", "docs"), o.repositories());
    assertEquals("pullrequests", o.table().orElseThrow());
    assertEquals("http://127.0.0.1:8080/2.0", o.endpoint());
    assertEquals("https://example.org/token", o.oauthTokenUrl());
    assertEquals(OptionalInt.of(25), o.pageSize());
    assertEquals(25, o.pageSize(50));
    assertEquals(10, o.pageSize(10));
    assertEquals(3, o.maxConcurrency());
    assertEquals(0, o.maxRetries());
    assertEquals(Duration.ofMillis(500), o.requestTimeout());
    assertTrue(o.allowFullTableWrite());
    assertTrue(o.allowRepositoryDelete());
    assertTrue(o.dryRun());
    assertFalse(o.pushdown());
    assertEquals(CANARY, o.token().orElseThrow().reveal());
  }

  @ParameterizedTest
  @ValueSource(strings = {"500ms", "30s", "2m", "1h", "45 s"})
  void durationsTakeAUnit(String value) {
    Duration d = BitbucketOptions.parse(with(token(), "requestTimeout", value)).requestTimeout();
    assertTrue(d.compareTo(Duration.ZERO) > 0 && d.compareTo(Duration.ofHours(1)) <= 0);
  }

  @Test
  void pathFromLoadIsTheTable() {
    assertEquals("commits",
        BitbucketOptions.parse(with(token(), "path", "commits")).table().orElseThrow());
    assertEquals("commits", BitbucketOptions.parse(
        with(token(), "path", "commits", "table", "commits")).table().orElseThrow());
    IllegalArgumentException e = refused(with(token(), "path", "commits", "table", "tags"));
    assertTrue(e.getMessage().contains("'commits'") && e.getMessage().contains("'tags'"));
  }

  @Test
  void keysAreCaseInsensitiveAndLaterLayersWin() {
    Map<String, String> catalog = with(token(), "WORKSPACE", "acme", "maxconcurrency", "4");
    Map<String, String> query = Map.of("Workspace", "globex", "MaxRetries", "2");
    BitbucketOptions o = BitbucketOptions.parse(catalog, query);
    assertEquals("globex", o.workspace());
    assertEquals(4, o.maxConcurrency());
    assertEquals(2, o.maxRetries());
    assertEquals("acme", BitbucketOptions.parse(query, catalog).workspace());
  }

  @Test
  void unknownKeySuggestsTheClosestOption() {
    IllegalArgumentException e = refused(with(token(), "workspce", "acme"));
    assertTrue(e.getMessage().contains("Unknown option 'workspce'"), e.getMessage());
    assertTrue(e.getMessage().contains("Did you mean 'workspace'?"), e.getMessage());
    assertTrue(refused(with(token(), "maxconcurency", "2")).getMessage()
        .contains("Did you mean 'maxConcurrency'?"));
    assertTrue(refused(with(token(), "apitoken_", "x")).getMessage()
        .contains("Did you mean 'apiToken'?"));
    IllegalArgumentException far = refused(with(token(), "colour", "blue"));
    assertFalse(far.getMessage().contains("Did you mean"), far.getMessage());
    assertTrue(far.getMessage().contains("Known options: workspace, repository"));
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("pageSize", "0", "an integer from 1 to 100"),
        Arguments.of("pageSize", "101", "an integer from 1 to 100"),
        Arguments.of("pageSize", "ten", "an integer from 1 to 100"),
        Arguments.of("maxConcurrency", "0", "an integer from 1 to 256"),
        Arguments.of("maxConcurrency", "257", "an integer from 1 to 256"),
        Arguments.of("maxRetries", "-1", "an integer from 0 to 20"),
        Arguments.of("maxRetries", "21", "an integer from 0 to 20"),
        Arguments.of("requestTimeout", "30", "a duration with a unit"),
        Arguments.of("requestTimeout", "0s", "a duration with a unit"),
        Arguments.of("requestTimeout", "2h", "a duration with a unit"),
        Arguments.of("requestTimeout", "soon", "a duration with a unit"),
        Arguments.of("allowFullTableWrite", "yes", "true or false"),
        Arguments.of("allowRepositoryDelete", "1", "true or false"),
        Arguments.of("dryRun", "maybe", "true or false"),
        Arguments.of("pushdown", "off", "true or false"),
        Arguments.of("endpoint", "ftp://example.org/2.0", "an https URL"),
        Arguments.of("endpoint", "api.bitbucket.org/2.0", "an https URL"),
        Arguments.of("endpoint", "https://user:pw@api.bitbucket.org/2.0", "an https URL"),
        Arguments.of("endpoint", "https://api.bitbucket.org/2.0?x=1", "an https URL"),
        Arguments.of("oauthTokenUrl", "not a url", "an https URL"),
        Arguments.of("workspace", "ac me", "a workspace slug"),
        Arguments.of("workspace", "acme/api", "a workspace slug"),
        Arguments.of("repository", "api,,web", "comma-separated repository slugs"),
        Arguments.of("table", "pull requests", "a table name"),
        Arguments.of("workspace", "  ", "a workspace slug"));
  }

  @ParameterizedTest
  @MethodSource("badValues")
  void badValueNamesTheOptionTheValueAndTheExpectedForm(String option, String value,
      String form) {
    IllegalArgumentException e = refused(with(token(), option, value));
    assertTrue(e.getMessage().contains("'" + option + "'"), e.getMessage());
    if (!value.isBlank()) {
      assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
    }
    assertTrue(e.getMessage().contains("expected " + form), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://api.bitbucket.org/2.0", "http://10.0.0.1/2.0",
      "http://localhost.example.com/2.0", "http://128.0.0.1/2.0"})
  void plainHttpIsRefusedForNonLoopbackHosts(String url) {
    IllegalArgumentException e = refused(with(token(), "endpoint", url));
    assertTrue(e.getMessage().contains("plain http is refused"), e.getMessage());
    assertTrue(refused(with(token(), "oauthTokenUrl", url)).getMessage()
        .contains("'oauthTokenUrl'"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:1234/2.0", "http://127.255.0.9/2.0",
      "http://localhost:7990/2.0", "http://[::1]:7990/2.0", "HTTP://LOCALHOST/2.0",
      "https://api.example.org/2.0"})
  void plainHttpIsAcceptedForLoopbackHosts(String url) {
    assertDoesNotThrow(() -> BitbucketOptions.parse(with(token(), "endpoint", url)));
  }

  @Test
  void eachAuthenticationMethodIsRecognised() {
    assertEquals(AuthMethod.API_TOKEN, BitbucketOptions.parse(
        Map.of("email", "me@example.org", "apiToken", CANARY)).authMethod());
    assertEquals(AuthMethod.OAUTH_CLIENT_CREDENTIALS, BitbucketOptions.parse(
        Map.of("oauthClientId", "key", "oauthClientSecret", CANARY)).authMethod());
    assertEquals(AuthMethod.OAUTH_REFRESH_TOKEN, BitbucketOptions.parse(Map.of(
        "oauthClientId", "key", "oauthClientSecret", CANARY, "oauthRefreshToken", CANARY + "r"))
        .authMethod());
  }

  @Test
  void noCredentialsIsAnErrorNamingTheOptions() {
    IllegalArgumentException e = refused(Map.of("workspace", "acme"));
    for (String name : List.of("'token'", "'email'", "'apiToken'", "'oauthClientId'",
        "'oauthClientSecret'")) {
      assertTrue(e.getMessage().contains(name), e.getMessage());
    }
  }

  static Stream<Arguments> twoMethods() {
    return Stream.of(
        Arguments.of(Map.of("token", CANARY, "email", "a@b.c", "apiToken", CANARY),
            List.of("'token'", "'email' + 'apiToken'")),
        Arguments.of(Map.of("token", CANARY, "oauthClientId", "k", "oauthClientSecret", CANARY),
            List.of("'token'", "'oauthClientId'")),
        Arguments.of(Map.of("email", "a@b.c", "apiToken", CANARY, "oauthClientId", "k",
            "oauthClientSecret", CANARY), List.of("'email' + 'apiToken'", "'oauthClientId'")));
  }

  @ParameterizedTest
  @MethodSource("twoMethods")
  void twoMethodsAreAnErrorNamingBoth(Map<String, String> options, List<String> named) {
    IllegalArgumentException e = refused(options);
    assertTrue(e.getMessage().startsWith("Give exactly one way of authenticating"));
    named.forEach(n -> assertTrue(e.getMessage().contains(n), e.getMessage()));
  }

  static Stream<Arguments> incompleteMethods() {
    return Stream.of(
        Arguments.of(Map.of("email", "a@b.c"), "'email' needs 'apiToken'"),
        Arguments.of(Map.of("apiToken", CANARY), "'apiToken' needs 'email'"),
        Arguments.of(Map.of("oauthClientId", "k"), "'oauthClientId' needs 'oauthClientSecret'"),
        Arguments.of(Map.of("oauthClientSecret", CANARY),
            "'oauthClientSecret' needs 'oauthClientId'"),
        Arguments.of(Map.of("oauthRefreshToken", CANARY),
            "'oauthRefreshToken' needs 'oauthClientId' and 'oauthClientSecret'"));
  }

  @ParameterizedTest
  @MethodSource("incompleteMethods")
  void anIncompleteMethodSaysWhatIsMissing(Map<String, String> options, String expected) {
    assertTrue(refused(options).getMessage().contains(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"token", "apiToken", "oauthClientSecret", "oauthRefreshToken"})
  void secretsNeverAppearInToStringOrMessages(String secretOption) {
    Map<String, String> all = Map.of("token", CANARY, "email", "me@example.org",
        "apiToken", CANARY, "oauthClientId", "key", "oauthClientSecret", CANARY,
        "oauthRefreshToken", CANARY);
    // a valid set containing the secret option, shown through toString
    Map<String, String> valid = switch (secretOption) {
      case "token" -> Map.of("token", CANARY);
      case "apiToken" -> Map.of("email", "me@example.org", "apiToken", CANARY);
      default -> Map.of("oauthClientId", "key", "oauthClientSecret", CANARY,
          "oauthRefreshToken", CANARY);
    };
    BitbucketOptions o = BitbucketOptions.parse(with(valid, "workspace", "acme"));
    assertFalse(o.toString().contains(CANARY), o.toString());
    assertTrue(o.toString().contains(secretOption + "=***") || !valid.containsKey(secretOption),
        o.toString());
    assertTrue(o.toString().contains("workspace=acme"));
    assertFalse(o.connectionKey().contains(CANARY), o.connectionKey());
    // every failure that involves the secret option: a duplicate method, a blank value
    refused(all);
    refused(with(all, secretOption, "   "));
    refused(with(valid, "workspce", CANARY));
  }

  @Test
  void connectionKeyIdentifiesEndpointIdentityAndLimits() {
    BitbucketOptions a = BitbucketOptions.parse(token(), Map.of("workspace", "acme"));
    BitbucketOptions sameConnection = BitbucketOptions.parse(token(), Map.of("workspace", "x",
        "table", "tags", "pushdown", "false"));
    assertEquals(a.connectionKey(), sameConnection.connectionKey());
    assertNotEquals(a.connectionKey(),
        BitbucketOptions.parse(Map.of("token", CANARY + "2")).connectionKey());
    assertNotEquals(a.connectionKey(),
        BitbucketOptions.parse(with(token(), "maxConcurrency", "2")).connectionKey());
    assertNotEquals(a.connectionKey(), BitbucketOptions.parse(
        with(token(), "endpoint", "http://127.0.0.1:1/2.0")).connectionKey());
  }

  @Test
  void optionsSurviveJavaSerialization() throws Exception {
    BitbucketOptions o = BitbucketOptions.parse(with(token(), "workspace", "acme",
        "repository", "a,b", "requestTimeout", "2m"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    BitbucketOptions copy;
    try (ObjectInputStream in = new ObjectInputStream(
        new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (BitbucketOptions) in.readObject();
    }
    assertEquals(o.toString(), copy.toString());
    assertEquals(o.connectionKey(), copy.connectionKey());
    assertEquals(List.of("a", "b"), copy.repositories());
    assertEquals(Duration.ofMinutes(2), copy.requestTimeout());
  }

  @Test
  void everyOptionIsDocumented() {
    assertEquals(22, BitbucketOptions.specs().size());
    for (OptionSpec<?> spec : BitbucketOptions.specs()) {
      assertFalse(spec.description().isBlank(), spec.name());
      assertFalse(spec.form().isBlank(), spec.name());
      assertEquals(spec, BitbucketOptions.spec(spec.name().toUpperCase()));
    }
  }

  @Test
  void requireWorkspaceExplainsHowToSetIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BitbucketOptions.parse(token()).requireWorkspace());
    assertTrue(e.getMessage().contains("Option 'workspace' is required"));
    assertEquals("acme",
        BitbucketOptions.parse(with(token(), "workspace", "acme")).requireWorkspace());
  }

  @Test
  void requestBudgetIsUnlimitedUnlessGivenAndMustBeAPositiveInteger() {
    assertEquals(OptionalInt.empty(), BitbucketOptions.parse(token()).requestsPerHour());
    assertEquals(OptionalInt.of(900),
        BitbucketOptions.parse(with(token(), "REQUESTSPERHOUR", "900")).requestsPerHour());
    for (String bad : List.of("0", "-5", "ten", "1.5", "1000001")) {
      IllegalArgumentException e = refused(with(token(), "requestsPerHour", bad));
      assertTrue(e.getMessage().contains("'requestsPerHour'")
          && e.getMessage().contains("an integer from 1 to 1000000"), e.getMessage());
    }
    // a budget is per job: jobs with different budgets share one client
    assertEquals(BitbucketOptions.parse(token()).connectionKey(),
        BitbucketOptions.parse(with(token(), "requestsPerHour", "10")).connectionKey());
  }

  @Test
  void rateLimitWaitDefaultsToBitbucketsHourlyWindow() {
    assertEquals(Duration.ofHours(1), BitbucketOptions.parse(token()).maxRateLimitWait());
    BitbucketOptions o = BitbucketOptions.parse(with(token(), "maxRateLimitWait", "90s"));
    assertEquals(Duration.ofSeconds(90), o.maxRateLimitWait());
    assertNotEquals(BitbucketOptions.parse(token()).connectionKey(), o.connectionKey());
    assertTrue(refused(with(token(), "maxRateLimitWait", "soon")).getMessage()
        .contains("'maxRateLimitWait'"));
  }
}
