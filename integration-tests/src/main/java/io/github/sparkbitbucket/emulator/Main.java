package io.github.sparkbitbucket.emulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator as a standalone process until killed.
 *
 * <pre>
 * java -jar spark-bitbucket-emulator-*-standalone.jar --port 7990 --seed 42 --size standard
 *      [--latency-ms 0] [--fault-rate 0.0] [--rate-limit 0] [--issues-removed]
 * </pre>
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    BitbucketEmulator.Builder builder = BitbucketEmulator.builder().port(7990);
    double faultRate = 0;
    int rateLimit = 0;
    boolean issuesRemoved = false;
    try {
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        switch (flag) {
          case "--port" -> builder.port(Integer.parseInt(value(args, ++i, flag)));
          case "--seed" -> builder.seed(Long.parseLong(value(args, ++i, flag)));
          case "--size" -> builder.dataset(dataset(value(args, ++i, flag)));
          case "--latency-ms" -> builder.latency(Duration.ofMillis(Long.parseLong(value(args, ++i, flag))));
          case "--fault-rate" -> faultRate = Double.parseDouble(value(args, ++i, flag));
          case "--rate-limit" -> rateLimit = Integer.parseInt(value(args, ++i, flag));
          case "--issues-removed" -> issuesRemoved = true;
          case "--help", "-h" -> {
            System.out.println(usage());
            return;
          }
          default -> throw new IllegalArgumentException("unknown flag " + flag);
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage() + "\n" + usage());
      System.exit(2);
      return;
    }
    long t0 = System.nanoTime();
    BitbucketEmulator emu = builder.start();
    if (faultRate > 0) {
      // Spread the fault rate over the kinds a client must survive.
      emu.faults().serverErrorRate(faultRate / 2).status555Rate(faultRate / 4).resetRate(faultRate / 4);
    }
    if (rateLimit > 0) {
      emu.faults().rateLimit(rateLimit, Duration.ofHours(1));
    }
    emu.issueTrackerRemoved(issuesRemoved);
    Credentials c = emu.credentials();
    System.out.printf("Bitbucket Cloud emulator ready in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    System.out.println("  base URL         " + emu.baseUrl());
    System.out.println("  OAuth token URL  " + emu.oauthTokenUrl());
    System.out.println("  workspaces       " + emu.store().workspaces());
    System.out.println("  token            " + c.token() + "   (Bearer, every scope)");
    System.out.println("  read-only token  " + c.readOnlyToken() + "   (no write scopes, no pipeline scope)");
    System.out.println("  email / apiToken " + c.email() + " / " + c.apiToken() + "   (Basic)");
    System.out.println("  OAuth client     " + c.oauthClientId() + " / " + c.oauthClientSecret()
        + "   refresh token " + c.refreshToken());
    System.out.println("Press Ctrl+C to stop.");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emu.close();
      stopped.countDown();
    }, "emulator-shutdown"));
    stopped.await();
  }

  static Dataset dataset(String size) {
    return switch (size) {
      case "small" -> Dataset.small();
      case "standard" -> Dataset.standard();
      case "large" -> Dataset.scaled(20);
      default -> {
        int rows;
        try {
          rows = Integer.parseInt(size);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--size must be small, standard, large or a row count, got " + size);
        }
        if (rows < 1) {
          throw new IllegalArgumentException("--size row count must be positive, got " + rows);
        }
        // A row count sizes the largest table (commits) of acme; the rest scale along.
        yield Dataset.scaled(rows / (double) Dataset.standard().commits());
      }
    };
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  static String usage() {
    return """
        usage: java -jar spark-bitbucket-emulator-<version>-standalone.jar [flags]
          --port N            port on 127.0.0.1 (default 7990; 0 = any free port)
          --seed N            data generator seed (default 42)
          --size S            small | standard | large | <rows in the largest table> (default standard)
          --latency-ms N      latency added to every request (default 0)
          --fault-rate R      share of requests failing with 5xx/555/reset (default 0.0)
          --rate-limit N      requests per hour before 429 (default 0 = off)
          --issues-removed    every /issues endpoint answers 410, like today's Bitbucket Cloud""";
  }
}
