package dev.backchannel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.cable.Series;
import dev.backchannel.imports.EditionCorpus;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreFixtures;
import dev.backchannel.store.StoredCable;
import dev.backchannel.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backchannel import}: a generated corpus with a bad file, a conflict and gaps. */
class ImportCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DOCUMENTS = 600;

  @TempDir Path dir;
  private Path store;
  private Path corpus;

  @BeforeEach
  void setUp() throws IOException {
    store = dir.resolve("station.db");
    try (Store s = SqliteStore.open(store, Clock.systemUTC())) {
      StoreFixtures.setUp(s);
    }
    corpus = dir.resolve("corpus");
    EditionCorpus.write(corpus, DOCUMENTS, 7);
  }

  private CliRun run(String... args) {
    return CliRun.of(Map.of("HOME", dir.toString()), args);
  }

  @Test
  void importsTheCorpusAndReportsNoGapsWhenNothingIsMissing() throws IOException {
    CliRun run =
        run("import", corpus.toString(), "--exchange", "OCT72", "--store", store.toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .startsWith(
            "Imported 600 cables into OCT72: 0 duplicates skipped, 0 conflicts, 0 refused, 0 bad"
                + " files\n"
                + "Gaps in HAKTO: none\n"
                + "Gaps in TOHAK: none\n"
                + "References that resolve to nothing: none\n"
                + "Unplaced lines: none\n"
                + "Read 600 files in ")
        .matches("(?s).*\nRead 600 files in [0-9]+\\.[0-9] s: [0-9]+ files/s\n");
    try (Store s = SqliteStore.open(store, Clock.systemUTC())) {
      StoredCable tohak84 = s.cable("OCT72", new Series("TOHAK"), 84).orElseThrow();
      assertThat(tohak84.origin()).isEqualTo(StoredCable.Origin.IMPORTED);
      assertThat(tohak84.document()).hasValue(168);
      assertThat(tohak84.seen()).isEmpty();
      assertThat(s.events(0, 10_000))
          .filteredOn(e -> e.kind().equals("CABLE_IMPORTED"))
          .hasSize(600);
    }
  }

  @Test
  void aBadFileIsReportedAndStoresNothingWhileTheOthersAreImported() throws IOException {
    Files.delete(corpus.resolve("000010.txt"));
    Files.delete(corpus.resolve("000011.txt"));
    Files.writeString(corpus.resolve("000011.txt"), "11. Editorial Note\n\nNo cable here.\n");

    CliRun run =
        run(
            "import",
            corpus.toString(),
            "--exchange",
            "OCT72",
            "--store",
            store.toString(),
            "--json");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            corpus.resolve("000011.txt")
                + ":1:1: EDITION_PARTIES: the title names no sender (\"… From … to …\"):"
                + " \"Editorial Note\"\n");
    JsonNode summary = JSON.readTree(run.out());
    assertThat(summary.get("imported").asInt()).isEqualTo(598);
    assertThat(summary.get("badFiles").asInt()).isEqualTo(1);
    assertThat(summary.get("gaps").get("HAKTO").toString()).isEqualTo("[\"6\"]");
    assertThat(summary.get("gaps").get("TOHAK").toString()).isEqualTo("[\"5\"]");
    assertThat(summary.get("unresolvedReferences").toString()).isEqualTo("[\"Tohak 6 → HAKTO 6\"]");
    assertThat(summary.get("files").asInt()).isEqualTo(599);
    assertThat(summary.get("seconds").asDouble()).isPositive();
    // the seconds are printed to the millisecond, the rate from the time measured
    assertThat(summary.get("filesPerSecond").asDouble())
        .isCloseTo(599 / summary.get("seconds").asDouble(), withinPercentage(1));
  }

  @Test
  void reimportSkipsDuplicatesAndAChangedTextIsAConflictNotStored() throws IOException {
    run("import", corpus.toString(), "--exchange", "OCT72", "--store", store.toString());
    Path changed = dir.resolve("changed.txt");
    Files.writeString(
        changed,
        Files.readString(corpus.resolve("000001.txt"))
            .replace("1.\n", "1.\nAn editor’s change.\n"));

    CliRun again =
        run(
            "import",
            corpus.toString(),
            changed.toString(),
            "--exchange",
            "OCT72",
            "--store",
            store.toString());

    assertThat(again.exit()).isEqualTo(4);
    assertThat(again.out())
        .startsWith(
            "Imported 0 cables into OCT72: 600 duplicates skipped, 1 conflicts, 0 refused, 0 bad"
                + " files\n");
    assertThat(again.err()).startsWith(changed + ": CONFLICT: Hakto 1/201 is held already");
    try (Store s = SqliteStore.open(store, Clock.systemUTC())) {
      assertThat(s.cable("OCT72", new Series("HAKTO"), 1).orElseThrow().canonical())
          .doesNotContain("An editor’s change.");
    }
  }

  @Test
  void aSingleImportedCableIsCountedInTheSingular() throws IOException {
    CliRun run =
        run(
            "import",
            corpus.resolve("000001.txt").toString(),
            "--exchange",
            "OCT72",
            "--store",
            store.toString());

    assertThat(run.out().lines().findFirst())
        .contains(
            "Imported 1 cable into OCT72: 0 duplicates skipped, 0 conflicts, 0 refused, 0 bad"
                + " files");
  }

  @Test
  void anUnknownExchangeExitsThree() throws IOException {
    CliRun run =
        run("import", corpus.toString(), "--exchange", "NOV72", "--store", store.toString());

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("NOT_FOUND: no exchange named NOV72\n");
  }
}
