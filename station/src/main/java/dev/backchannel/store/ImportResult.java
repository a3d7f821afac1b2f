package dev.backchannel.store;

import java.util.Objects;

/**
 * What became of one imported cable.
 *
 * @param source the request's source
 * @param designator the designator as printed
 * @param outcome imported, duplicate or conflict
 * @param reason for a conflict or refusal, why
 */
public record ImportResult(String source, String designator, Outcome outcome, String reason) {
  public ImportResult {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(designator, "designator");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
  }

  /** The outcomes of DESIGN 4.2. */
  public enum Outcome {
    /** Stored. */
    IMPORTED,
    /** The same designator with the same text was held already: skipped. */
    DUPLICATE,
    /** The same designator with another text was held already: reported, not stored. */
    CONFLICT,
    /** The cable cannot go into this exchange (no designator, a series not of the exchange). */
    REFUSED
  }
}
