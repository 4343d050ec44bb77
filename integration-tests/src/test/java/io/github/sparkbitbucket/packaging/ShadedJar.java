package io.github.sparkbitbucket.packaging;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the connector build left the shaded jar and Spark's runtime classpath. Both are made in
 * connector's {@code package} phase, so these tests need a reactor build from the repository root
 * ({@code mvn -pl integration-tests -am verify}); the paths come from failsafe's system properties.
 */
final class ShadedJar {
  private ShadedJar() {
  }

  /** connector/target/spark-bitbucket-VERSION-shaded.jar. */
  static Path jar() {
    return existing("shaded.jar");
  }

  /** connector/target/spark-classpath.txt: Spark's jars (the connector's provided scope). */
  static String sparkClasspath() {
    try {
      return Files.readString(existing("spark.classpath.file")).trim();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Path existing(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException("System property " + property + " is not set: run this test"
          + " through failsafe (mvn -pl integration-tests -am verify from the repository root)");
    }
    Path path = Path.of(value);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(path + " does not exist: build the connector first, from the"
          + " repository root: mvn -pl integration-tests -am verify");
    }
    return path;
  }
}
