package dev.backchannel.cable.edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.EyesOnly;
import dev.backchannel.cable.Paragraph;
import dev.backchannel.cable.Person;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.Reference;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.StationSerial;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.cable.edition.Edition.Place;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed document, read from {@code ../shared/seeds/} (property {@code backchannel.seeds}): the
 * one test allowed to skip, when that folder is absent (DESIGN 8).
 */
class SeedTest {
  private static final String SEED = "000_7b9965d0cc23a81b.txt";
  private static byte[] bytes;
  private static EditionCable read;

  @BeforeAll
  static void readSeed() throws IOException {
    Path seed = Path.of(System.getProperty("backchannel.seeds", "../shared/seeds"), SEED);
    assumeTrue(Files.isRegularFile(seed), "the seed folder is absent: " + seed);
    bytes = Files.readAllBytes(seed);
    read = EditionText.standard().parse(bytes);
  }

  @Test
  void headingGivesDocumentTitleAndParties() {
    Edition e = read.edition();
    assertThat(e.document()).isEqualTo(54);
    assertThat(e.title())
        .isEqualTo(
            "Backchannel Message From the President’s Assistant for National Security Affairs"
                + " (Kissinger) to the President’s Deputy Assistant for National Security Affairs"
                + " (Haig)");
    assertThat(read.cable().from()).isEqualTo(Person.named("Kissinger"));
    assertThat(read.cable().to()).containsExactly(Person.named("Haig"));
  }

  @Test
  void designatorLineGivesSeriesSerialStationSerialAndReference() {
    Cable c = read.cable();
    assertThat(c.designator())
        .contains(
            new Designator.Numbered(
                new Series("HAKTO"), 45, Optional.of(new StationSerial(Optional.empty(), 225))));
    assertThat(c.references()).containsExactly(Reference.to(new Series("TOHAK"), 84));
    assertThat(c.handling()).isEmpty();
  }

  @Test
  void markingsComeFromTheSourceNote() {
    Cable c = read.cable();
    assertThat(c.label().classification()).isEqualTo(Classification.TOP_SECRET);
    assertThat(c.precedence()).isEqualTo(Precedence.FLASH);
    assertThat(c.label().eyesOnly()).contains(EyesOnly.EXCLUSIVELY_EYES_ONLY);
    assertThat(c.label().caveats()).isEmpty();
    Edition.SourceNote source = read.edition().source().orElseThrow();
    assertThat(source.location())
        .isEqualTo(
            "Library of Congress, Manuscript Division, Kissinger Papers, Box TS 59, Geopolitical"
                + " File, Vietnam, Trips, Kissinger, Henry, 1972, October, Chronological File");
    assertThat(source.markings()).containsExactly("Top Secret", "Flash", "Exclusively Eyes Only");
    assertThat(read.edition().notes()).isEmpty();
    assertThat(read.edition().assumptions()).isEmpty();
  }

  @Test
  void sevenParagraphsWithTheContinuationBlocksOfFiveAndSix() {
    List<Paragraph> p = read.cable().paragraphs();
    assertThat(p)
        .extracting(Paragraph::number)
        .containsExactly(
            OptionalInt.of(1),
            OptionalInt.of(2),
            OptionalInt.of(3),
            OptionalInt.of(4),
            OptionalInt.of(5),
            OptionalInt.of(6),
            OptionalInt.of(7));
    assertThat(p.get(0).text())
        .isEqualTo(
            "With reference to Tohak 84, I hope you are not briefing the President along those"
                + " lines and that you let him read my cables.");
    assertThat(p.get(4).text()).startsWith("With respect to bombing restrictions,");
    assertThat(p.get(4).blocks())
        .extracting(b -> b.text().substring(0, 30))
        .containsExactly("The argument for a bombing res", "We must institute a restrictio");
    assertThat(p.get(5).blocks())
        .extracting(b -> b.text().substring(0, 30))
        .containsExactly("Please keep in mind what has g");
    assertThat(p.stream().filter(x -> x != p.get(4) && x != p.get(5)))
        .allSatisfy(x -> assertThat(x.parts()).isEmpty());
    assertThat(p.get(6).text())
        .isEqualTo("Again I ask that you make sure that the President reads my cables.");
  }

  @Test
  void footnoteTwoMapsTohakEightyFourToDocumentFifty() {
    Edition e = read.edition();
    assertThat(e.footnotes()).extracting(Edition.Footnote::number).containsExactly(1, 2, 3);
    Edition.Footnote two = e.footnotes().get(1);
    assertThat(two.text()).isEqualTo("Document 50.");
    assertThat(two.anchor().orElseThrow().place()).isEqualTo(Place.HEADER);
    assertThat(e.documentMappings())
        .containsExactly(
            new Edition.DocumentMapping(
                new Edition.Designated(new Series("TOHAK"), 84), List.of(50)));
  }

  @Test
  void footnoteThreeIsLinkedToParagraphFiveAndMapsNothing() {
    Edition.Footnote three = read.edition().footnotes().get(2);
    assertThat(three.text()).isEqualTo("See Documents 30 and 51.");
    Edition.Anchor anchor = three.anchor().orElseThrow();
    assertThat(anchor.place()).isEqualTo(Place.PARAGRAPH);
    assertThat(anchor.paragraph()).hasValue(5);
    assertThat(anchor.designator()).isEmpty();
    assertThat(read.cable().paragraphs().get(4).blocks().get(0).text())
        .contains("we had a complete agreement. To maintain the position");
  }

  @Test
  void footnoteOneIsLinkedToTheHeading() {
    assertThat(read.edition().footnotes().get(0).anchor().orElseThrow().place())
        .isEqualTo(Place.HEADING);
  }

  @Test
  void mr3StaysTextAndMarkersLeaveTheText() {
    String canonical = CanonicalText.render(read.cable());
    assertThat(read.cable().paragraphs().get(3).text())
        .contains("8,000 North Vietnamese in MR3.")
        .contains("under Vietcong control in MR3.");
    assertThat(canonical).doesNotContain("Tohak 84.2").doesNotContain("agreement.3");
  }

  @Test
  void everyLineIsPlacedAndTheOriginalIsKeptByteForByte() {
    assertThat(read.edition().unplacedLines()).isEmpty();
    assertThat(read.edition().original().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
  }
}
