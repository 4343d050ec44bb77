package io.github.sparkbitbucket.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The test resources hold copies of {@code ../shared/bitbucket-api} so a clone is self-contained; when the shared
 * folder is present (property {@code bitbucket.api.dir}, set by the pom), the copies must be byte-identical.
 */
class SampleCopiesTest {

  @Test
  void copiedSamplesMatchTheSharedOriginals() throws IOException {
    Path shared = sharedDir().resolve("samples");
    Path copies = Path.of("src/test/resources/samples");
    List<Path> copied;
    try (Stream<Path> files = Files.walk(copies)) {
      copied = files.filter(Files::isRegularFile).collect(Collectors.toList());
    }
    assertFalse(copied.isEmpty(), "no samples copied into " + copies.toAbsolutePath());
    for (Path copy : copied) {
      Path original = shared.resolve(copies.relativize(copy).toString());
      assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(copy), copy + " differs from " + original);
    }
  }

  @Test
  void gzippedOpenApiCopyMatchesTheSharedOriginal() throws IOException {
    byte[] original = Files.readAllBytes(sharedDir().resolve("openapi/bitbucket-openapi.json"));
    try (InputStream in = new GZIPInputStream(
        Files.newInputStream(Path.of("src/test/resources/openapi/bitbucket-openapi.json.gz")))) {
      assertArrayEquals(original, in.readAllBytes(), "refresh the copy: gzip -9 -c <shared json> > <copy>");
    }
  }

  private static Path sharedDir() {
    String dir = System.getProperty("bitbucket.api.dir");
    assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "shared bitbucket-api folder not present: " + dir);
    return Path.of(dir);
  }
}
