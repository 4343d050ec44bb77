package io.github.sparkbitbucket.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
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
   * Runs the driver in a fresh JVM with Spark's Java 17 flags (those spark-submit adds) on
   * {@code classpath}, waits for it (at most 5 minutes) and returns its standard output; fails
   * the test with the tail of its standard error if it does not exit 0.
   */
  public List<String> run(String classpath, String... args) throws Exception {
    Path log = work.resolve("driver.log");
    Path err = work.resolve("driver.stderr.log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String opens = System.getProperty("spark.jvm.opens", "").trim();
    if (!opens.isEmpty()) {
      cmd.addAll(Arrays.asList(opens.split("\\s+")));
    }
    cmd.addAll(List.of("-Xmx1g", "-cp", classpath, mainClass));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(log.toFile())
        .start();
    boolean finished = p.waitFor(5, TimeUnit.MINUTES);
    if (!finished) {
      p.destroyForcibly();
    }
    List<String> out = Files.readAllLines(log);
    assertTrue(finished, mainClass + " did not finish; output: " + out);
    assertEquals(0, p.exitValue(), mainClass + " failed; see " + err.toAbsolutePath()
        + "; stderr tail: " + tail(err));
    return out;
  }

  /** The values of the lines {@code KIND\tvalue} the driver printed, in order. */
  public static List<String> facts(List<String> out, String kind) {
    return out.stream().filter(l -> l.startsWith(kind + "\t"))
        .map(l -> l.substring(kind.length() + 1)).toList();
  }

  private static String tail(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
