package dev.backchannel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backchannel parse}: output, error lines and exit codes of DESIGN 5.1. */
class ParseCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Path fixture(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/parse/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /parse/" + name);
      }
      Path file = dir.resolve(name);
      Files.write(file, in.readAllBytes());
      return file;
    }
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  @Test
  void canonicalFilePrintsItsJsonAsOneLine() throws IOException {
    Path file = fixture("example.txt");

    CliRun run = CliRun.of("parse", file.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).endsWith("\n").doesNotContain("null");
    assertThat(run.out().lines()).hasSize(1);
    JsonNode expected = JSON.readTree(fixture("example.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) expected).put("file", file.toString());
    assertThat(JSON.readTree(run.out())).isEqualTo(expected);
  }

  @Test
  void draftJsonLeavesOutDesignatorAndDtgInsteadOfWritingNull() throws IOException {
    CliRun run = CliRun.of("parse", fixture("draft.txt").toString());

    assertThat(run.exit()).isZero();
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.has("designator")).isFalse();
    assertThat(json.has("dtg")).isFalse();
    assertThat(json.has("eyesOnly")).isFalse();
    assertThat(json.get("paragraphs").get(0).has("number")).isFalse();
    assertThat(json.get("paragraphs").get(0).get("text").asText())
        .isEqualTo("1. This draft’s first block only looks numbered — it is escaped.");
  }

  @Test
  void severalFilesGiveJsonLinesInArgumentOrder() throws IOException {
    Path example = fixture("example.txt");
    Path draft = fixture("draft.txt");

    CliRun run = CliRun.of("parse", draft.toString(), example.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out().lines())
        .hasSize(2)
        .satisfiesExactly(
            l -> assertThat(JSON.readTree(l).get("file").asText()).isEqualTo(draft.toString()),
            l -> assertThat(JSON.readTree(l).get("file").asText()).isEqualTo(example.toString()));
  }

  @Test
  void toCanonicalPrintsTheCanonicalTextByteForByte() throws IOException {
    Path file = fixture("example.txt");

    CliRun run = CliRun.of("parse", "--to", "canonical", file.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }

  @Test
  void malformedFileExitsTwoWithFileLineColumnCodeAndReason() throws IOException {
    String text =
        Files.readString(fixture("example.txt"), StandardCharsets.UTF_8)
            .replace("   A. SUB", "A. SUB");
    Path bad = write("bad.txt", text);

    CliRun run = CliRun.of("parse", bad.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            bad
                + ":16:1: INDENT: sub-paragraphs are indented three spaces; escape a block that"
                + " only looks like one with a backslash\n");
  }

  @Test
  void verboseShowsTheOffendingLineWithACaret() throws IOException {
    Path bad = write("bad.txt", "FLASH\nTOP SECRET BOGUS\n");

    CliRun run = CliRun.of("parse", "--verbose", bad.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines())
        .containsExactly(
            bad
                + ":2:12: LABEL: unknown caveat or eyes-only marking at \"BOGUS\"; this station"
                + " knows the caveats [CHEROKEE, EXDIS, LIMDIS, NODIS, NOFORN, ORCON, OUTSIDE THE"
                + " SYSTEM, SENSITIVE, SPECAT, UMBRA] and the markings EYES ONLY, EXCLUSIVELY EYES"
                + " ONLY, LITERALLY EYES ONLY",
            "  TOP SECRET BOGUS",
            "             ^");
  }

  @Test
  void oneBadFileDoesNotStopTheOthers() throws IOException {
    Path bad = write("bad.txt", "URGENT\n");
    Path good = fixture("example.txt");

    CliRun run = CliRun.of("parse", bad.toString(), good.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out().lines()).hasSize(1);
    assertThat(run.err()).startsWith(bad + ":1:1: PRECEDENCE: ");
  }

  @Test
  void missingFileExitsThree() {
    Path missing = dir.resolve("missing.txt");

    CliRun run = CliRun.of("parse", missing.toString());

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("NOT_FOUND: " + missing + ": no such file\n");
  }

  @Test
  void editionTextIsDetectedAndPrintedWithItsEditionObject() throws IOException {
    Path edition =
        write(
            "edition.txt",
            "12. Backchannel Message From Haig to Kissinger1\n\nTohak 3. Deliver immediately.\n\n"
                + "1. All quiet.\n  1. Source: Archive, Box 1. Secret; Flash.\n");

    CliRun run = CliRun.of("parse", edition.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEmpty();
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("designator").get("text").asText()).isEqualTo("Tohak 3");
    assertThat(json.get("precedence").asText()).isEqualTo("FLASH");
    assertThat(json.get("edition").get("document").asInt()).isEqualTo(12);
    assertThat(json.get("edition").get("source").get("location").asText())
        .isEqualTo("Archive, Box 1");
  }

  @Test
  void editionTextToCanonicalPrintsTheCablePart() throws IOException {
    Path edition =
        write(
            "edition.txt",
            "12. Backchannel Message From Haig to Kissinger\n\nTohak 3.\n\n1. All quiet.\n");

    CliRun run = CliRun.of("parse", "--to", "canonical", edition.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .isEqualTo("ROUTINE\nUNCLASSIFIED\nFROM: HAIG\nTO: KISSINGER\nTOHAK 3\n\n1. All quiet.\n");
  }

  @Test
  void malformedEditionTextExitsTwoWithItsPlace() throws IOException {
    Path edition = write("edition.txt", "12. Editorial Note\n\nText.\n");

    CliRun run = CliRun.of("parse", "--from", "edition", edition.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            edition
                + ":1:1: EDITION_PARTIES: the title names no sender (\"… From … to …\"):"
                + " \"Editorial Note\"\n");
  }

  @Test
  void fromCanonicalForcesTheCanonicalParser() throws IOException {
    Path edition = write("edition.txt", "12. Backchannel Message From Haig to Kissinger\n");

    CliRun run = CliRun.of("parse", "--from", "canonical", edition.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith(edition + ":1:1: PRECEDENCE: ");
  }

  @Test
  void missingFileArgumentIsAUsageErrorExitingTwo() {
    CliRun run = CliRun.of("parse");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo("USAGE: Missing required parameter: 'FILE'\nTry 'backchannel parse --help'.\n");
  }

  @Test
  void unknownFormIsAUsageErrorNamingTheChoices() throws IOException {
    CliRun run = CliRun.of("parse", "--to", "xml", fixture("example.txt").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "USAGE: Invalid value for option '--to': expected one of [json, canonical] (case-sensitive)"
                + " but was 'xml'");
  }

  @Test
  void helpAndVersionPrintOnStdoutAndExitZero() {
    CliRun help = CliRun.of("--help");
    CliRun parseHelp = CliRun.of("parse", "--help");
    CliRun version = CliRun.of("--version");

    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Usage: backchannel", "parse");
    assertThat(parseHelp.exit()).isZero();
    assertThat(parseHelp.out()).contains("--from=FORM", "--to=FORM", "Exit codes:");
    assertThat(version.exit()).isZero();
    assertThat(version.out()).startsWith("backchannel 0.1.0-SNAPSHOT\n");
  }
}
