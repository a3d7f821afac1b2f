package dev.backchannel.cable;

import java.util.Optional;

/**
 * The eyes-only marking of a label, kept in its own words. Any of them restricts the content to
 * named readers (G3); the words differ only in emphasis.
 */
public enum EyesOnly {
  EYES_ONLY("EYES ONLY"),
  EXCLUSIVELY_EYES_ONLY("EXCLUSIVELY EYES ONLY"),
  LITERALLY_EYES_ONLY("LITERALLY EYES ONLY");

  private final String words;

  EyesOnly(String words) {
    this.words = words;
  }

  /** The words as written in a cable, e.g. {@code EXCLUSIVELY EYES ONLY}. */
  public String words() {
    return words;
  }

  /** The marking named by {@code words} in any case; empty if the words name none. */
  public static Optional<EyesOnly> fromWords(String words) {
    return Text.byWords(EyesOnly.class, EyesOnly::words, words);
  }
}
