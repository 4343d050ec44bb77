package io.github.sparkbitbucket.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkbitbucket.config.BitbucketOptions;
import io.github.sparkbitbucket.emulator.BitbucketEmulator;
import io.github.sparkbitbucket.emulator.Dataset;
import io.github.sparkbitbucket.emulator.LoggedRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * One emulator (small dataset, seed 42) for every client integration test in the JVM, and
 * clients built on it with millisecond backoff. Faults, hooks and the request log are reset
 * around each test.
 */
abstract class ClientITBase {
  static final ObjectMapper JSON = new ObjectMapper();
  static final BitbucketEmulator EMU = SharedEmulator.INSTANCE;
  static final String WS = "acme";

  private static final AtomicReference<Consumer<LoggedRequest>> HOOK = new AtomicReference<>();
  private final List<BitbucketClient> clients = new ArrayList<>();

  /** Started once, on first use; stopped when the JVM exits. */
  private static final class SharedEmulator {
    static final BitbucketEmulator INSTANCE = start();

    private static BitbucketEmulator start() {
      BitbucketEmulator emu = BitbucketEmulator.builder().port(0).seed(42L)
          .dataset(Dataset.small()).start();
      emu.onRequest(entry -> {
        Consumer<LoggedRequest> hook = HOOK.get();
        if (hook != null) {
          hook.accept(entry);
        }
      });
      Runtime.getRuntime().addShutdownHook(new Thread(emu::close));
      return emu;
    }
  }

  @BeforeEach
  void cleanLog() {
    EMU.requestLog().clear();
    EMU.requestLog().resetPeak();
  }

  @AfterEach
  void resetEmulator() {
    HOOK.set(null);
    EMU.faults().reset();
    EMU.issueTrackerRemoved(false);
    clients.forEach(BitbucketClient::close);
  }

  /** Calls {@code hook} after each request the emulator serves during this test. */
  static void afterEachRequest(Consumer<LoggedRequest> hook) {
    HOOK.set(hook);
  }

  /** Options for the emulator with the full-scope token, plus {@code extra} (key, value...). */
  static Map<String, String> options(String... extra) {
    Map<String, String> options = new HashMap<>(Map.of("endpoint", EMU.baseUrl(),
        "token", EMU.credentials().token(), "workspace", WS, "requestTimeout", "10s"));
    for (int i = 0; i < extra.length; i += 2) {
      options.put(extra[i], extra[i + 1]);
    }
    return options;
  }

  /** A client of its own (closed after the test) with millisecond backoff. */
  BitbucketClient client(Map<String, String> options) {
    BitbucketClient client = BitbucketClient.create(BitbucketOptions.parse(options),
        Backoff.fast());
    clients.add(client);
    return client;
  }

  BitbucketClient client(String... extra) {
    return client(options(extra));
  }

  /** Requests the emulator logged for paths ending with {@code suffix}. */
  static List<LoggedRequest> logged(Predicate<LoggedRequest> which) {
    return EMU.requestLog().entries().stream().filter(which).toList();
  }

  static List<LoggedRequest> logged(String pathSuffix) {
    return logged(r -> r.path().endsWith(pathSuffix));
  }

  /** A ValueReader collecting each value as a tree. */
  static ValueReader collectInto(List<JsonNode> values) {
    return parser -> values.add(JSON.readTree(parser));
  }

  /** The repository of the small dataset with the most rows of {@code collection}. */
  static String largestRepository(String collection) {
    String best = null;
    int most = -1;
    for (String repo : EMU.store().repositories(WS)) {
      int n = EMU.store().list(WS, repo, collection).size();
      if (n > most) {
        best = repo;
        most = n;
      }
    }
    return best;
  }
}
