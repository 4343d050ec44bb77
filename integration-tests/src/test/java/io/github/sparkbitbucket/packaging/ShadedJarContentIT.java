package io.github.sparkbitbucket.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What is inside the shaded jar: the connector, its own HTTP stack relocated under
 * io.github.sparkbitbucket.shaded, nothing Spark already ships, and no descriptor that would
 * still name an unrelocated package.
 */
class ShadedJarContentIT {
  private static final String OWN = "io/github/sparkbitbucket/";
  private static final String SHADED = OWN + "shaded/";
  private static List<String> entries;

  @BeforeAll
  static void readEntries() throws IOException {
    try (JarFile jar = new JarFile(ShadedJar.jar().toFile())) {
      entries = Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();
    }
  }

  @Test
  void everyClassIsTheConnectorsOrRelocated() {
    List<String> foreign = entries.stream().filter(e -> e.endsWith(".class"))
        .filter(e -> !e.startsWith(OWN)).toList();
    assertEquals(List.of(), foreign, "classes outside io/github/sparkbitbucket/");
  }

  @Test
  void bundlesTheRelocatedHttpStack() {
    for (String pkg : List.of("okhttp3/OkHttpClient.class", "okio/Buffer.class",
        "kotlin/Unit.class", "dev/failsafe/Failsafe.class")) {
      assertTrue(entries.contains(SHADED + pkg), "missing " + SHADED + pkg);
    }
    // OkHttp loads its public suffix list relative to its (relocated) class
    assertTrue(entries.stream().anyMatch(e -> e.startsWith(SHADED + "okhttp3/internal/publicsuffix/")
        && !e.endsWith(".class") && !e.endsWith("/")), "public suffix database not relocated");
  }

  @Test
  void connectorClassesReferToTheRelocatedPackagesOnly() throws IOException {
    // Relocation rewrites the constant pools; an unrelocated reference would load the user's
    // OkHttp (or fail with NoClassDefFoundError) on a cluster.
    Pattern unrelocated = Pattern.compile("(?<!shaded/)(okhttp3|okio|kotlin|dev/failsafe)/");
    List<String> offenders = new java.util.ArrayList<>();
    try (JarFile jar = new JarFile(ShadedJar.jar().toFile())) {
      for (String e : entries) {
        if (e.startsWith(OWN) && !e.startsWith(SHADED) && e.endsWith(".class")) {
          try (InputStream in = jar.getInputStream(jar.getEntry(e))) {
            Matcher m = unrelocated.matcher(new String(in.readAllBytes(),
                StandardCharsets.ISO_8859_1));
            if (m.find()) {
              offenders.add(e + " -> " + m.group());
            }
          }
        }
      }
    }
    assertTrue(entries.stream().filter(e -> e.startsWith(OWN + "api/")).count() > 5,
        "connector classes missing");
    assertEquals(List.of(), offenders);
  }

  @Test
  void bundlesNothingSparkProvides() {
    for (String prefix : List.of("org/apache/spark/", "scala/", "com/fasterxml/", "org/slf4j/",
        "org/apache/logging/", "io/netty/", SHADED + "org/apache/spark/", SHADED + "scala/",
        SHADED + "com/fasterxml/", SHADED + "org/slf4j/")) {
      assertTrue(entries.stream().noneMatch(e -> e.startsWith(prefix)), "bundles " + prefix);
    }
  }

  @Test
  void noModuleDescriptorsOrForeignMetadata() {
    assertTrue(entries.stream().noneMatch(e -> e.endsWith("module-info.class")), "module-info");
    assertTrue(entries.stream().noneMatch(e -> e.startsWith("META-INF/native-image/")
        || e.contains("OSGI-INF") || e.endsWith(".kotlin_module")), "unrelocated descriptors");
    assertTrue(entries.stream().noneMatch(e -> e.matches("META-INF/[^/]+\\.(SF|RSA|DSA)")),
        "signature files of bundled jars");
  }

  @Test
  void servicesFileRegistersTheShortName() throws IOException {
    List<String> services = entries.stream().filter(e -> e.startsWith("META-INF/services/"))
        .filter(e -> !e.endsWith("/")).toList();
    assertEquals(List.of("META-INF/services/org.apache.spark.sql.sources.DataSourceRegister"),
        services);
    try (JarFile jar = new JarFile(ShadedJar.jar().toFile());
        InputStream in = jar.getInputStream(jar.getEntry(services.get(0)))) {
      assertEquals("io.github.sparkbitbucket.BitbucketTableProvider",
          new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
    }
  }

  @Test
  void manifestIsMultiReleaseWithAModuleName() throws IOException {
    try (JarFile jar = new JarFile(ShadedJar.jar().toFile())) {
      assertEquals("true", jar.getManifest().getMainAttributes().getValue("Multi-Release"));
      assertEquals("io.github.sparkbitbucket",
          jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
    }
  }
}
