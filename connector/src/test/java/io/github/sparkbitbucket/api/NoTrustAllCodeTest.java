package io.github.sparkbitbucket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No main code anywhere in the project weakens TLS: no class of its own implements a trust
 * manager or host-name verifier, no OkHttp client gets a custom socket factory or verifier, and
 * nothing switches off JDK checks. A source scan of every module's {@code src/main}.
 */
class NoTrustAllCodeTest {
  private static final List<Pattern> FORBIDDEN = Stream.of(
      "X509TrustManager", "X509ExtendedTrustManager", "TrustManager\\s*\\[\\]", "HostnameVerifier",
      "\\.hostnameVerifier\\s*\\(", "\\.sslSocketFactory\\s*\\(", "SSLContext\\s*\\.\\s*init\\s*\\(",
      "setDefaultSSLSocketFactory", "setDefaultHostnameVerifier", "InsecureTrustManagerFactory",
      "TrustAllCerts|trustAll|TRUST_ALL", "ALLOW_ALL_HOSTNAME_VERIFIER", "NoopHostnameVerifier",
      "jdk\\.internal\\.httpclient\\.disableHostnameVerification",
      "com\\.sun\\.net\\.ssl\\.checkRevocation").map(Pattern::compile).toList();

  static List<Path> mainSources() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (root != null && !Files.exists(root.resolve("connector").resolve("pom.xml"))) {
      root = root.getParent();
    }
    assertTrue(root != null, "project root not found from " + Path.of("").toAbsolutePath());
    List<Path> files = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main"))).toList()) {
        try (Stream<Path> walk = Files.walk(module.resolve("src/main"))) {
          walk.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".scala")
              || f.toString().endsWith(".properties")).forEach(files::add);
        }
      }
    }
    return files;
  }

  @Test
  void noMainCodeTrustsEverythingOrSkipsHostNames() throws IOException {
    List<Path> files = mainSources();
    // the scan must see the client and the emulator, or it proves nothing
    assertTrue(files.stream().anyMatch(f -> f.endsWith("RequestExecutor.java")), files.toString());
    assertTrue(files.stream().anyMatch(f -> f.endsWith("BitbucketEmulator.java")),
        files.toString());
    List<String> hits = new ArrayList<>();
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        for (Pattern p : FORBIDDEN) {
          if (p.matcher(lines.get(i)).find()) {
            hits.add(f.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
          }
        }
      }
    }
    assertEquals(List.of(), hits, "TLS-weakening code in main sources");
  }

  @Test
  void theScanFindsWhatItLooksFor() {
    String trustAll = "new OkHttpClient.Builder().sslSocketFactory(f, new X509TrustManager() {";
    assertTrue(FORBIDDEN.stream().filter(p -> p.matcher(trustAll).find()).count() >= 2);
    assertTrue(FORBIDDEN.stream().anyMatch(p -> p.matcher(".hostnameVerifier((h, s) -> true)")
        .find()));
  }
}
