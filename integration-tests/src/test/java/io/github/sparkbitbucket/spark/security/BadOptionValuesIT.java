package io.github.sparkbitbucket.spark.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.BitbucketCatalog;
import io.github.sparkbitbucket.config.BitbucketOptions;
import io.github.sparkbitbucket.config.OptionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.DataFrameReader;
import org.junit.jupiter.api.Test;

/**
 * Every option of the registry, with bad values generated from its documented form (not a
 * number, negative, zero, out of range, unknown boolean, malformed URL, plain http to another
 * host, bad slug, empty), plus unknown keys and conflicting or incomplete credentials: each is
 * refused through the data source and through the catalog, with a message naming the option,
 * before any request reaches the emulator.
 */
class BadOptionValuesIT extends SecurityTestBase {
  private static final Pattern RANGE = Pattern.compile("an integer from (\\d+) to (\\d+)");

  /** Bad values for one option, from its form; every option also gets an empty value. */
  static List<String> badValues(OptionSpec<?> spec) {
    List<String> bad = new ArrayList<>(List.of(" "));
    String form = spec.form();
    Matcher range = RANGE.matcher(form);
    if (range.find()) {
      int min = Integer.parseInt(range.group(1));
      int max = Integer.parseInt(range.group(2));
      bad.addAll(List.of("abc", "1.5", "-1", String.valueOf(max + 1), "99999999999"));
      if (min > 0) {
        bad.add("0");
      }
    } else if (form.startsWith("a duration")) {
      bad.addAll(List.of("abc", "30", "-5s", "0ms", "2h", "10 years"));
    } else if (form.equals("true or false")) {
      bad.addAll(List.of("yes", "1", "truee"));
    } else if (form.contains("URL")) {
      bad.addAll(List.of("not a url", "ftp://example.org/2.0", "http://api.example.org/2.0",
          "https://", "https://user:pw@api.bitbucket.org/2.0", "https://x.org/2.0?a=b"));
    } else if (form.startsWith("comma-separated")) {
      bad.addAll(List.of("a b", "api,,web", "api/web", ","));
    } else if (form.contains("slug") || form.contains("table name")) {
      bad.addAll(List.of("a b", "acme/evil", "x?y", "#", ".."));
    }
    return bad;
  }

  private static Map<String, String> base() {
    Map<String, String> m = new LinkedHashMap<>(Canaries.authMethods(EMU).get("token"));
    m.put("endpoint", EMU.baseUrl());
    m.put("workspace", WS);
    return m;
  }

  /** Catalog names already used in this JVM: Spark keeps every catalog it has loaded. */
  private static final java.util.concurrent.atomic.AtomicInteger CATALOGS =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Reads with {@code options} through the provider and a new catalog; both must be refused. */
  private void refused(Map<String, String> options, String table, String named,
      List<String> failures) {
    refused(options, table, named, failures, true);
  }

  private void refused(Map<String, String> options, String table, String named,
      List<String> failures, boolean viaCatalog) {
    EMU.requestLog().clear();
    DataFrameReader r = SPARK.read().format("bitbucket").options(options);
    String provider = outcome(() -> (table == null ? r.load() : r.load(table)).collectAsList());
    check("provider " + options, provider, named, failures);
    if (viaCatalog && table != null && !options.containsKey("table")
        && !options.containsKey("path")) {
      String name = "bad_" + CATALOGS.getAndIncrement();
      SPARK.conf().set("spark.sql.catalog." + name, BitbucketCatalog.class.getName());
      options.forEach((k, v) -> SPARK.conf().set("spark.sql.catalog." + name + "." + k, v));
      String catalog = outcome(() -> SPARK.sql("SELECT * FROM " + name + ".acme." + table)
          .collectAsList());
      check("catalog " + options, catalog, named, failures);
    }
    if (EMU.requestLog().size() != 0) {
      failures.add(options + ": requests were sent: " + EMU.requestLog().entries());
    }
  }

  private static String outcome(Runnable read) {
    try {
      read.run();
      return null;
    } catch (Exception e) {
      return fullText(e);
    }
  }

  private static void check(String what, String error, String named, List<String> failures) {
    if (error == null) {
      failures.add(what + ": accepted");
    } else if (!error.contains(named)) {
      failures.add(what + ": the error does not name " + named + ": "
          + error.lines().findFirst().orElse(""));
    } else if (!Canaries.leaksIn(error).isEmpty()) {
      failures.add(what + ": the error shows a secret");
    }
  }

  @Test
  void everyBadValueOfEveryOptionIsRefusedBeforeAnyRequest() {
    List<String> failures = new ArrayList<>();
    int cases = 0;
    for (OptionSpec<?> spec : BitbucketOptions.specs()) {
      List<String> values = badValues(spec);
      for (int i = 0; i < values.size(); i++) {
        String bad = values.get(i);
        Map<String, String> options = base();
        options.put(spec.name(), bad);
        // table and path name the table: their errors show how to give it, option("table", ..)
        boolean names = spec.name().equals("table") || spec.name().equals("path");
        refused(options, names ? null : "pullrequests",
            names ? "option(\"table\"" : "'" + spec.name() + "'", failures,
            i < 3 || spec.form().contains("URL")); // the catalog parses the same way: a sample
        cases++;
      }
    }
    assertEquals(List.of(), failures);
    assertTrue(cases >= 60, "too few cases: " + cases);
  }

  @Test
  void unknownKeysAndConflictingOrIncompleteCredentialsAreRefusedBeforeAnyRequest() {
    List<String> failures = new ArrayList<>();
    Map<String, String> typo = base();
    typo.put("pagesize ", "10");
    typo.put("maxRetrie", "1");
    refused(typo, "pullrequests", "'maxRetries'", failures);

    Map<String, String> two = base();
    two.put("email", Canaries.EMAIL);
    two.put("apiToken", Canaries.API_TOKEN);
    refused(two, "pullrequests", "'token'", failures);

    Map<String, String> three = base();
    three.putAll(Canaries.authMethods(EMU).get("oauthRefreshToken"));
    refused(three, "pullrequests", "'oauthClientId'", failures);

    Map<String, String> half = base();
    half.remove("token");
    half.put("apiToken", Canaries.API_TOKEN);
    refused(half, "pullrequests", "'email'", failures);

    Map<String, String> orphan = base();
    orphan.remove("token");
    orphan.put("oauthRefreshToken", Canaries.REFRESH_TOKEN);
    refused(orphan, "pullrequests", "'oauthClientId'", failures);

    Map<String, String> none = base();
    none.remove("token");
    refused(none, "pullrequests", "'token'", failures);
    assertEquals(List.of(), failures);
  }
}
