package io.github.sparkbitbucket.spark.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed answers from the API, read through Spark: a loopback proxy in front of the emulator
 * passes every request through except the pull-request list of one repository, which gets the
 * answer under test. Each gives the documented null (a missing nullable field) or a clear error
 * naming the endpoint and the problem; never a silently wrong value or a silently empty table.
 */
class MalformedResponsesIT extends SecurityTestBase {
  private static final String REPO = EMU.store().repositories(WS).get(1);
  private static final String PATH = "/2.0/repositories/" + WS + "/" + REPO + "/pullrequests";
  private static final String PR = "{\"type\":\"pullrequest\",\"id\":%s,\"title\":\"t\","
      + "%s\"state\":%s,\"author\":{\"uuid\":\"{u}\",\"display_name\":\"A\"},"
      + "\"source\":{\"branch\":{\"name\":\"f\"},\"commit\":{\"hash\":\"abc\"}},"
      + "\"destination\":{\"branch\":{\"name\":\"main\"},\"commit\":{\"hash\":\"def\"}},"
      + "\"comment_count\":%s,\"task_count\":0,\"close_source_branch\":false,\"draft\":false,"
      + "\"created_on\":\"2024-01-01T00:00:00.000000+00:00\","
      + "\"updated_on\":\"2024-01-02T00:00:00.000000+00:00\"}";

  /** What the proxy answers for {@link #PATH}: status, content type, body, truncated or not. */
  private record Answer(int status, String type, String body, boolean truncated) {}

  private static volatile Answer answer;
  private static HttpServer proxy;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void startProxy() throws IOException {
    proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    proxy.createContext("/", MalformedResponsesIT::serve);
    proxy.start();
  }

  @AfterAll
  static void stopProxy() {
    proxy.stop(0);
  }

  private static String origin() {
    return "http://127.0.0.1:" + proxy.getAddress().getPort();
  }

  private static void serve(HttpExchange ex) throws IOException {
    try (ex) {
      String emuOrigin = EMU.baseUrl().replace("/2.0", "");
      Answer a = answer;
      if (!ex.getRequestURI().getPath().equals(PATH)) {
        String query = ex.getRequestURI().getRawQuery();
        HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(emuOrigin
            + ex.getRequestURI().getRawPath() + (query == null ? "" : "?" + query)));
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
          forward.header("Authorization", auth);
        }
        HttpResponse<String> r;
        try {
          r = HTTP.send(forward.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
        a = new Answer(r.statusCode(), "application/json", r.body().replace(emuOrigin, origin()),
            false);
      }
      byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", a.type());
      ex.sendResponseHeaders(a.status(), a.truncated() ? body.length * 2L : body.length);
      OutputStream out = ex.getResponseBody();
      out.write(body);
      out.flush();
      // truncated: closing short of the promised length drops the connection mid-body
    }
  }

  private static List<Row> read(Answer a) {
    answer = a;
    return SPARK.read().format("bitbucket").option("endpoint", origin() + "/2.0")
        .option("workspace", WS).option("repository", REPO).option("maxRetries", "0")
        .options(Canaries.authMethods(EMU).get("token")).load("pullrequests")
        .select("id", "description", "state", "comment_count").collectAsList();
  }

  private static String failure(Answer a, String... expected) {
    String text = fullText(assertThrows(Exception.class, () -> read(a)));
    // messages name the URL, absolute or relative to the endpoint
    assertTrue(text.contains(PATH.substring("/2.0".length())),
        "the error does not name the endpoint: " + text);
    for (String e : expected) {
      assertTrue(text.contains(e), "missing '" + e + "' in: " + text);
    }
    return text;
  }

  private static String page(String values) {
    return "{\"pagelen\":50,\"size\":1,\"page\":1,\"values\":[" + values + "]}";
  }

  private static Answer json(String body) {
    return new Answer(200, "application/json", body, false);
  }

  @Test
  void aWellFormedPageIsReadAsIs() {
    List<Row> rows = read(json(page(PR.formatted("7", "\"description\":\"d\",", "\"OPEN\"",
        "2"))));
    assertEquals(1, rows.size());
    assertEquals("[7,d,OPEN,2]", rows.get(0).toString());
  }

  @Test
  void malformedJsonIsAnErrorNamingTheEndpoint() {
    failure(json("{\"values\":[{\"id\":1,,}]}"), "Malformed response from GET");
  }

  @Test
  void anHtmlPageWith200IsAnErrorNamingTheEndpoint() {
    failure(new Answer(200, "text/html", "<!DOCTYPE html><html><body>Bitbucket is down"
        + "</body></html>", false), "Malformed response from GET", "text/html",
        "<!DOCTYPE html>");
  }

  @Test
  void anHtmlPageWith500IsAServerErrorNamingTheEndpointAndStatus() {
    failure(new Answer(500, "text/html", "<html><body>Internal error</body></html>", false),
        "500");
  }

  @Test
  void anEnvelopeWithoutValuesIsAnErrorNotAnEmptyTable() {
    failure(json("{\"pagelen\":50,\"size\":1,\"page\":1}"), "Malformed response from GET",
        "no 'values' list");
  }

  @Test
  void aStringWhereANumberBelongsIsAnErrorNamingTheColumn() {
    failure(json(page(PR.formatted("\"seven\"", "", "\"OPEN\"", "0"))), "'id'",
        "not an integer");
    failure(json(page(PR.formatted("7", "", "\"OPEN\"", "\"3\""))), "column comment_count");
  }

  @Test
  void aMissingNullableFieldIsNullAndAMissingKeyIsAnError() {
    List<Row> rows = read(json(page(PR.formatted("7", "", "\"OPEN\"", "2"))));
    assertEquals(1, rows.size());
    assertEquals(7, rows.get(0).getInt(0));
    assertNull(rows.get(0).get(1), "a missing description is NULL");
    String noId = PR.formatted("7", "", "\"OPEN\"", "2").replace("\"id\":7,", "");
    failure(json(page(noId)), "'id'", "missing");
  }

  @Test
  void anUnknownEnumValueIsPassedThroughVerbatim() {
    // state is a STRING column: a state Bitbucket adds later is shown as sent, never mapped
    List<Row> rows = read(json(page(PR.formatted("7", "", "\"QUEUED_FOR_REVIEW\"", "0"))));
    assertEquals("QUEUED_FOR_REVIEW", rows.get(0).getString(2));
  }

  @Test
  void aTruncatedBodyIsAnErrorNotAShortPage() {
    failure(new Answer(200, "application/json",
        page(PR.formatted("7", "", "\"OPEN\"", "2") + "," + PR.formatted("8", "", "\"OPEN\"",
            "2")), true));
  }
}
