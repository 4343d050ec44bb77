package io.github.sparkbitbucket.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.function.Predicate;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okio.Buffer;

/**
 * One request being built: query parameters, body, stats; then executed by one of the terminal
 * methods. GET, PUT and DELETE are retried on 429, 5xx, 555 and I/O errors; a POST only on 429
 * (Bitbucket answers 429 before doing anything, so nothing happened) and never after an error
 * that may hide a side effect, unless it is marked {@link #idempotent()} (a POST that only
 * reads). Every failure surfaces as a {@link BitbucketApiException}.
 *
 * <p>Bodies are buffered whole and checked to be complete JSON before a reader sees them, so a
 * truncated body is retried from the start and no value is ever handed to a reader twice.
 */
public final class ApiRequest {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");

  private final BitbucketClient client;
  private final String method;
  private final HttpUrl.Builder url;
  private byte[] body;
  private FormBody.Builder form;
  private boolean idempotent;
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

  /**
   * Adds a form field: the body becomes {@code application/x-www-form-urlencoded} (e.g. the
   * commits list's {@code include}/{@code exclude}, which may be too long for a URL). An
   * {@link Iterable} adds the field once per element; null is skipped.
   */
  public ApiRequest form(String name, Object value) {
    if (value instanceof Iterable<?> values) {
      for (Object v : values) {
        form(name, v);
      }
    } else if (value != null) {
      if (form == null) {
        form = new FormBody.Builder();
      }
      form.add(name, String.valueOf(value));
    }
    return this;
  }

  /**
   * Marks a POST that only reads (e.g. {@code POST .../commits} with a form), so that it is
   * retried like a GET. Without it a POST is retried only after a 429.
   */
  public ApiRequest idempotent() {
    this.idempotent = true;
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
      return EnvelopeReader.read(parser, values, target.queryParameter("fields"));
    } catch (IOException e) {
      throw readerFailure(target, result, e);
    }
  }

  /**
   * Reads this page and the following ones (by their {@code next} links, which carry every
   * query parameter) while {@code more} says so after each page; one page in memory at a time.
   * Works for page-numbered and cursor lists alike.
   *
   * @param more called with each page's envelope; false stops (e.g. a LIMIT is reached)
   * @return the number of values read
   */
  public long pages(ValueReader values, Predicate<PageInfo> more) {
    long read = 0;
    PageInfo page = page(values);
    read += page.values();
    String current = url();
    while (page.hasNext() && more.test(page)) {
      if (page.next().equals(current)) {
        throw new BitbucketApiException(BitbucketApiException.Kind.MALFORMED_RESPONSE, 200,
            method, current, "The page at " + current + " links to itself as 'next': stopping "
                + "instead of looping forever.", null);
      }
      current = page.next();
      page = client.get(current).stats(stats).page(values);
      read += page.values();
    }
    return read;
  }

  /** Reads this page and every following one; see {@link #pages}. */
  public long allPages(ValueReader values) {
    return pages(values, page -> true);
  }

  private HttpResult run(HttpUrl target, Exchange.BodyCheck check) {
    RequestStats counted = stats != null ? stats : new RequestStats();
    byte[] payload = body;
    MediaType type = body == null ? null : JSON;
    if (form != null) {
      payload = formBytes(form.build());
      type = FORM;
    }
    return client.executor().run(new Exchange(method, target, payload, type,
        client.credentials(), counted, check, true, idempotent || !method.equals("POST")));
  }

  /** The encoded bytes of a form, buffered so that a retry can send them again. */
  static byte[] formBytes(FormBody form) {
    try (Buffer buffer = new Buffer()) {
      form.writeTo(buffer);
      return buffer.readByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
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
