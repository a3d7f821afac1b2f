package dev.backchannel.cable;

import static dev.backchannel.cable.InvalidValueAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParagraphTest {

  @Test
  void numberedParagraphOfOneBlock() {
    Paragraph p = Paragraph.numbered(1, "The third wave is on its way.");

    assertThat(p.number()).hasValue(1);
    assertThat(p.text()).isEqualTo("The third wave is on its way.");
    assertThat(p.parts()).isEmpty();
  }

  @Test
  void unnumberedParagraphOfOneBlock() {
    Paragraph p = Paragraph.unnumbered("Warm regards.");

    assertThat(p.number()).isEmpty();
    assertThat(p.text()).isEqualTo("Warm regards.");
  }

  @Test
  void bodyTextKeepsItsCase() {
    assertThat(Paragraph.numbered(2, "Deliver to Haig, not HAIG's staff.").text())
        .isEqualTo("Deliver to Haig, not HAIG's staff.");
  }

  @Test
  void bodyTextIsHeldInNfc() {
    assertThat(Paragraph.unnumbered("Caf\u0065\u0301 in Saigon").text())
        .isEqualTo("Caf\u00e9 in Saigon");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void nonPositiveNumberIsRefused(int number) {
    assertInvalid(
        () -> Paragraph.numbered(number, "Text."),
        "paragraph.number",
        "must be positive: " + number);
  }

  @Test
  void emptyTextIsRefused() {
    assertInvalid(() -> Paragraph.numbered(1, ""), "paragraph.text", "must not be empty");
  }

  @Test
  void textWithALineBreakIsRefused() {
    assertInvalid(
        () -> Paragraph.numbered(1, "One.\u2028Two."),
        "paragraph.text",
        "must not contain the control character U+2028 (at 5) in \"One.\\u2028Two.\"");
  }

  @Test
  void textWithATabIsRefused() {
    assertInvalid(
        () -> Paragraph.numbered(1, "One.\tTwo."),
        "paragraph.text",
        "must not contain the control character U+0009 (at 5) in \"One.\\u0009Two.\"");
  }

  @Test
  void textWithATrailingSpaceIsRefused() {
    assertInvalid(
        () -> Paragraph.numbered(1, "One. "),
        "paragraph.text",
        "must not begin or end with a space: \"One. \"");
  }

  @Test
  void blocksAndSubparagraphsAreSeparatedInOrder() {
    Part.Block first = new Part.Block("First further block.");
    Part.SubParagraph a = new Part.SubParagraph("A.", "Sub-paragraph A.");
    Part.Block second = new Part.Block("Second further block.");
    Part.SubParagraph b = new Part.SubParagraph("B.", "Sub-paragraph B.");
    Paragraph p = new Paragraph(OptionalInt.of(2), "Opening block.", List.of(first, a, second, b));

    assertThat(p.parts()).containsExactly(first, a, second, b);
    assertThat(p.blocks()).containsExactly(first, second);
    assertThat(p.subparagraphs()).containsExactly(a, b);
  }

  @Test
  void partsAreCopiedAndUnmodifiable() {
    List<Part> given = new ArrayList<>(List.of(new Part.Block("Block.")));
    Paragraph p = new Paragraph(OptionalInt.of(1), "Text.", given);
    given.add(new Part.Block("Later."));

    assertThat(p.parts()).containsExactly(new Part.Block("Block."));
    assertThatThrownBy(() -> p.parts().add(new Part.Block("More.")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void numberIsRequiredAsAnOptional() {
    assertThatThrownBy(() -> new Paragraph(null, "Text.", List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("number");
  }
}
