package dev.backchannel.cable.edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.EyesOnly;
import dev.backchannel.cable.Handling;
import dev.backchannel.cable.HandlingKind;
import dev.backchannel.cable.Paragraph;
import dev.backchannel.cable.Part;
import dev.backchannel.cable.Person;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.Reference;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.StationSerial;
import dev.backchannel.cable.canonical.CableSyntaxException;
import dev.backchannel.cable.edition.Edition.Place;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EditionParserTest {
  private final EditionText editions = EditionText.standard();

  private EditionCable read(String text) {
    return editions.parse(text);
  }

  private static String doc(String heading, String designatorLine, String body, String... notes) {
    StringBuilder b =
        new StringBuilder(heading).append("\n\n").append(designatorLine).append("\n\n");
    b.append(body);
    for (int i = 0; i < notes.length; i++) {
      b.append("\n  ").append(i + 1).append(". ").append(notes[i]);
    }
    return b.toString();
  }

  @Test
  void aSeriesWordInsideAnotherNumbersStationSerialIsNotTheDesignator() {
    String heading =
        "54. Backchannel Message From the President's Assistant for National Security Affairs"
            + " (Kissinger) to the President's Deputy Assistant (Haig)";

    EditionCable inside = read(doc(heading, "Photo 3/HAKTO 45.", "1. We met today."));
    EditionCable after = read(doc(heading, "Immediate. Hakto 45/2291.", "1. We met today."));

    assertThat(inside.cable().designator()).isEmpty();
    assertThat(inside.cable().paragraphs().get(0).text()).isEqualTo("Photo 3/HAKTO 45.");
    assertThat(after.cable().designator())
        .contains(
            new Designator.Numbered(
                new Series("HAKTO"), 45, Optional.of(StationSerial.parse("2291"))));
  }

  @Test
  void senderWithoutParenthesesAndAddresseeWithPlace() {
    Cable c = read(Fixtures.text("kennedy.txt")).cable();

    assertThat(c.from()).isEqualTo(Person.named("Richard T. Kennedy"));
    assertThat(c.to()).containsExactly(Person.at("Kissinger", "Saigon"));
  }

  @Test
  void precedenceAndHandlingBeforeTheDesignatorAndLetteredReferences() {
    Cable c = read(Fixtures.text("kennedy.txt")).cable();

    assertThat(c.designator())
        .contains(
            new Designator.Numbered(
                new Series("TOHAK"), 90, Optional.of(StationSerial.parse("WHS 2291"))));
    assertThat(c.precedence()).isEqualTo(Precedence.IMMEDIATE);
    assertThat(c.handling())
        .extracting(Handling::kind)
        .containsExactly(HandlingKind.OPENING_OF_BUSINESS);
    assertThat(c.handling().get(0).words()).isEqualTo("DELIVER OPENING OF BUSINESS");
    assertThat(c.references())
        .containsExactly(
            Reference.to(new Series("HAKTO"), 47),
            new Reference(new Series("HAKTO"), 48, OptionalInt.of(3), Optional.empty()));
  }

  @Test
  void sourceNoteSplitsLocationMarkingsAndNotes() {
    EditionCable read = read(Fixtures.text("kennedy.txt"));

    assertThat(read.cable().label().classification()).isEqualTo(Classification.SECRET);
    assertThat(read.cable().label().caveats()).containsExactly(new Caveat("SENSITIVE"));
    assertThat(read.cable().label().eyesOnly()).contains(EyesOnly.EXCLUSIVELY_EYES_ONLY);
    assertThat(read.edition().source().orElseThrow().markings())
        .containsExactly("Secret", "Sensitive", "Exclusively Eyes Only");
    assertThat(read.edition().notes())
        .containsExactly(
            "Repeated to Paris.", "The original is the copy approved for transmission.");
  }

  @Test
  void numberOnItsOwnLineOrInlineWithSubParagraphs() {
    List<Paragraph> p = read(Fixtures.text("kennedy.txt")).cable().paragraphs();

    assertThat(p).extracting(x -> x.number().getAsInt()).containsExactly(1, 2, 3);
    assertThat(p.get(0).text()).endsWith("I told him it does until you return.");
    assertThat(p.get(1).text()).startsWith("The President read both cables in full");
    assertThat(p.get(1).parts())
        .containsExactly(
            new Part.SubParagraph("(a)", "He wants it before the NSC meeting."),
            new Part.SubParagraph("(b)", "He asked that no copies be made."));
    assertThat(p.get(2).text()).isEqualTo("Warm regards.");
  }

  @Test
  void footnoteOnBodyTextNamingDocumentsMapsNothing() {
    Edition e = read(Fixtures.text("kennedy.txt")).edition();

    Edition.Footnote two = e.footnotes().get(1);
    assertThat(two.text()).isEqualTo("See Documents 44 and 45.");
    assertThat(two.anchor().orElseThrow().place()).isEqualTo(Place.PARAGRAPH);
    assertThat(two.anchor().orElseThrow().paragraph()).hasValue(1);
    assertThat(e.documentMappings()).isEmpty();
  }

  @Test
  void markerEndingTheHeadingAfterALetterIsRemoved() {
    Edition e = read(Fixtures.text("kennedy.txt")).edition();

    assertThat(e.title()).endsWith("(Kissinger) in Saigon");
    assertThat(e.footnotes().get(0).anchor().orElseThrow().place()).isEqualTo(Place.HEADING);
  }

  @Test
  void bodyWithoutNumbersGivesUnnumberedParagraphs() {
    EditionCable read = read(Fixtures.text("unnumbered.txt"));
    Cable c = read.cable();

    assertThat(c.from()).isEqualTo(Person.at("Haig", "Washington"));
    assertThat(c.to()).containsExactly(Person.named("Bunker"));
    assertThat(c.designator()).contains(Designator.of(new Series("TOHAIG"), 14));
    assertThat(c.paragraphs()).hasSize(2).allSatisfy(p -> assertThat(p.number()).isEmpty());
    assertThat(c.paragraphs().get(1).text()).endsWith("with or without him.");
  }

  @Test
  void precedenceComesFromTheDesignatorLineWhenTheSourceNoteHasNone() {
    EditionCable read = read(Fixtures.text("unnumbered.txt"));

    assertThat(read.cable().precedence()).isEqualTo(Precedence.FLASH);
    assertThat(read.cable().handling())
        .extracting(Handling::kind)
        .containsExactly(HandlingKind.DELIVER_IMMEDIATELY);
    assertThat(read.edition().source().orElseThrow().location())
        .isEqualTo(
            "National Archives, Nixon Presidential Materials, NSC Files, Box 857, For the"
                + " President’s Files, Vol. II");
    assertThat(read.cable().label().eyesOnly()).contains(EyesOnly.EYES_ONLY);
    assertThat(read.edition().footnotes().get(1).anchor().orElseThrow().paragraph()).hasValue(2);
  }

  @Test
  void cableNumberedByStationSerialAloneKeepsIt() {
    EditionCable read = read(Fixtures.text("station-only.txt"));

    assertThat(read.cable().designator())
        .contains(new Designator.StationOnly(StationSerial.parse("WHS 2300")));
    assertThat(read.cable().references()).containsExactly(Reference.to(new Series("TOHAK"), 101));
    assertThat(read.edition().documentMappings())
        .containsExactly(
            new Edition.DocumentMapping(
                new Edition.Designated(new Series("TOHAK"), 101), List.of(77)));
  }

  @Test
  void missingMarkingsAreAssumedAndSaidSo() {
    EditionCable read = read(Fixtures.text("station-only.txt"));

    assertThat(read.edition().source()).isEmpty();
    assertThat(read.cable().label().classification()).isEqualTo(Classification.UNCLASSIFIED);
    assertThat(read.cable().precedence()).isEqualTo(Precedence.ROUTINE);
    assertThat(read.edition().assumptions())
        .containsExactly(
            "classification: UNCLASSIFIED (no classification marking printed)",
            "precedence: ROUTINE (no precedence printed)");
  }

  @Test
  void paragraphOneMayStartOnTheDesignatorLine() {
    Cable c =
        read(doc(
                "12. Message From Haig to Kissinger1",
                "Tohaig 14. 1. The third wave went in at dawn.",
                "2. Losses were light.",
                "Source: Archive, Box 1. Secret; Immediate."))
            .cable();

    assertThat(c.designator()).contains(Designator.of(new Series("TOHAIG"), 14));
    assertThat(c.from()).isEqualTo(Person.named("Haig"));
    assertThat(c.paragraphs())
        .containsExactly(
            Paragraph.numbered(1, "The third wave went in at dawn."),
            Paragraph.numbered(2, "Losses were light."));
  }

  @Test
  void markerInTheReferenceOfALineThatAlsoStartsParagraphOneIsInTheHeader() {
    EditionCable read =
        read(
            doc(
                "17. Message From Haig to Kissinger",
                "Tohaig 15. Ref: Hakto 45/225.1 1. Agreed.2",
                "2. Done.",
                "Document 50.",
                "Not printed."));

    assertThat(read.cable().references()).containsExactly(Reference.to(new Series("HAKTO"), 45));
    assertThat(read.edition().unplacedLines()).isEmpty();
    Edition.Anchor one = read.edition().footnotes().get(0).anchor().orElseThrow();
    assertThat(one.place()).isEqualTo(Place.HEADER);
    assertThat(one.designator()).contains(new Edition.Designated(new Series("HAKTO"), 45));
    Edition.Anchor two = read.edition().footnotes().get(1).anchor().orElseThrow();
    assertThat(two.place()).isEqualTo(Place.PARAGRAPH);
    assertThat(two.paragraph()).hasValue(1);
    assertThat(read.cable().paragraphs().get(0).text()).isEqualTo("Agreed.");
  }

  @Test
  void referencesLabelledWithLettersAndDots() {
    EditionCable read =
        read(
            doc(
                "18. Backchannel Message From Haig to Kissinger",
                "Tohak 21. Ref: A. Hakto 11; B. Hakto 12 para 4.",
                "1. Agreed."));

    assertThat(read.cable().references())
        .containsExactly(
            Reference.to(new Series("HAKTO"), 11),
            new Reference(new Series("HAKTO"), 12, OptionalInt.of(4), Optional.empty()));
    assertThat(read.edition().unplacedLines()).isEmpty();
  }

  @Test
  void aReferenceNumberedZeroEndsTheListInsteadOfFailingTheRead() {
    // Found by EditionTextFuzzTest: "SPECAT 0" threw InvalidValueException out of parse.
    EditionCable serialZero =
        read(
            doc(
                "18. Backchannel Message From Haig to Kissinger",
                "Tohak 21. Ref: Hakto 11; Hakto 0.",
                "1. Agreed."));
    EditionCable paragraphZero =
        read(
            doc(
                "18. Backchannel Message From Haig to Kissinger",
                "Tohak 21. Ref: Hakto 11; Hakto 12 para 0.",
                "1. Agreed."));

    assertThat(serialZero.cable().references())
        .containsExactly(Reference.to(new Series("HAKTO"), 11));
    assertThat(paragraphZero.cable().references())
        .containsExactly(Reference.to(new Series("HAKTO"), 11));
  }

  @Test
  void referenceOnALineOfItsOwn() {
    Cable c =
        read(doc(
                "13. Backchannel Message From Haig to Kissinger",
                "Tohak 20.\nRef: Hakto 11 and Hakto 12.",
                "1. Agreed."))
            .cable();

    assertThat(c.references())
        .containsExactly(
            Reference.to(new Series("HAKTO"), 11), Reference.to(new Series("HAKTO"), 12));
  }

  @Test
  void lookAlikeDigitsGluedToLettersStayText() {
    EditionCable read =
        read(
            doc(
                "14. Backchannel Message From Haig to Kissinger1",
                "Tohak 21.",
                "1. Route 2 is open; so is MR2 and the bridge at Km 2.\n2. Done.2",
                "Source: Archive. Secret; Flash.",
                "Not printed."));

    assertThat(read.cable().paragraphs().get(0).text())
        .isEqualTo("Route 2 is open; so is MR2 and the bridge at Km 2.");
    assertThat(read.cable().paragraphs().get(1).text()).isEqualTo("Done.");
    assertThat(read.edition().footnotes().get(1).anchor().orElseThrow().paragraph()).hasValue(2);
  }

  @Test
  void footnoteNamingADocumentOfAnotherVolumeMapsNothing() {
    EditionCable read =
        read(
            doc(
                "15. Backchannel Message From Kissinger to Haig",
                "Hakto 9. Ref: Tohak 7.1",
                "1. Yes.",
                "See Foreign Relations, 1969–1976, vol. VIII, Document 12."));

    assertThat(read.edition().footnotes().get(0).anchor().orElseThrow().designator())
        .contains(new Edition.Designated(new Series("TOHAK"), 7));
    assertThat(read.edition().documentMappings()).isEmpty();
  }

  @Test
  void footnoteSentenceRunsPastTheFullStopOfAnAbbreviation() {
    EditionCable read =
        read(
            doc(
                "16. Backchannel Message From Kissinger to Haig",
                "Hakto 9. Ref: Tohak 7.1",
                "1. Yes.",
                "See Document 50, shown to gen. Haig in another volume."));

    assertThat(read.edition().documentMappings()).isEmpty();
  }

  @Test
  void footnoteSentencesSplitAtFullStopsThatEndNoAbbreviation() {
    EditionCable read =
        read(
            doc(
                "17. Backchannel Message From Kissinger to Haig",
                "Hakto 9. Ref: Tohak 7.1",
                "1. Yes.",
                "Gen. Haig kept it in another volume.  See Documents 30 and 51."));

    assertThat(read.edition().documentMappings())
        .containsExactly(
            new Edition.DocumentMapping(
                new Edition.Designated(new Series("TOHAK"), 7), List.of(30, 51)));
  }

  @Test
  void sourceNoteNotesAreWholeSentencesPastAbbreviations() {
    EditionCable read =
        read(
            doc(
                "18. Backchannel Message From Kissinger to Haig",
                "Hakto 9.",
                "1. Yes.",
                "Source: National Archives, Box 1. Secret; Immediate. Sent via Mr. Rodman and"
                    + " Col. Kennedy. Received at the White House.  Initialed by Amb. Bunker"));

    assertThat(read.edition().source().orElseThrow().markings())
        .containsExactly("Secret", "Immediate");
    assertThat(read.edition().notes())
        .containsExactly(
            "Sent via Mr. Rodman and Col. Kennedy.",
            "Received at the White House.",
            "Initialed by Amb. Bunker");
  }

  @Test
  void markerAfterADesignatorInTheTextNamesItAndAfterALookAlikeNamesNothing() {
    EditionCable read =
        read(
            doc(
                "20. Backchannel Message From Kissinger to Haig",
                "Hakto 9.",
                "1. As agreed in Tohak 84/WHS 225, para 2.1 And into 5.2 Then Haigto 3.3",
                "Not printed.",
                "A look-alike.",
                "See Document 7."));

    assertThat(read.edition().footnotes())
        .extracting(f -> f.anchor().orElseThrow().designator())
        .containsExactly(
            Optional.of(new Edition.Designated(new Series("TOHAK"), 84)),
            Optional.empty(),
            Optional.of(new Edition.Designated(new Series("HAIGTO"), 3)));
    assertThat(read.cable().paragraphs().get(0).text())
        .isEqualTo("As agreed in Tohak 84/WHS 225, para 2. And into 5. Then Haigto 3.");
  }

  @Test
  void footnotePointingToAnotherDocumentsFootnoteMapsNothing() {
    EditionCable read =
        read(
            doc(
                "19. Backchannel Message From Kissinger to Haig",
                "Hakto 9. Ref: Tohak 7.1",
                "1. Yes.",
                "Tohak 7 is summarized in footnote 3, Document 48."));

    assertThat(read.edition().footnotes().get(0).anchor().orElseThrow().designator()).isPresent();
    assertThat(read.edition().documentMappings()).isEmpty();
  }

  @Test
  void somethingOddOnTheDesignatorLineIsReportedWithItsLine() {
    EditionCable read =
        read(
            doc(
                "16. Backchannel Message From Kissinger to Haig",
                "Hakto 10. Deliver immediately. Mind the gap.",
                "1. Yes."));

    assertThat(read.cable().handling())
        .extracting(Handling::kind)
        .containsExactly(HandlingKind.DELIVER_IMMEDIATELY);
    assertThat(read.edition().unplacedLines())
        .containsExactly(
            new Edition.UnplacedLine(
                3,
                "not read as designator, reference, precedence, marking or handling: \"Mind the"
                    + " gap\""));
  }

  @Test
  void textWithoutNumberedHeadingIsRefused() {
    CableSyntaxException e =
        catchThrowableOfType(
            CableSyntaxException.class,
            () -> read("\nBackchannel Message From Haig to Kissinger\n"));

    assertThat(e.getMessage())
        .isEqualTo(
            "2:1: EDITION_HEADING: edition text starts with a numbered heading such as \"54."
                + " Backchannel Message From …\"; found \"Backchannel Message From Haig to Kissinger\"");
  }

  @Test
  void titleWithoutSenderAndAddresseeIsRefused() {
    CableSyntaxException e =
        catchThrowableOfType(
            CableSyntaxException.class, () -> read("3. Editorial Note\n\nText.\n"));

    assertThat(e.getMessage())
        .isEqualTo(
            "1:1: EDITION_PARTIES: the title names no sender (\"… From … to …\"): \"Editorial"
                + " Note\"");
  }

  @Test
  void headingWithoutTextIsRefused() {
    CableSyntaxException e =
        catchThrowableOfType(
            CableSyntaxException.class,
            () -> read("4. Message From Haig to Kissinger\n\nTohak 3.\n"));

    assertThat(e.getMessage())
        .isEqualTo("1:1: EDITION_BODY: no paragraph of text follows the heading");
  }
}
