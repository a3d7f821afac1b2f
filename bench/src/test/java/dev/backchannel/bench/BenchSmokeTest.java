package dev.backchannel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness cannot rot: every scenario runs for a few seconds against a real station process and
 * reports figures. No figure's value is asserted; figures belong in results, not in tests.
 */
class BenchSmokeTest {
  @TempDir Path out;

  @Test
  void everyScenarioRunsAndReportsFiguresWithTheirSamples() throws Exception {
    int exit =
        Bench.run(
            "--smoke",
            "--station-jar",
            "../station/target/backchannel.jar",
            "--out",
            out.toString());

    assertThat(exit).isZero();
    List<Path> written;
    try (Stream<Path> files = Files.list(out)) {
      written = files.sorted().toList();
    }
    assertThat(written).hasSize(2);
    assertThat(written.get(0).toString()).endsWith("-smoke.json");
    assertThat(written.get(1).toString()).endsWith("-smoke.md");
    JsonNode results = new ObjectMapper().readTree(written.get(0).toFile());
    assertThat(results.at("/machine/cores").asText()).isNotEmpty();
    List<String> ran = new ArrayList<>();
    for (JsonNode s : results.get("scenarios")) {
      ran.add(s.get("name").asText());
      assertThat(s.has("failure")).as(s.toString()).isFalse();
      assertThat(s.get("figures")).as(s.get("name").asText()).isNotEmpty();
      for (JsonNode f : s.get("figures")) {
        assertThat(f.get("samples")).as(f.get("name").asText()).isNotEmpty();
        f.get("samples").forEach(v -> assertThat(Double.isFinite(v.asDouble())).isTrue());
      }
    }
    assertThat(ran)
        .containsExactlyElementsOf(Bench.scenarios(false).stream().map(Scenario::name).toList());
    assertThat(Files.readString(written.get(1))).contains("| release | release.two-requests |");
  }
}
