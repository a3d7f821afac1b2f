package dev.backchannel.cable;

/**
 * The explicit limits on one cable (DESIGN 5.6); a station may configure its own.
 *
 * @param maxBytes canonical text size in UTF-8 bytes
 * @param maxParagraphs paragraphs in the body
 * @param maxLineChars characters on one line
 * @param maxReferences references
 * @param maxAddressees action, info and pass-to entries together
 */
public record Limits(
    int maxBytes, int maxParagraphs, int maxLineChars, int maxReferences, int maxAddressees) {

  /** 64 KiB, 500 paragraphs, 10,000 characters a line, 50 references, 100 addressees. */
  public static final Limits DEFAULT = new Limits(64 * 1024, 500, 10_000, 50, 100);

  /**
   * @throws InvalidValueException if a limit is not positive
   */
  public Limits {
    positive("maxBytes", maxBytes);
    positive("maxParagraphs", maxParagraphs);
    positive("maxLineChars", maxLineChars);
    positive("maxReferences", maxReferences);
    positive("maxAddressees", maxAddressees);
  }

  private static void positive(String field, int value) {
    if (value < 1) {
      throw new InvalidValueException("limits." + field, "must be positive: " + value);
    }
  }
}
