package io.github.sparkbitbucket.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkbitbucket.forked.ForkedJvm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A small Java program kept as source in test resources, compiled at test time against a chosen
 * classpath and run in a fresh JVM on it: how a test sees the connector the way a user's job
 * does (ShadedJarIT: stock Spark plus the shaded jar; SparkConnectIT: the Spark Connect client
 * alone). The program prints one tab-separated fact per line ({@code KIND\tvalue}).
 */
public final class ForkedDriver {
  private final Path work;
  private final String mainClass;

  /**
   * @param work a directory under {@code target/} for the sources, classes and logs
   * @param mainClass the driver's class name (in the default package)
   */
  public ForkedDriver(Path work, String mainClass) {
    this.work = work;
    this.mainClass = mainClass;
  }

  /**
   * Compiles {@code resource} (a test-resource path to the driver's source) against
   * {@code classpath} alone, and returns the directory of its classes.
   */
  public Path compile(String resource, String classpath) throws IOException {
    Path src = work.resolve("src").resolve(mainClass + ".java");
    Path classes = work.resolve("driver-classes");
    Files.createDirectories(src.getParent());
    Files.createDirectories(classes);
    try (InputStream in = Objects.requireNonNull(ForkedDriver.class.getResourceAsStream(resource),
        "driver source " + resource + " missing from test resources")) {
      Files.write(src, in.readAllBytes());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "--release", "17", "-classpath", classpath, "-d",
        classes.toString(), src.toString());
    assertEquals(0, rc, "compiling " + mainClass + " failed");
    return classes;
  }

  /**
   * Runs the driver in a fresh JVM (see {@link ForkedJvm}) on {@code classpath}, waits for it (at
   * most 5 minutes) and returns what it printed; fails the test with the tail of its standard
   * error if it does not exit 0.
   */
  public ForkedJvm.Result run(String classpath, String... args) throws Exception {
    return ForkedJvm.main(mainClass).classpath(classpath).args(args)
        .logDir(work.resolve("driver")).run(Duration.ofMinutes(5));
  }
}
