package io.github.sparkbitbucket.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;

/**
 * One request being built: query parameters, body, stats; then executed by one of the terminal
 * methods. GET, PUT and DELETE are retried on 429, 5xx, 555 and I/O errors; a POST only on 429
 * (Bitbucket answers 429 before doing anything, so nothing happened) and never after an error
 * that may hide a side effect. Every failure surfaces as a {@link BitbucketApiException}.
 *
 * <p>Bodies are buffered whole and checked to be complete JSON before a reader sees them, so a
 * truncated body is retried from the start and no value is ever handed to a reader twice.
 */
public final class ApiRequest {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final BitbucketClient client;
  private final String method;
  private final HttpUrl.Builder url;
  private byte[] body;
  private RequestStats stats;

  ApiRequest(BitbucketClient client, String method, HttpUrl url) {
    this.client = client;
    this.method = method;
    this.url = url.newBuilder();
  }

  /**
   * Adds a query parameter (encoded by the client). Null values are skipped; an
   * {@link Iterable} adds the parameter once per element (e.g. {@code state=OPEN&state=MERGED}).
   */
  public ApiRequest query(String name, Object value) {
    if (value instanceof Iterable<?> values) {
      for (Object v : values) {
        query(name, v);
      }
    } else if (value != null) {
      url.addQueryParameter(name, String.valueOf(value));
    }
    return this;
  }

  /** A JSON body for POST and PUT. */
  public ApiRequest body(JsonNode json) {
    try {
      this.body = client.mapper().writeValueAsBytes(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot serialize the request body: " + e.getMessage(),
          e);
    }
    return this;
  }

  /** Where this request's requests, retries, waits and bytes are counted. */
  public ApiRequest stats(RequestStats stats) {
    this.stats = stats;
    return this;
  }

  /** The URL as it will be sent (it never carries credentials). */
  public String url() {
    return url.build().toString();
  }

  /** Executes, streaming the body to {@code reader}. */
  public <T> T execute(ResponseReader<T> reader) {
    HttpUrl target = url.build();
    HttpResult result = run(target, this::checkJson);
    try (JsonParser parser = factory().createParser(result.body())) {
      return reader.read(parser, result.status());
    } catch (IOException e) {
      throw readerFailure(target, result, e);
    }
  }

  /** Executes and returns the body as a tree (small responses only: single objects, errors). */
  public JsonNode json() {
    HttpUrl target = url.build();
    HttpResult result = run(target, bytes -> {
      if (bytes.length > 0) {
        checkJson(bytes);
      }
    });
    if (result.body().length == 0) {
      return MissingNode.getInstance(); // 204 No Content
    }
    try {
      return client.mapper().readTree(result.body());
    } catch (IOException e) {
      throw readerFailure(target, result, e);
    }
  }

  /** Executes, expecting no body of interest (DELETE's 204). */
  public void send() {
    run(url.build(), null);
  }

  /**
   * Executes a paginated-list GET: each element of {@code values} goes to {@code values} as it is
   * parsed (memory bounded by one page); the envelope comes back.
   */
  public PageInfo page(ValueReader values) {
    HttpUrl target = url.build();
    HttpResult result = run(target, this::checkJson);
    try (JsonParser parser = factory().createParser(result.body())) {
      return EnvelopeReader.read(parser, values);
    } catch (IOException e) {
      throw readerFailure(target, result, e);
    }
  }

  private HttpResult run(HttpUrl target, Exchange.BodyCheck check) {
    RequestStats counted = stats != null ? stats : new RequestStats();
    return client.executor().run(new Exchange(method, target, body, body == null ? null : JSON,
        client.credentials(), counted, check, true));
  }

  /** One complete JSON value and nothing after it: a truncated body fails here. */
  private void checkJson(byte[] bytes) throws IOException {
    try (JsonParser parser = factory().createParser(bytes)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new IOException("empty body where JSON was expected");
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new IOException("content after the JSON value");
      }
    }
  }

  private BitbucketApiException readerFailure(HttpUrl target, HttpResult result,
      IOException e) {
    return client.executor().failures().forMalformed(method, target, result,
        "could not read it: " + e.getMessage(), 1);
  }

  private JsonFactory factory() {
    return client.mapper().getFactory();
  }

  @Override
  public String toString() {
    return method + " " + url();
  }
}
