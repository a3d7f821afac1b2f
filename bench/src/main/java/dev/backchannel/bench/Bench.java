package dev.backchannel.bench;

import dev.backchannel.bench.audit.AuditScenario;
import dev.backchannel.bench.flash.FlashLatency;
import dev.backchannel.bench.imports.ImportScenario;
import dev.backchannel.bench.memory.LiveReaders;
import dev.backchannel.bench.micro.MicroBenchmarks;
import dev.backchannel.bench.nodes.NodesScenario;
import dev.backchannel.bench.peers.Peers;
import dev.backchannel.bench.relay.RelayScenario;
import dev.backchannel.bench.release.ReleaseThroughput;
import dev.backchannel.bench.start.ColdStart;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The harness's entry point: runs the scenarios one after the other and writes their figures under
 * {@code bench/results/} (or {@code --out}). A scenario that fails is reported as failed, with why,
 * and the run goes on; the exit code is then 1.
 *
 * <pre>
 * java -jar bench/target/bench.jar [--smoke] [--peers] [--only NAME,...] [--out DIR]
 * </pre>
 */
public final class Bench {
  private Bench() {}

  /** The scenarios, in the order they run; with the peers, between the station's. */
  static List<Scenario> scenarios(boolean peers) {
    return scenarios(peers, false);
  }

  /** The scenarios; with {@code nodes} (SQLite beside PostgreSQL) when a database is given. */
  static List<Scenario> scenarios(boolean peers, boolean postgres) {
    List<Scenario> s = new ArrayList<>();
    s.add(new ReleaseThroughput());
    if (postgres) {
      s.add(new NodesScenario());
    }
    if (peers) {
      s.add(new Peers());
    }
    s.add(new FlashLatency());
    s.add(new RelayScenario());
    s.add(new ColdStart());
    s.add(new LiveReaders());
    s.add(new ImportScenario());
    s.add(new AuditScenario());
    s.add(new MicroBenchmarks());
    return List.copyOf(s);
  }

  public static void main(String[] args) throws Exception {
    System.exit(run(args));
  }

  /** Runs the harness; answers the exit code (0 when every scenario ran). */
  static int run(String... args) throws Exception {
    boolean smoke = false;
    boolean peers = false;
    Optional<String> postgres = Optional.empty();
    Set<String> only = new LinkedHashSet<>();
    Path out = Path.of("bench", "results");
    Path stationJar = Path.of("station", "target", "backchannel.jar");
    Optional<Path> baselineJar = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--smoke" -> smoke = true;
        case "--peers" -> peers = true;
        case "--only" -> only.addAll(Arrays.asList(value(args, ++i, "--only").split(",")));
        case "--out" -> out = Path.of(value(args, ++i, "--out"));
        case "--station-jar" -> stationJar = Path.of(value(args, ++i, "--station-jar"));
        case "--postgres" -> postgres = Optional.of(value(args, ++i, "--postgres"));
        case "--baseline-jar" ->
            baselineJar = Optional.of(Path.of(value(args, ++i, "--baseline-jar")).toAbsolutePath());
        case "--list" -> {
          scenarios(true, true).forEach(s -> System.out.println(s.name() + "\t" + s.description()));
          return 0;
        }
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + "; usage: bench [--smoke] [--peers] [--only NAME,...] [--out DIR]"
                    + " [--station-jar JAR] [--baseline-jar JAR]"
                    + " [--postgres postgresql://HOST:PORT/DB] [--list]");
      }
    }
    Set<String> known = new LinkedHashSet<>();
    scenarios(peers, postgres.isPresent()).forEach(s -> known.add(s.name()));
    for (String name : only) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            "no scenario " + name + "; the scenarios are " + String.join(", ", known));
      }
    }
    if (!Files.isRegularFile(stationJar)) {
      throw new IllegalArgumentException(
          "no station jar at " + stationJar + ": build it first (./mvnw -DskipTests package)");
    }
    // the checkout the station jar was built in: the launcher's option files are there
    Path root = stationJar.toAbsolutePath().getParent().getParent().getParent();
    Path work = Files.createTempDirectory("backchannel-bench");
    RunContext run =
        new RunContext(
            smoke,
            work,
            stationJar.toAbsolutePath(),
            Path.of(System.getProperty("java.home"), "bin", "java"),
            Launcher.serveOptions(root),
            Launcher.commandOptions(root),
            System.getProperty("java.class.path"),
            peers,
            root.resolve("..").resolve("shared").resolve("peers").normalize(),
            postgres,
            baselineJar);
    String command = "bench " + String.join(" ", args);
    Results results = new Results(Machine.facts(), command.strip());
    int exit = 0;
    try {
      for (Scenario s : scenarios(peers, postgres.isPresent())) {
        if (!only.isEmpty() && !only.contains(s.name())) {
          continue;
        }
        long started = System.nanoTime();
        System.err.printf("bench: %s: %s%n", s.name(), s.description());
        try {
          List<Figure> figures = s.run(run);
          results.add(new Results.Outcome(s.name(), s.description(), figures, Optional.empty()));
          for (Figure f : figures) {
            System.err.printf(
                "bench:   %s: median %s %s (min %s, max %s, n %d)%n",
                f.name(),
                Results.number(f.median()),
                f.unit(),
                Results.number(f.min()),
                Results.number(f.max()),
                f.samples().size());
          }
        } catch (Exception | AssertionError e) {
          exit = 1;
          StringWriter trace = new StringWriter();
          e.printStackTrace(new PrintWriter(trace));
          System.err.printf("bench:   %s FAILED: %s%n", s.name(), trace);
          printStationLogs(work);
          results.add(
              new Results.Outcome(
                  s.name(), s.description(), List.of(), Optional.of(String.valueOf(e))));
        }
        System.err.printf(
            "bench:   %s took %.0f s%n", s.name(), (System.nanoTime() - started) / 1e9);
      }
    } finally {
      delete(work);
    }
    String name =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now())
            + (smoke ? "-smoke" : "");
    results.write(out, name);
    System.err.println("bench: results in " + out.resolve(name + ".md"));
    System.out.print(results.markdown());
    return exit;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /** How many of its last lines each station log shows when a scenario fails. */
  private static final int LOG_LINES = 80;

  /**
   * Prints the end of each station's log (the {@code serve*.log} files of the run so far): a
   * failure's cause is often only there, and the work folder is deleted when the run ends.
   */
  private static void printStationLogs(Path work) {
    try (Stream<Path> all = Files.walk(work)) {
      for (Path log :
          all.filter(p -> p.getFileName().toString().matches("serve.*\\.log")).sorted().toList()) {
        List<String> lines = Files.readAllLines(log);
        System.err.printf("bench:   the end of %s:%n", work.relativize(log));
        lines
            .subList(Math.max(0, lines.size() - LOG_LINES), lines.size())
            .forEach(l -> System.err.println("bench:     " + l));
      }
    } catch (IOException e) {
      System.err.println("bench:   the station logs could not be read: " + e);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      List<Path> paths = new ArrayList<>(all.toList());
      paths.sort(Comparator.reverseOrder());
      for (Path p : paths) {
        Files.deleteIfExists(p);
      }
    }
  }
}
