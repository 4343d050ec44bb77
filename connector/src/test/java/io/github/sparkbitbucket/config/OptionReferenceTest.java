package io.github.sparkbitbucket.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OptionReferenceTest {

  @Test
  void everyOptionHasARowWithItsDefault() {
    String table = OptionReference.markdown();
    for (OptionSpec<?> spec : BitbucketOptions.specs()) {
      assertTrue(table.contains("| `" + spec.name() + "` |"), spec.name());
    }
    assertTrue(table.contains("| `maxConcurrency` | Concurrent HTTP requests per executor JVM. |"
        + " an integer from 1 to 256 | 8 |"), table);
    assertTrue(table.contains("`token` | Bearer token"));
    assertTrue(table.contains("Secret: never shown."));
  }

  /** OPTIONS.md is generated from the registry; regenerate it when an option changes. */
  @Test
  void optionsDocumentIsUpToDate() throws IOException {
    String doc = Files.readString(Path.of("OPTIONS.md"));
    assertTrue(doc.contains(OptionReference.markdown()),
        "connector/OPTIONS.md is stale: regenerate its table with OptionReference.main");
    assertEquals(1, doc.split("\\| option \\|", -1).length - 1);
  }
}
