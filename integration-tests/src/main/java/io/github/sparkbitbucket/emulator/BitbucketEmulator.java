package io.github.sparkbitbucket.emulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.mockserver.configuration.Configuration;

/**
 * A stateful, in-memory Bitbucket Cloud API 2.0 served by MockServer on 127.0.0.1.
 *
 * <pre>{@code
 * try (BitbucketEmulator emu = BitbucketEmulator.builder().port(0).seed(42L).dataset(Dataset.small()).start()) {
 *   String base = emu.baseUrl();                 // http://127.0.0.1:<port>/2.0
 *   String token = emu.credentials().token();    // Bearer token with every scope
 * }
 * }</pre>
 *
 * <p>See {@code integration-tests/EMULATOR.md} for endpoints, credentials and fault knobs.
 */
public final class BitbucketEmulator implements AutoCloseable {
  private final EmulatorServer server;
  private final String origin;
  private final EmulatorStore store;
  private final Credentials credentials;
  private final Faults faults;
  private final RequestLog requestLog;
  private final RequestDispatcher dispatcher;
  private final AtomicBoolean issueTrackerRemoved = new AtomicBoolean();

  private BitbucketEmulator(Builder b) {
    this.credentials = b.credentials;
    this.faults = new Faults().latency(b.latency);
    this.requestLog = new RequestLog();
    this.server = new EmulatorServer(configuration(b.handlerThreads), b.port);
    try {
      this.origin = "http://127.0.0.1:" + server.getLocalPort();
      this.store = new DataGenerator(b.seed, new ResourceFactory(origin + "/2.0")).generate(b.dataset);
      PagedList pager = new PagedList(origin);
      EndpointContext ctx = new EndpointContext(store, pager, issueTrackerRemoved);
      Router router = new Router();
      AccountEndpoints.register(router, ctx);
      ProjectEndpoints.register(router, ctx);
      RepositoryEndpoints.register(router, ctx);
      PullRequestEndpoints.register(router, ctx);
      CommitEndpoints.register(router, ctx);
      RefEndpoints.register(router, ctx);
      PipelineEndpoints.register(router, ctx);
      IssueEndpoints.register(router, ctx);
      this.dispatcher = new RequestDispatcher(router, new AccessControl(credentials, faults), faults, requestLog);
      server.serveWith(dispatcher);
    } catch (RuntimeException | Error e) {
      server.stop();
      throw e;
    }
  }

  private static Configuration configuration(int handlerThreads) {
    return Configuration.configuration()
        .localBoundIP("127.0.0.1")
        .logLevel("WARN")
        .disableSystemOut(true)
        .disableLogging(true)
        .detailedMatchFailures(false)
        .metricsEnabled(false)
        .maxLogEntries(100)
        .maxExpectations(10)
        .maxWebSocketExpectations(10)
        .nioEventLoopThreadCount(Math.max(2, Runtime.getRuntime().availableProcessors()))
        .actionHandlerThreadCount(handlerThreads)
        .launchUIForLogLevelDebug(false);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The API base URL, {@code http://127.0.0.1:<port>/2.0}. */
  public String baseUrl() {
    return origin + "/2.0";
  }

  /** The OAuth 2.0 token endpoint, {@code http://127.0.0.1:<port>/site/oauth2/access_token}. */
  public String oauthTokenUrl() {
    return origin + RequestDispatcher.TOKEN_PATH;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The credentials this emulator accepts. */
  public Credentials credentials() {
    return credentials;
  }

  /** Latency, error injection, rate limit and token lifetime; changeable while running. */
  public Faults faults() {
    return faults;
  }

  /** Every request served, and the in-flight peak. */
  public RequestLog requestLog() {
    return requestLog;
  }

  /** The ground truth, thread-safe. */
  public EmulatorStore store() {
    return store;
  }

  /** Calls {@code hook} after each request is served (before the next one on that connection). */
  public BitbucketEmulator onRequest(Consumer<LoggedRequest> hook) {
    dispatcher.addHook(hook);
    return this;
  }

  /** {@code true}: every {@code /issues} endpoint answers 410, as Bitbucket Cloud does since 2026-08-20. */
  public BitbucketEmulator issueTrackerRemoved(boolean removed) {
    issueTrackerRemoved.set(removed);
    return this;
  }

  @Override
  public void close() {
    server.stop();
  }

  /** Settings of an emulator to start. */
  public static final class Builder {
    private int port;
    private long seed = 42L;
    private Dataset dataset = Dataset.standard();
    private Duration latency = Duration.ZERO;
    private int handlerThreads = 64;
    private Credentials credentials = Credentials.defaults();

    /** The port to bind on 127.0.0.1; 0 (default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535 (0 = any free port), got " + port);
      }
      this.port = port;
      return this;
    }

    /** The generator's seed: the same seed gives the same data. Default 42. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The data to generate; default {@link Dataset#standard()}. */
    public Builder dataset(Dataset dataset) {
      this.dataset = java.util.Objects.requireNonNull(dataset, "dataset");
      return this;
    }

    /** Latency added to every request; default none. Also changeable later via {@link #faults()}. */
    public Builder latency(Duration latency) {
      this.latency = java.util.Objects.requireNonNull(latency, "latency");
      return this;
    }

    /** How many requests can be served (or sleep through their latency) at once; default 64. */
    public Builder handlerThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("handlerThreads must be >= 1, got " + threads);
      }
      this.handlerThreads = threads;
      return this;
    }

    /**
     * The credentials to accept instead of {@link Credentials#defaults()}: leak tests use canary
     * values as the real secrets, so a request authenticates and its secret travels everywhere.
     */
    public Builder credentials(Credentials credentials) {
      this.credentials = java.util.Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** Binds the port, generates the data and starts serving. */
    public BitbucketEmulator start() {
      return new BitbucketEmulator(this);
    }
  }
}
