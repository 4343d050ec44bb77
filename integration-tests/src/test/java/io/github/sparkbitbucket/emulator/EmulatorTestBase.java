package io.github.sparkbitbucket.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;

/**
 * One emulator (small dataset, seed 42) shared by every emulator test class in the JVM, and a
 * plain java.net.http client. Tests that change faults reset them after each test; tests that
 * mutate data use objects they create themselves.
 */
abstract class EmulatorTestBase {
  static final ObjectMapper JSON = new ObjectMapper();
  static final BitbucketEmulator EMU = SharedEmulator.INSTANCE;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Started once, on first use; stopped when the JVM exits. */
  private static final class SharedEmulator {
    static final BitbucketEmulator INSTANCE = start();

    private static BitbucketEmulator start() {
      BitbucketEmulator emu = BitbucketEmulator.builder().port(0).seed(42L).dataset(Dataset.small()).start();
      Runtime.getRuntime().addShutdownHook(new Thread(emu::close));
      return emu;
    }
  }

  @AfterEach
  void resetFaults() {
    EMU.faults().reset();
    EMU.issueTrackerRemoved(false);
  }

  /** A response with its body parsed when it is JSON. */
  record Reply(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
      }
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  static String bearer() {
    return "Bearer " + EMU.credentials().token();
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code path} is relative to the base URL ("/repositories/acme") or an absolute URL. */
  static String url(String path) {
    return path.startsWith("http") ? path : EMU.baseUrl() + path;
  }

  static Reply get(String path) {
    return send("GET", path, null, bearer());
  }

  static Reply post(String path, String json) {
    return send("POST", path, json, bearer());
  }

  static Reply put(String path, String json) {
    return send("PUT", path, json, bearer());
  }

  static Reply delete(String path) {
    return send("DELETE", path, null, bearer());
  }

  static Reply send(String method, String path, String json, String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    return exchange(b.build());
  }

  static Reply exchange(HttpRequest request) {
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
