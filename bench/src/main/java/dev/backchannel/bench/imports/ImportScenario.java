package dev.backchannel.bench.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.bench.Figure;
import dev.backchannel.bench.RunContext;
import dev.backchannel.bench.Scenario;
import dev.backchannel.bench.station.StationProcess;
import dev.backchannel.imports.EditionCorpus;
import dev.backchannel.store.StoreFixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 6 of issue 19: the import of generated edition documents (100,000 in a full run) cold,
 * as {@code ./backchannel import} in a new JVM; warm, the later rounds of several imports in one
 * JVM; and beside them the bare JDBC loop writing the same rows with the same durability.
 */
public final class ImportScenario implements Scenario {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "import";
  }

  @Override
  public String description() {
    return "import of generated edition documents, cold and warm, beside the bare import loop";
  }

  @Override
  public List<Figure> run(RunContext run) throws Exception {
    int documents = run.pick(2_000, 100_000);
    int colds = run.pick(1, 2);
    int rounds = run.pick(3, 5);
    Path dir = run.work().resolve("import");
    Path corpus = dir.resolve("corpus");
    EditionCorpus.write(corpus, documents, 1);

    List<Double> cold = new ArrayList<>();
    List<Double> coldProcess = new ArrayList<>();
    Path imported = dir.resolve("imported.db");
    for (int i = 0; i < colds; i++) {
      Files.deleteIfExists(imported);
      ImportRounds.setUp(imported);
      List<String> command = new ArrayList<>();
      command.add(run.java().toString());
      command.addAll(run.commandJvm());
      command.addAll(
          List.of(
              "-jar",
              run.stationJar().toString(),
              "import",
              corpus.toString(),
              "--exchange",
              StoreFixtures.EXCHANGE,
              "--store",
              imported.toString(),
              "--json"));
      ProcessBuilder b = new ProcessBuilder(command);
      StationProcess.environment(b, dir, Map.of());
      long started = System.nanoTime();
      Process p = b.redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("backchannel import failed: " + out);
      }
      coldProcess.add(documents / ((System.nanoTime() - started) / 1e9));
      JsonNode summary = JSON.readTree(out);
      cold.add(summary.get("filesPerSecond").asDouble());
    }

    List<Double> warm = new ArrayList<>();
    List<Double> warmCpu = new ArrayList<>();
    List<String> command = new ArrayList<>();
    command.add(run.java().toString());
    command.addAll(run.commandJvm());
    command.addAll(
        List.of(
            // the harness's jar grants SQLite no native access in its manifest: the flag does
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            run.classPath(),
            ImportRounds.class.getName(),
            corpus.toString(),
            String.valueOf(rounds),
            dir.resolve("rounds").toString()));
    ProcessBuilder b = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = b.start();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        JsonNode r = JSON.readTree(line);
        // the first two rounds pay for class loading and the JIT; the rest are the warm rate
        if (r.get("round").asInt() > 2) {
          warm.add(r.get("files").asDouble() / r.get("seconds").asDouble());
          warmCpu.add(r.get("cpuMicrosPerFile").asDouble());
        }
      }
    }
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || warm.isEmpty()) {
      p.destroyForcibly();
      throw new IOException("ImportRounds failed (exit " + p.exitValue() + ")");
    }

    List<Double> bare = new ArrayList<>();
    List<Double> ratio = new ArrayList<>();
    for (int i = 0; i < warm.size(); i++) {
      Path empty = dir.resolve("bare" + i + ".db");
      ImportRounds.setUp(empty);
      double rate = BareImportLoop.run(imported, empty);
      bare.add(rate);
      ratio.add(warm.get(i) / rate);
      Files.delete(empty);
    }
    return List.of(
        new Figure(
            "import.cold",
            "cables/s",
            cold,
            documents + " documents, ./backchannel import in a new JVM, by its summary"),
        new Figure(
            "import.cold.process",
            "cables/s",
            coldProcess,
            "the same, by the whole process's time"),
        new Figure("import.warm", "cables/s", warm, "rounds 3+ of " + rounds + " in one JVM"),
        new Figure("import.warm.cpu", "µs/cable", warmCpu, "process CPU a cable, warm rounds"),
        new Figure("import.bare", "cables/s", bare, "bare JDBC loop, same rows and durability"),
        new Figure("ratio.import.warm/bare", "x", ratio, "target >= 0.5"));
  }
}
