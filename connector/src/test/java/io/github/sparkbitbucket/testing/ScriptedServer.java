package io.github.sparkbitbucket.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A loopback HTTP server (the JDK's) answering from per-path scripts, recording every request:
 * the unit-test stand-in for Bitbucket, able to send what a real network does (resets, bodies cut
 * short) at exactly the attempt a test wants.
 */
public final class ScriptedServer implements AutoCloseable {

  /** One recorded request. */
  public record Seen(String method, String path, String rawPath, String query, String authorization,
      String body) {}

  /** One answer; {@code truncate} sends half the body with the full length, {@code reset} none. */
  public record Answer(int status, Map<String, String> headers, String body, boolean truncate,
      boolean reset) {
    public static Answer json(int status, String body) {
      return new Answer(status, Map.of("Content-Type", "application/json"), body, false, false);
    }

    public static Answer text(int status, String body) {
      return new Answer(status, Map.of("Content-Type", "text/plain"), body, false, false);
    }

    public static Answer truncated(String body) {
      return new Answer(200, Map.of("Content-Type", "application/json"), body, true, false);
    }

    public static Answer connectionReset() {
      return new Answer(0, Map.of(), "", false, true);
    }

    public Answer withHeader(String name, String value) {
      Map<String, String> h = new java.util.HashMap<>(headers);
      h.put(name, value);
      return new Answer(status, h, body, truncate, reset);
    }
  }

  private final HttpServer server;
  private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Function<Seen, Answer>> handlers = new ConcurrentHashMap<>();
  private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
  public final AtomicInteger inFlight = new AtomicInteger();

  public ScriptedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers for {@code path}, in order; the last one repeats. */
  public ScriptedServer script(String path, Answer... answers) {
    scripts.put(path, new ConcurrentLinkedDeque<>(List.of(answers)));
    return this;
  }

  /** A computed answer for {@code path}. */
  public ScriptedServer handler(String path, Function<Seen, Answer> handler) {
    handlers.put(path, handler);
    return this;
  }

  public List<Seen> seen() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  public long count(String path) {
    return seen().stream().filter(s -> s.path().equals(path)).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    inFlight.incrementAndGet();
    try {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Seen request = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          exchange.getRequestURI().getRawPath(),
          exchange.getRequestURI().getRawQuery(),
          exchange.getRequestHeaders().getFirst("Authorization"), body);
      seen.add(request);
      Answer answer = answer(request);
      if (answer.reset()) {
        exchange.close(); // no status line at all: the client sees the connection end
        return;
      }
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      OutputStream out = exchange.getResponseBody();
      if (answer.truncate()) {
        out.write(bytes, 0, bytes.length / 2);
        out.flush();
        // An exception out of the handler makes the JDK server drop the connection: the client
        // sees the body end before the announced Content-Length.
        throw new IOException("body cut short on purpose");
      }
      out.write(bytes);
      out.close();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private Answer answer(Seen request) {
    Function<Seen, Answer> handler = handlers.get(request.path());
    if (handler != null) {
      return handler.apply(request);
    }
    Deque<Answer> script = scripts.get(request.path());
    if (script == null) {
      return Answer.json(404, "{\"type\":\"error\",\"error\":{\"message\":\"no script\"}}");
    }
    return script.size() > 1 ? script.poll() : script.peek();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
