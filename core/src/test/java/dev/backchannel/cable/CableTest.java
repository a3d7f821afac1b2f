package dev.backchannel.cable;

import static dev.backchannel.cable.InvalidValueAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CableTest {
  private static final SecurityLabel LABEL =
      new SecurityLabel(
          Classification.TOP_SECRET,
          List.of(new Caveat("SENSITIVE")),
          Optional.of(EyesOnly.EXCLUSIVELY_EYES_ONLY));
  private static final Person KISSINGER = Person.at("Kissinger", "Saigon");
  private static final Person HAIG = Person.at("Haig", "Washington");

  private static Cable.Builder minimal() {
    return Cable.builder(Precedence.FLASH, LABEL, KISSINGER)
        .to(HAIG)
        .paragraph(Paragraph.numbered(1, "First paragraph."));
  }

  /** The seed cable's header, with every optional part filled. */
  private static Cable released() {
    return Cable.builder(Precedence.FLASH, LABEL, KISSINGER)
        .to(HAIG)
        .info(Person.named("Scowcroft"))
        .passTo(Person.named("The President"))
        .dtg(Dtg.parse("221530Z OCT 72"))
        .designator(
            new Designator.Numbered(
                new Series("Hakto"), 45, Optional.of(StationSerial.parse("225"))))
        .handling(new Handling("Deliver immediately"))
        .reference(Reference.to(new Series("Tohak"), 84))
        .reference(new Reference(new Series("Hakto"), 44, OptionalInt.of(2), Optional.empty()))
        .subject("Security situation and bombing restrictions")
        .paragraph(Paragraph.numbered(1, "First paragraph."))
        .paragraph(
            new Paragraph(
                OptionalInt.of(2),
                "Second paragraph.",
                List.of(
                    new Part.SubParagraph("A.", "Sub-paragraph."),
                    new Part.Block("Further block."))))
        .build();
  }

  @Test
  void builderCollectsEveryValueInOrder() {
    Cable c = released();

    assertThat(c.precedence()).isEqualTo(Precedence.FLASH);
    assertThat(c.label()).isEqualTo(LABEL);
    assertThat(c.from()).isEqualTo(KISSINGER);
    assertThat(c.to()).containsExactly(HAIG);
    assertThat(c.info()).containsExactly(Person.named("SCOWCROFT"));
    assertThat(c.passTo()).containsExactly(Person.named("THE PRESIDENT"));
    assertThat(c.dtg()).contains(Dtg.parse("221530Z OCT 72"));
    assertThat(c.designator().orElseThrow().text()).isEqualTo("HAKTO 45/225");
    assertThat(c.handling()).extracting(Handling::words).containsExactly("DELIVER IMMEDIATELY");
    assertThat(c.references())
        .extracting(Reference::text)
        .containsExactly("TOHAK 84", "HAKTO 44 PARA 2");
    assertThat(c.paragraphs())
        .extracting(Paragraph::text)
        .containsExactly("First paragraph.", "Second paragraph.");
  }

  @Test
  void subjectIsHeldUpperCased() {
    assertThat(released().subject()).contains("SECURITY SITUATION AND BOMBING RESTRICTIONS");
  }

  @Test
  void subjectIsHeldInNfc() {
    assertThat(minimal().subject("Cafe\u0301 talks").build().subject()).contains("CAF\u00c9 TALKS");
  }

  @Test
  void subjectMayHoldSemicolonsAndBrackets() {
    assertThat(minimal().subject("Talks (Paris); bombing").build().subject())
        .contains("TALKS (PARIS); BOMBING");
  }

  @Test
  void invalidSubjectIsRefused() {
    assertInvalid(() -> minimal().subject("").build(), "subject", "must not be empty");
    assertInvalid(
        () -> minimal().subject("Talks\nbombing").build(),
        "subject",
        "must not contain the control character U+000A (at 6) in \"Talks\\u000Abombing\"");
  }

  @Test
  void cableWithoutAnActionAddresseeIsRefused() {
    assertInvalid(
        () ->
            Cable.builder(Precedence.FLASH, LABEL, KISSINGER)
                .info(HAIG)
                .paragraph(Paragraph.numbered(1, "Text."))
                .build(),
        "to",
        "a cable needs at least one action addressee");
  }

  @Test
  void cableWithoutAParagraphIsRefused() {
    assertInvalid(
        () -> Cable.builder(Precedence.FLASH, LABEL, KISSINGER).to(HAIG).build(),
        "paragraphs",
        "a cable needs at least one paragraph");
  }

  @Test
  void missingActionAddresseeIsReportedBeforeMissingParagraph() {
    assertInvalid(
        () -> Cable.builder(Precedence.FLASH, LABEL, KISSINGER).build(),
        "to",
        "a cable needs at least one action addressee");
  }

  @Test
  void minimalCableHasOptionalPartsEmpty() {
    Cable c = minimal().build();

    assertThat(c.info()).isEmpty();
    assertThat(c.passTo()).isEmpty();
    assertThat(c.handling()).isEmpty();
    assertThat(c.references()).isEmpty();
    assertThat(c.subject()).isEmpty();
    assertThat(c.dtg()).isEmpty();
    assertThat(c.designator()).isEmpty();
  }

  @Test
  void cableWithoutDtgAndDesignatorIsADraft() {
    assertThat(minimal().build().isDraft()).isTrue();
  }

  @Test
  void releasedCableIsNotADraft() {
    assertThat(released().isDraft()).isFalse();
  }

  @Test
  void cableWithOnlyOneOfDtgAndDesignatorIsNotADraft() {
    assertThat(minimal().dtg(Dtg.parse("221530Z OCT 72")).build().isDraft()).isFalse();
    assertThat(minimal().designator(Designator.of(new Series("HAKTO"), 45)).build().isDraft())
        .isFalse();
  }

  @Test
  void asDraftRemovesDtgAndDesignator() {
    Cable draft = released().toBuilder().asDraft().build();

    assertThat(draft.isDraft()).isTrue();
    assertThat(draft.dtg()).isEmpty();
    assertThat(draft.designator()).isEmpty();
    assertThat(draft.subject()).isEqualTo(released().subject());
  }

  @Test
  void addresseeCountAddsActionInfoAndPassToEntries() {
    assertThat(minimal().build().addresseeCount()).isEqualTo(1);
    assertThat(released().addresseeCount()).isEqualTo(3);
    assertThat(
            minimal()
                .to(Person.named("Scowcroft"))
                .info(Person.named("Kennedy"))
                .info(Person.named("Rodman"))
                .passTo(Person.named("The President"))
                .build()
                .addresseeCount())
        .isEqualTo(5);
  }

  @Test
  void toBuilderThenBuildGivesAnEqualCable() {
    Cable c = released();

    assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(minimal().build().toBuilder().build()).isEqualTo(minimal().build());
  }

  @Test
  void toBuilderLeavesTheOriginalUnchanged() {
    Cable c = released();
    Cable changed =
        c.toBuilder()
            .precedence(Precedence.ROUTINE)
            .to(Person.named("Scowcroft"))
            .paragraph(Paragraph.numbered(3, "Third."))
            .build();

    assertThat(c).isEqualTo(released());
    assertThat(changed.precedence()).isEqualTo(Precedence.ROUTINE);
    assertThat(changed.to()).containsExactly(HAIG, Person.named("SCOWCROFT"));
    assertThat(changed.paragraphs()).hasSize(3);
    assertThat(c.paragraphs()).hasSize(2);
  }

  @Test
  void builderSettersReplaceTheThreeRequiredValues() {
    Cable c =
        minimal()
            .precedence(Precedence.ROUTINE)
            .label(SecurityLabel.of(Classification.SECRET))
            .from(HAIG)
            .build();

    assertThat(c.precedence()).isEqualTo(Precedence.ROUTINE);
    assertThat(c.label()).isEqualTo(SecurityLabel.of(Classification.SECRET));
    assertThat(c.from()).isEqualTo(HAIG);
  }

  @Test
  void listsAreUnmodifiable() {
    Cable c = released();

    assertThatThrownBy(() -> c.to().add(HAIG)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.paragraphs().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.handling().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void builtCableDoesNotChangeWhenItsBuilderDoes() {
    Cable.Builder b = minimal();
    Cable c = b.build();
    b.to(Person.named("Scowcroft")).paragraph(Paragraph.numbered(2, "Second."));

    assertThat(c.to()).containsExactly(HAIG);
    assertThat(c.paragraphs()).hasSize(1);
  }

  @Test
  void requiredValuesAreChecked() {
    assertThatThrownBy(() -> Cable.builder(null, LABEL, KISSINGER).to(HAIG).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("precedence");
    assertThatThrownBy(() -> Cable.builder(Precedence.FLASH, null, KISSINGER).to(HAIG).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("label");
    assertThatThrownBy(() -> Cable.builder(Precedence.FLASH, LABEL, null).to(HAIG).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("from");
  }
}
