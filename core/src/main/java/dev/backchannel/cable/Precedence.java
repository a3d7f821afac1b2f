package dev.backchannel.cable;

import java.time.Duration;
import java.util.Optional;

/**
 * Required speed of handling, highest first (DESIGN 2). Declaration order is precedence order:
 * {@code FLASH_OVERRIDE.compareTo(ROUTINE) < 0}.
 */
public enum Precedence {
  FLASH_OVERRIDE("FLASH OVERRIDE", Duration.ofMinutes(10)),
  FLASH("FLASH", Duration.ofMinutes(10)),
  IMMEDIATE("IMMEDIATE", Duration.ofMinutes(30)),
  PRIORITY("PRIORITY", Duration.ofHours(3)),
  ROUTINE("ROUTINE", Duration.ofHours(6));

  private final String words;
  private final Duration defaultObjective;

  Precedence(String words, Duration defaultObjective) {
    this.words = words;
    this.defaultObjective = defaultObjective;
  }

  /** The words as written in a cable, e.g. {@code FLASH OVERRIDE}. */
  public String words() {
    return words;
  }

  /** The default handling objective (ACP 121), counted from delivery. */
  public Duration defaultObjective() {
    return defaultObjective;
  }

  /** True if this precedence is handled before {@code other}. */
  public boolean isHigherThan(Precedence other) {
    return compareTo(other) < 0;
  }

  /**
   * The precedence named by {@code words} in any case, accepting "Operational Immediate" as
   * IMMEDIATE; empty if the words name none.
   */
  public static Optional<Precedence> fromWords(String words) {
    if (Text.normalWords(words).equals("OPERATIONAL IMMEDIATE")) {
      return Optional.of(IMMEDIATE);
    }
    return Text.byWords(Precedence.class, Precedence::words, words);
  }
}
