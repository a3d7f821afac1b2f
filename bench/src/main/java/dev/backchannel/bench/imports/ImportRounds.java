package dev.backchannel.bench.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import dev.backchannel.cli.Main;
import dev.backchannel.store.Store;
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
import java.util.stream.Stream;

/**
 * The import rate once the JVM is warm, run in a JVM of its own by the import scenario: the same
 * folder imported {@code rounds} times, each round into a new station file with the test fixtures'
 * exchange, through the command line's own {@code import}. The first round is the cold one that
 * {@code ./backchannel import} also pays; the later ones show the rate without JIT compilation and
 * class loading. Each round prints one JSON line: {@code round}, {@code files}, {@code seconds},
 * {@code cpuMicrosPerFile} (process CPU).
 *
 * <p>{@code ImportRounds DIR ROUNDS WORK}
 */
public final class ImportRounds {
  private ImportRounds() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: ImportRounds DIR ROUNDS WORK");
    }
    int rounds = Integer.parseInt(args[1]);
    Path folder = Files.createDirectories(Path.of(args[2]));
    ObjectMapper json = new ObjectMapper();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int round = 1; round <= rounds; round++) {
      Path store = folder.resolve("round" + round + ".db");
      setUp(store);
      ByteArrayOutputStream summary = new ByteArrayOutputStream();
      long cpuBefore = os.getProcessCpuTime();
      int exit =
          Main.run(
              new String[] {
                "import",
                args[0],
                "--exchange",
                StoreFixtures.EXCHANGE,
                "--store",
                store.toString(),
                "--json"
              },
              new PrintStream(summary, true, StandardCharsets.UTF_8),
              new PrintStream(OutputStream.nullOutputStream()));
      if (exit != 0) {
        throw new IllegalStateException("import exited with " + exit);
      }
      long cpu = os.getProcessCpuTime() - cpuBefore;
      JsonNode s = json.readTree(summary.toString(StandardCharsets.UTF_8));
      long files = s.get("files").asLong();
      System.out.println(
          json.createObjectNode()
              .put("round", round)
              .put("files", files)
              .put("seconds", s.get("seconds").asDouble())
              .put("cpuMicrosPerFile", cpu / 1000.0 / files));
      // a round's station file is 3 KiB a cable: each goes before the next is written
      try (Stream<Path> left = Files.list(folder)) {
        for (Path p : left.toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** A new station file with the fixtures' station, channel and exchange, and no cable. */
  static void setUp(Path store) {
    try (Store s = SqliteStore.open(store, Clock.systemUTC())) {
      StoreFixtures.setUp(s);
    }
  }
}
