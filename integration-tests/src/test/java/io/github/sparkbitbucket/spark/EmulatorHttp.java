package io.github.sparkbitbucket.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP GETs to the shared emulator, for ground truth the store does not expose. */
final class EmulatorHttp {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private EmulatorHttp() {}

  static JsonNode get(String path) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
          URI.create(SparkEmulatorTestBase.EMU.baseUrl() + path))
          .header("Authorization", "Bearer " + SparkEmulatorTestBase.EMU.credentials().token())
          .build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
