package dev.backchannel.cable;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A paragraph of the body: an optional number, its first block of text, and the further blocks and
 * sub-paragraphs that follow it, in order. A short cable may hold unnumbered paragraphs only.
 */
public record Paragraph(OptionalInt number, String text, List<Part> parts) {

  /**
   * @throws InvalidValueException if the number is not positive or the text is not one valid line
   */
  public Paragraph {
    Objects.requireNonNull(number, "number");
    if (number.isPresent() && number.getAsInt() < 1) {
      throw new InvalidValueException("paragraph.number", "must be positive: " + number.getAsInt());
    }
    text = Text.line("paragraph.text", text);
    parts = List.copyOf(parts);
  }

  /** A numbered paragraph of one block. */
  public static Paragraph numbered(int number, String text) {
    return new Paragraph(OptionalInt.of(number), text, List.of());
  }

  /** An unnumbered paragraph of one block. */
  public static Paragraph unnumbered(String text) {
    return new Paragraph(OptionalInt.empty(), text, List.of());
  }

  /** The further blocks, in order, without the sub-paragraphs. */
  public List<Part.Block> blocks() {
    return parts.stream().filter(Part.Block.class::isInstance).map(Part.Block.class::cast).toList();
  }

  /** The sub-paragraphs, in order. */
  public List<Part.SubParagraph> subparagraphs() {
    return parts.stream()
        .filter(Part.SubParagraph.class::isInstance)
        .map(Part.SubParagraph.class::cast)
        .toList();
  }
}
