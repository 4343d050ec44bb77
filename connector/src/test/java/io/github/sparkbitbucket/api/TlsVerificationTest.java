package io.github.sparkbitbucket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.sparkbitbucket.config.BitbucketOptions;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector verifies TLS certificates: an https server on loopback with a self-signed
 * certificate (made by {@code keytool} here) that would answer every request with valid JSON is
 * refused at the handshake, at once (no retries), with an error that names the host and says
 * what to do, for the API and for the OAuth token endpoint alike.
 */
class TlsVerificationTest {
  private static final String SECRET = "CANARY-tls-secret-41d9";
  @TempDir
  static Path dir;
  private static HttpsServer server;
  private static final AtomicInteger served = new AtomicInteger();

  @BeforeAll
  static void startSelfSignedServer() throws Exception {
    Path store = dir.resolve("self-signed.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "tls", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext",
        "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "keytool failed: " + out);

    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(store.toFile())) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", exchange -> {
      served.incrementAndGet(); // only reached if a client accepted the certificate
      byte[] body = ("{\"access_token\":\"a\",\"expires_in\":3600,\"token_type\":\"bearer\","
          + "\"uuid\":\"{u}\",\"username\":\"u\",\"display_name\":\"U\"}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static String base() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  private static BitbucketApiException refused(Map<String, String> options) {
    BitbucketClient client = BitbucketClient.create(BitbucketOptions.parse(options),
        Backoff.fast());
    return assertThrows(BitbucketApiException.class, () -> client.get("/user").json());
  }

  private static void assertClearTlsError(BitbucketApiException e) {
    String m = e.getMessage();
    assertTrue(m.contains("TLS certificate check failed for host '127.0.0.1'"), m);
    assertTrue(m.contains("trust store"), m);
    assertFalse(m.contains(SECRET), m);
    assertEquals(BitbucketApiException.Kind.IO, e.kind());
    assertEquals(0, served.get(), "a request reached the server: the certificate was accepted");
  }

  @Test
  void selfSignedApiCertificateIsRefusedAtOnceNamingTheHost() {
    BitbucketApiException e = refused(Map.of("endpoint", base() + "/2.0", "token", SECRET,
        "maxRetries", "3"));
    assertClearTlsError(e);
    assertTrue(e.getMessage().contains("GET " + base() + "/2.0/user"), e.getMessage());
    assertFalse(e.getMessage().contains("attempts"), "a certificate failure was retried: "
        + e.getMessage());
  }

  @Test
  void selfSignedOAuthTokenEndpointIsRefusedBeforeTheSecretIsSent() {
    // the secret goes in the token request's body: the handshake fails before any body is sent
    BitbucketApiException e = refused(Map.of("endpoint", base() + "/2.0",
        "oauthClientId", "id", "oauthClientSecret", SECRET,
        "oauthTokenUrl", base() + "/site/oauth2/access_token"));
    assertClearTlsError(e);
  }

  @Test
  void theEndpointOptionsStillRefusePlainHttpToOtherHosts() {
    for (String option : List.of("endpoint", "oauthTokenUrl")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> BitbucketOptions.parse(Map.of("token", SECRET, option,
              "http://api.example.org/2.0")));
      assertTrue(e.getMessage().contains("'" + option + "'"), e.getMessage());
    }
  }
}
