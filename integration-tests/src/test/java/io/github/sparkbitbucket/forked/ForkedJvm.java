package io.github.sparkbitbucket.forked;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program run in a fresh JVM by a test: the JDK running the tests, the flags spark-submit adds
 * on Java 17, a classpath, a heap limit, environment variables and arguments. Its standard output
 * goes to {@code stdout.log} and its standard error to {@code stderr.log} in a working directory
 * of its own, so a failure can be read afterwards. Drivers report what they saw as
 * tab-separated {@code KIND\tvalue...} lines, read back with {@link Result#facts}.
 */
public final class ForkedJvm {
  private final String mainClass;
  private final List<String> jvmArgs = new ArrayList<>();
  private final List<String> args = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private String classpath = testClasspath();
  private String heap = "1g";
  private Path logDir = Path.of("target", "forked");

  private ForkedJvm(String mainClass) {
    this.mainClass = mainClass;
  }

  /** A JVM that will run {@code mainClass} on the test classpath with a 1 GB heap. */
  public static ForkedJvm main(Class<?> mainClass) {
    return new ForkedJvm(mainClass.getName());
  }

  /** A JVM that will run the class named {@code mainClass} (not on the test classpath). */
  public static ForkedJvm main(String mainClass) {
    return new ForkedJvm(mainClass);
  }

  /**
   * The classpath the tests run with, every entry absolute: a child JVM (and Spark executors
   * launched from it, whose working directory differs) must find the same classes.
   */
  public static String testClasspath() {
    // surefire/failsafe put the real classpath here; java.class.path may be a manifest-only jar
    String cp = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    List<String> entries = new ArrayList<>();
    for (String e : cp.split(File.pathSeparator)) {
      if (!e.isBlank()) {
        entries.add(Path.of(e).toAbsolutePath().toString());
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  public ForkedJvm classpath(String classpath) {
    this.classpath = classpath;
    return this;
  }

  /** The maximum heap, as {@code -Xmx} takes it ({@code 512m}). */
  public ForkedJvm heap(String heap) {
    this.heap = heap;
    return this;
  }

  public ForkedJvm jvmArg(String arg) {
    jvmArgs.add(arg);
    return this;
  }

  public ForkedJvm env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public ForkedJvm args(String... values) {
    args.addAll(List.of(values));
    return this;
  }

  /** Where stdout.log and stderr.log go (created if missing). */
  public ForkedJvm logDir(Path dir) {
    this.logDir = dir;
    return this;
  }

  /**
   * Runs the program and waits for it; fails the test (with the end of its standard error) when
   * it does not exit 0 within {@code timeout}.
   */
  public Result run(Duration timeout) throws IOException, InterruptedException {
    Files.createDirectories(logDir);
    Path out = logDir.resolve("stdout.log");
    Path err = logDir.resolve("stderr.log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // the flags spark-submit itself adds on Java 17 (failsafe passes them in spark.jvm.opens)
    String opens = System.getProperty("spark.jvm.opens", "").trim();
    if (!opens.isEmpty()) {
      cmd.addAll(Arrays.asList(opens.split("\\s+")));
    }
    cmd.add("-Xmx" + heap);
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-cp", classpath, mainClass));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    pb.environment().putAll(env);
    long start = System.nanoTime();
    Process p = pb.start();
    boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(finished, mainClass + " did not finish within " + timeout + "; stderr tail:\n"
        + tail(err));
    assertEquals(0, p.exitValue(), mainClass + " failed; see " + err.toAbsolutePath()
        + "; stderr tail:\n" + tail(err));
    return new Result(Files.readAllLines(out), err, took);
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the program printed.
   *
   * @param out its standard output, line by line
   * @param stderr where its standard error went
   * @param took wall time from start to exit
   */
  public record Result(List<String> out, Path stderr, Duration took) {
    /** The rest of each {@code KIND\t...} line of the given kind, in order. */
    public List<String> facts(String kind) {
      return out.stream().filter(l -> l.startsWith(kind + "\t"))
          .map(l -> l.substring(kind.length() + 1)).toList();
    }

    /** The one fact of this kind; fails when there is none or several. */
    public String fact(String kind) {
      List<String> all = facts(kind);
      assertEquals(1, all.size(), "facts " + kind + " in " + out);
      return all.get(0);
    }
  }
}
