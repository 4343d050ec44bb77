package io.github.sparkbitbucket.emulator;

import java.util.UUID;
import org.mockserver.closurecallback.websocketregistry.LocalCallbackRegistry;
import org.mockserver.configuration.Configuration;
import org.mockserver.mock.Expectation;
import org.mockserver.mock.action.ExpectationResponseCallback;
import org.mockserver.model.Delay;
import org.mockserver.model.HttpObjectCallback;
import org.mockserver.model.HttpRequest;
import org.mockserver.netty.MockServer;

/**
 * MockServer's Netty server with one expectation, registered in-process: every request goes to
 * one callback. Registering in-process (instead of through {@code MockServerClient}, which opens
 * a web socket back to the server) saves seconds at start.
 */
final class EmulatorServer extends MockServer {
  private final String clientId = "bitbucket-emulator-" + UUID.randomUUID();

  EmulatorServer(Configuration configuration, int port) {
    super(configuration, port);
  }

  void serveWith(ExpectationResponseCallback callback) {
    LocalCallbackRegistry.registerCallback(clientId, callback);
    // A zero delay makes MockServer run the callback on its action-handler pool instead of the
    // Netty event loop, so slow (latency) requests never hold up others.
    httpState.add(new Expectation(HttpRequest.request()).thenRespond(
        new HttpObjectCallback().withClientId(clientId).withResponseCallback(true).withDelay(Delay.milliseconds(0))));
  }

  @Override
  public void stop() {
    LocalCallbackRegistry.unregisterCallback(clientId);
    super.stop();
  }
}
