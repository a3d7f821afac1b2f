package dev.backchannel.cable;

import static dev.backchannel.cable.InvalidValueAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "A.", "a.", "Z.", "(a)", "(A)", "(z)", "(1)", "(9)", "(12)", "(99)", "(ii)", "(iv)",
        "(xii)", "(viii)"
      })
  void subParagraphLabelIsAccepted(String label) {
    Part.SubParagraph sub = new Part.SubParagraph(label, "Text.");

    assertThat(sub.label()).isEqualTo(label);
    assertThat(sub.text()).isEqualTo("Text.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "AB.",
        "(0)",
        "1.",
        "12.",
        "(100)",
        "(01)",
        "(ab)",
        "(vv)",
        "(ivx)",
        "(IV)",
        "A",
        "(A",
        "A)",
        "a)",
        "(A).",
        " A.",
        "A. ",
        "",
        "(\u00e9)",
        "\u00c9.",
        "(IV)",
        "(iiiiii)"
      })
  void subParagraphLabelOfAnotherFormIsRefused(String label) {
    assertInvalid(
        () -> new Part.SubParagraph(label, "Text."),
        "subparagraph.label",
        "must be A., a., (a), (A), (1) or (ii): \"" + label + "\"");
  }

  @Test
  void missingSubParagraphLabelIsRefused() {
    assertInvalid(
        () -> new Part.SubParagraph(null, "Text."),
        "subparagraph.label",
        "must be A., a., (a), (A), (1) or (ii): null");
  }

  @Test
  void subParagraphTextKeepsItsCaseAndIsHeldInNfc() {
    assertThat(new Part.SubParagraph("(a)", "Cafe\u0301 Talks").text())
        .isEqualTo("Caf\u00e9 Talks");
  }

  @Test
  void subParagraphTextFollowsTheLineRules() {
    assertInvalid(() -> new Part.SubParagraph("A.", ""), "subparagraph.text", "must not be empty");
    assertInvalid(
        () -> new Part.SubParagraph("A.", "One\ttwo"),
        "subparagraph.text",
        "must not contain the control character U+0009 (at 4) in \"One\\u0009two\"");
  }

  @Test
  void blockTextKeepsItsCaseAndIsHeldInNfc() {
    assertThat(new Part.Block("Further block, e\u0301te\u0301.").text())
        .isEqualTo("Further block, \u00e9t\u00e9.");
  }

  @Test
  void blockTextFollowsTheLineRules() {
    assertInvalid(() -> new Part.Block(""), "block", "must not be empty");
    assertInvalid(
        () -> new Part.Block(" Indented"),
        "block",
        "must not begin or end with a space: \" Indented\"");
    assertInvalid(
        () -> new Part.Block("Line\u2029break"),
        "block",
        "must not contain the control character U+2029 (at 5) in \"Line\\u2029break\"");
  }
}
