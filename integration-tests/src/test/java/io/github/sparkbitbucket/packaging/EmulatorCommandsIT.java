package io.github.sparkbitbucket.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * integration-tests/EMULATOR.md's commands work as written: its {@code java -jar} line starts the
 * standalone jar the build made, which serves the API with the credentials it prints, and its
 * flag table lists exactly the flags the jar's {@code --help} knows.
 */
class EmulatorCommandsIT {
  private static final Path ROOT = Path.of("..");
  private static final Pattern FLAG = Pattern.compile("--[a-z][a-z-]+");

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void documentedJarCommandServesTheApi() throws Exception {
    List<String> command = new ArrayList<>(documentedJarCommand());
    command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // a free port and the small data set (later flags win), so the test never collides
    command.addAll(List.of("--port", "0", "--size", "small"));
    Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
        .start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8))) {
      String base = null;
      String token = null;
      for (String line = out.readLine(); line != null && token == null; line = out.readLine()) {
        if (line.startsWith("  base URL")) {
          base = line.substring("  base URL".length()).trim();
        } else if (line.startsWith("  token ")) {
          token = line.substring("  token ".length()).trim().split("\\s+")[0];
        }
      }
      assertNotNull(base, "the jar printed no base URL");
      assertNotNull(token, "the jar printed no token");
      assertTrue(base.startsWith("http://127.0.0.1:"), base);
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(base + "/repositories/acme")).header("Authorization", "Bearer " + token)
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      assertTrue(r.body().contains("\"values\""), r.body());
    } finally {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void flagTableListsExactlyTheFlagsOfHelp() throws Exception {
    List<String> command = new ArrayList<>(documentedJarCommand().subList(0, 3));
    command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--help");
    Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
        .start();
    String help = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "--help did not exit");
    assertEquals(0, p.exitValue(), help);
    Set<String> documented = new TreeSet<>();
    for (String line : Files.readAllLines(ROOT.resolve("integration-tests/EMULATOR.md"))) {
      if (line.startsWith("| `--")) {
        documented.addAll(flags(line.substring(0, line.indexOf('|', 2))));
      }
    }
    Set<String> known = flags(help);
    known.remove("--help");
    assertEquals(known, documented, "EMULATOR.md's flag table differs from --help:\n" + help);
  }

  /** The {@code java -jar ...} line of EMULATOR.md, as arguments; the jar must exist. */
  private static List<String> documentedJarCommand() throws IOException {
    String line = Files.readAllLines(ROOT.resolve("integration-tests/EMULATOR.md")).stream()
        .filter(l -> l.startsWith("java -jar ")).findFirst()
        .orElseThrow(() -> new AssertionError("EMULATOR.md has no java -jar command"));
    List<String> args = Arrays.asList(line.trim().split("\\s+"));
    assertTrue(Files.isRegularFile(ROOT.resolve(args.get(2))), "EMULATOR.md names " + args.get(2)
        + ", which the build did not make (mvn -pl integration-tests -am package)");
    return args;
  }

  private static Set<String> flags(String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = FLAG.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
