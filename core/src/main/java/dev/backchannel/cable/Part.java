package dev.backchannel.cable;

import java.util.regex.Pattern;

/**
 * What follows a paragraph's first block, in order: further blocks of the paragraph and lettered
 * sub-paragraphs.
 */
public sealed interface Part {

  /** The text of this part, one line. */
  String text();

  /** A further unnumbered block of the paragraph. */
  record Block(String text) implements Part {
    /**
     * @throws InvalidValueException if the text is not one valid line
     */
    public Block {
      text = Text.line("block", text);
    }
  }

  /**
   * A sub-paragraph with its label as written: {@code A.}, {@code a.}, {@code (a)}, {@code (A)},
   * {@code (1)} to {@code (99)}, or a lower-case roman numeral from {@code (ii)} to {@code (xv)}.
   */
  record SubParagraph(String label, String text) implements Part {
    /** The labels a sub-paragraph may carry. */
    public static final Pattern LABEL =
        Pattern.compile(
            "[A-Za-z]\\.|\\([A-Za-z]\\)|\\([1-9][0-9]?\\)|\\((?:i{2,3}|iv|vi{1,3}|ix|xi{1,3}|xiv|xv)\\)");

    /**
     * @throws InvalidValueException if the label is not one of the accepted forms or the text is
     *     not one valid line
     */
    public SubParagraph {
      if (label == null || !LABEL.matcher(label).matches()) {
        throw new InvalidValueException(
            "subparagraph.label",
            "must be A., a., (a), (A), (1) or (ii): "
                + (label == null ? "null" : Text.quote(label)));
      }
      text = Text.line("subparagraph.text", text);
    }
  }
}
