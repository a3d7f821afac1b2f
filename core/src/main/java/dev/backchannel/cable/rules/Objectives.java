package dev.backchannel.cable.rules;

import dev.backchannel.cable.InvalidValueException;
import dev.backchannel.cable.Precedence;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The handling objective of each precedence (DESIGN 2, G7), counted from delivery: the time within
 * which every action addressee must have answered the cable. Configurable; {@link #defaults()} are
 * ACP 121's handling times.
 *
 * @param byPrecedence an objective for every precedence, each positive
 */
public record Objectives(Map<Precedence, Duration> byPrecedence) {
  /** What an action addressee must do within the objective. */
  public enum Answer {
    /** Open the cable: PRIORITY and ROUTINE. */
    OPENED,
    /** Acknowledge it: FLASH OVERRIDE, FLASH and IMMEDIATE. */
    ACKNOWLEDGED
  }

  /**
   * @throws InvalidValueException if a precedence has no objective or one that is not positive
   */
  public Objectives {
    Objects.requireNonNull(byPrecedence, "byPrecedence");
    EnumMap<Precedence, Duration> copy = new EnumMap<>(Precedence.class);
    for (Precedence p : Precedence.values()) {
      Duration d = byPrecedence.get(p);
      if (d == null) {
        throw new InvalidValueException("objectives", "no objective for " + p.words());
      }
      if (d.isNegative() || d.isZero()) {
        throw new InvalidValueException(
            "objectives", "the objective for " + p.words() + " must be positive, not " + d);
      }
      copy.put(p, d);
    }
    byPrecedence = Map.copyOf(copy);
  }

  /**
   * ACP 121's handling times: FLASH OVERRIDE and FLASH 10 min, IMMEDIATE 30 min, PRIORITY 3 h,
   * ROUTINE 6 h.
   */
  public static Objectives defaults() {
    EnumMap<Precedence, Duration> d = new EnumMap<>(Precedence.class);
    for (Precedence p : Precedence.values()) {
      d.put(p, p.defaultObjective());
    }
    return new Objectives(d);
  }

  /** The objective of a precedence. */
  public Duration of(Precedence precedence) {
    return byPrecedence.get(precedence);
  }

  /** What an action addressee of a cable of this precedence must do within its objective. */
  public static Answer answer(Precedence precedence) {
    return switch (precedence) {
      case FLASH_OVERRIDE, FLASH, IMMEDIATE -> Answer.ACKNOWLEDGED;
      case PRIORITY, ROUTINE -> Answer.OPENED;
    };
  }

  /** The longest objective. */
  public Duration longest() {
    return byPrecedence.values().stream().max(Duration::compareTo).orElseThrow();
  }
}
