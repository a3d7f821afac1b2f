package dev.backchannel.cable;

import java.util.Optional;

/** Classification levels, lowest first: declaration order is the order of the levels. */
public enum Classification {
  UNCLASSIFIED("UNCLASSIFIED"),
  CONFIDENTIAL("CONFIDENTIAL"),
  SECRET("SECRET"),
  TOP_SECRET("TOP SECRET");

  private final String words;

  Classification(String words) {
    this.words = words;
  }

  /** The words as written in a cable, e.g. {@code TOP SECRET}. */
  public String words() {
    return words;
  }

  /** True if this level is at least {@code other}. */
  public boolean atLeast(Classification other) {
    return compareTo(other) >= 0;
  }

  /** The level named by {@code words} in any case; empty if the words name none. */
  public static Optional<Classification> fromWords(String words) {
    return Text.byWords(Classification.class, Classification::words, words);
  }
}
