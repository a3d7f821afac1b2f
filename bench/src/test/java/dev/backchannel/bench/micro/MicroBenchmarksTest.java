package dev.backchannel.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.bench.Figure;
import dev.backchannel.bench.RunContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MicroBenchmarksTest {

  @Test
  void smokeRunGivesOneFigurePerBenchmarkWithAPositiveTimeForEachIteration(@TempDir Path work)
      throws Exception {
    // The scenario starts no station and, in smoke, no JVM: the jar and launcher are never used.
    RunContext smoke =
        new RunContext(
            true,
            work,
            work.resolve("station.jar"),
            work.resolve("java"),
            List.of(),
            List.of(),
            System.getProperty("java.class.path"),
            false,
            work,
            java.util.Optional.empty(),
            java.util.Optional.empty());

    List<Figure> figures = new MicroBenchmarks().run(smoke);

    assertThat(figures)
        .extracting(Figure::name)
        .containsExactly(
            "micro.canonical.parse",
            "micro.canonical.render",
            "micro.edition.parse",
            "micro.exchange.crossings",
            "micro.exchange.gaps",
            "micro.label.dominates");
    assertThat(figures)
        .allSatisfy(
            f -> {
              assertThat(f.unit()).matches("[nu]s/op");
              assertThat(f.samples())
                  .hasSize(2)
                  .allSatisfy(s -> assertThat(s).isPositive().isFinite());
            });
  }

  @Test
  void figureIsNamedAfterTheBenchmarksClassWithoutItsSuffixAndItsMethod() {
    assertThat(MicroBenchmarks.figureName(CanonicalBenchmark.class.getName() + ".parse"))
        .isEqualTo("micro.canonical.parse");
  }
}
