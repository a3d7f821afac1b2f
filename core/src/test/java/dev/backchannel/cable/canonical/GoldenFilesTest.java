package dev.backchannel.cable.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Dtg;
import dev.backchannel.cable.EyesOnly;
import dev.backchannel.cable.Handling;
import dev.backchannel.cable.HandlingKind;
import dev.backchannel.cable.Paragraph;
import dev.backchannel.cable.Part;
import dev.backchannel.cable.Person;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.Reference;
import dev.backchannel.cable.SecurityLabel;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.StationSerial;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The golden canonical texts in {@code src/test/resources/canonical}. */
class GoldenFilesTest {
  private final CanonicalText canonical = CanonicalText.standard();

  static byte[] golden(String name) {
    try (InputStream in = GoldenFilesTest.class.getResourceAsStream("/canonical/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /canonical/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.txt", "draft-unnumbered.txt", "escapes.txt", "full.txt"})
  void goldenTextRendersBackByteForByte(String name) {
    byte[] bytes = golden(name);
    assertThat(CanonicalText.bytes(canonical.parse(bytes))).isEqualTo(bytes);
  }

  @Test
  void designExampleBuiltInCodeRendersAsTheGoldenText() {
    Cable cable =
        Cable.builder(
                Precedence.FLASH,
                new SecurityLabel(
                    Classification.TOP_SECRET,
                    List.of(new Caveat("Sensitive")),
                    Optional.of(EyesOnly.EXCLUSIVELY_EYES_ONLY)),
                Person.at("Kissinger", "Saigon"))
            .to(Person.at("Haig", "Washington"))
            .passTo(Person.named("The President"))
            .dtg(Dtg.parse("221530Z OCT 72"))
            .designator(
                new Designator.Numbered(
                    new Series("Hakto"), 45, Optional.of(new StationSerial(Optional.empty(), 225))))
            .handling(new Handling("Deliver immediately"))
            .reference(Reference.to(new Series("Tohak"), 84))
            .subject("Security situation and bombing restrictions")
            .paragraph(Paragraph.numbered(1, "FIRST PARAGRAPH ..."))
            .paragraph(
                new Paragraph(
                    OptionalInt.of(2),
                    "SECOND PARAGRAPH ...",
                    List.of(
                        new Part.SubParagraph("A.", "SUB-PARAGRAPH ..."),
                        new Part.Block("FURTHER BLOCK OF PARAGRAPH 2 ..."))))
            .build();

    assertThat(CanonicalText.bytes(cable)).isEqualTo(golden("example.txt"));
    assertThat(CanonicalText.sha256(cable))
        .isEqualTo("e85ef15d22236f68df283fdb081f59d9e5e61b5c66218e9a79ee1eeebb4b074c");
  }

  @Test
  void fullTextHoldsEveryHeaderPartInItsFields() {
    Cable c = canonical.parse(golden("full.txt"));

    assertThat(c.precedence()).isEqualTo(Precedence.FLASH_OVERRIDE);
    assertThat(c.label().banner())
        .isEqualTo("TOP SECRET NODIS OUTSIDE THE SYSTEM SENSITIVE LITERALLY EYES ONLY");
    assertThat(c.label().caveats())
        .extracting(Caveat::name)
        .containsExactly("NODIS", "OUTSIDE THE SYSTEM", "SENSITIVE");
    assertThat(c.to())
        .extracting(Person::text)
        .containsExactly("KISSINGER (PARIS)", "LORD (PARIS)");
    assertThat(c.info())
        .extracting(Person::text)
        .containsExactly("SCOWCROFT", "COL. KENNEDY (WASHINGTON)");
    assertThat(c.passTo()).extracting(Person::name).containsExactly("THE PRESIDENT", "BUNKER");
    assertThat(c.designator().orElseThrow().displayText()).isEqualTo("Tohak 122/WHS 2390");
    assertThat(c.handling())
        .extracting(Handling::kind)
        .containsExactly(
            HandlingKind.DELIVER_IMMEDIATELY,
            HandlingKind.SEALED,
            HandlingKind.NOTIFY_ON_RECEIPT,
            HandlingKind.DELIVER_BY,
            HandlingKind.FREE_TEXT);
    assertThat(c.references())
        .containsExactly(
            new Reference(new Series("HAKTO"), 44, OptionalInt.of(2), Optional.empty()),
            Reference.to(new Series("TOHAK"), 84),
            new Reference(new Series("SECTO"), 12, OptionalInt.empty(), Optional.of("PARIS 1973")));
    assertThat(c.paragraphs()).hasSize(3);
    assertThat(c.paragraphs().get(1).subparagraphs())
        .extracting(Part.SubParagraph::label)
        .containsExactly("A.", "B.");
    assertThat(c.paragraphs().get(1).blocks())
        .extracting(Part.Block::text)
        .containsExactly("He asks that the restriction not be announced.");
  }

  @Test
  void escapedBlocksLoseTheirBackslashInTheCable() {
    Cable c = canonical.parse(golden("escapes.txt"));

    assertThat(c.designator())
        .contains(new Designator.StationOnly(StationSerial.parse("WHS 2282")));
    assertThat(c.paragraphs().get(0).number()).isEmpty();
    assertThat(c.paragraphs().get(0).text()).isEqualTo("1. This block only looks numbered.");
    assertThat(c.paragraphs().get(1).parts())
        .containsExactly(
            new Part.SubParagraph("(a)", "A real sub-paragraph."),
            new Part.Block("(b) A block that only looks like a sub-paragraph."),
            new Part.Block("\\ A block that starts with a backslash."),
            new Part.SubParagraph(
                "(iv)", "A roman sub-paragraph with “quotes” and résumé — and 🙂."));
    assertThat(c.paragraphs().get(2).text())
        .isEqualTo("A. An unnumbered paragraph that looks lettered.");
  }
}
