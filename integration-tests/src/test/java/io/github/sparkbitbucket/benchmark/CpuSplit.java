package io.github.sparkbitbucket.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the whole process over a measured window, split by who spent it: the emulator (its
 * MockServer threads: routing, BBQL, {@code fields=}, JSON), the JVM's garbage collector and JIT
 * compilers, and the rest (the connector and Spark). CPU time, unlike wall time, barely depends
 * on what else the machine runs, and the split tells how much of it a real Bitbucket would take
 * off this machine. Per-thread figures come from {@code /proc/self/task} (Linux; elsewhere
 * everything counts as the rest); threads that end inside the window count as the rest.
 */
final class CpuSplit {
  /** The shares, in the order of {@link #NAMES}. */
  static final String[] NAMES = {"emulator", "gc", "jit", "connector+spark"};
  private static final long TICK_NS = 10_000_000L; // USER_HZ = 100 on Linux

  private final long processStart = processCpuNanos();
  private final Map<String, long[]> start = threads();

  static CpuSplit start() {
    return new CpuSplit();
  }

  /** CPU ms per share since {@link #start()}, in the order of {@link #NAMES}. */
  long[] stop() {
    long process = processCpuNanos() - processStart;
    long[] out = new long[NAMES.length];
    for (Map.Entry<String, long[]> e : threads().entrySet()) {
      long[] before = start.get(e.getKey());
      long spent = (e.getValue()[1] - (before == null ? 0 : before[1])) * TICK_NS;
      out[(int) e.getValue()[0]] += spent;
    }
    long known = out[0] + out[1] + out[2];
    out[3] = Math.max(0, process - known);
    for (int i = 0; i < out.length; i++) {
      out[i] /= 1_000_000;
    }
    return out;
  }

  /** tid -> {share, utime+stime ticks} of the threads of the shares other than the rest. */
  private static Map<String, long[]> threads() {
    Map<String, long[]> out = new HashMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return out;
    }
    try (Stream<Path> list = Files.list(tasks)) {
      for (Path task : (Iterable<Path>) list::iterator) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException e) {
          continue; // the thread ended meanwhile
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String name = stat.substring(open + 1, close);
        int share = share(name);
        if (share < 0) {
          continue;
        }
        String[] f = stat.substring(close + 2).split(" ");
        // fields after the name: state(0) ... utime(11) stime(12)
        out.put(task.getFileName().toString(),
            new long[] {share, Long.parseLong(f[11]) + Long.parseLong(f[12])});
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  private static int share(String name) {
    if (name.startsWith("MockServer")) {
      return 0;
    }
    if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
      return 1;
    }
    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
      return 2;
    }
    return -1;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
