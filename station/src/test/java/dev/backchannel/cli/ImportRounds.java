package dev.backchannel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import dev.backchannel.store.StoreFixtures;
import dev.backchannel.store.sqlite.SqliteStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures the import rate once the JVM is warm (DESIGN 7; not a test): the same folder imported
 * {@code rounds} times in one JVM, each round into a new station file with the test fixtures'
 * exchange, through the command line's own {@code import}. The first round is the cold one that
 * {@code ./backchannel import} also pays; the later ones show the rate without JIT compilation and
 * class loading. Each round prints the import summary's timing line and the process CPU it used a
 * cable.
 *
 * <p>Run as the README's Measurements section shows: {@code ImportRounds DIR [rounds]}.
 */
public final class ImportRounds {
  private ImportRounds() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      throw new IllegalArgumentException("usage: ImportRounds DIR [rounds]");
    }
    int rounds = args.length == 2 ? Integer.parseInt(args[1]) : 3;
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Path folder = Files.createTempDirectory("backchannel-import-rounds");
    for (int round = 1; round <= rounds; round++) {
      Path store = folder.resolve("round" + round + ".db");
      try (SqliteStore s = SqliteStore.open(store, Clock.systemUTC())) {
        StoreFixtures.setUp(s);
      }
      ByteArrayOutputStream summary = new ByteArrayOutputStream();
      long cpuBefore = os.getProcessCpuTime();
      run(
          new PrintStream(summary, true, StandardCharsets.UTF_8),
          "import",
          args[0],
          "--exchange",
          StoreFixtures.EXCHANGE,
          "--store",
          store.toString(),
          "--json");
      long cpu = os.getProcessCpuTime() - cpuBefore;
      JsonNode json = new ObjectMapper().readTree(summary.toString(StandardCharsets.UTF_8));
      long files = json.get("files").asLong();
      System.out.printf(
          Locale.ROOT,
          "round %d: %d files in %.1f s: %d files/s; process CPU %.0f µs a file%n",
          round,
          files,
          json.get("seconds").asDouble(),
          json.get("filesPerSecond").asLong(),
          cpu / 1000.0 / files);
      // a round's station file is 3 KiB a cable: each goes before the next is written
      try (Stream<Path> left = Files.list(folder)) {
        for (Path p : left.toList()) {
          Files.delete(p);
        }
      }
    }
    Files.delete(folder);
  }

  private static void run(PrintStream out, String... args) {
    int exit = Main.run(args, out, new PrintStream(OutputStream.nullOutputStream()));
    if (exit != ExitCode.OK) {
      throw new IllegalStateException(String.join(" ", args) + " exited with " + exit);
    }
  }
}
