package dev.backchannel.cable.edition;

import dev.backchannel.cable.Cable;
import java.util.Objects;

/**
 * A cable read from edition text, with the edition's facts about it.
 *
 * @param cable the cable
 * @param edition what the edition says besides the cable
 * @param canonical the cable's canonical text, as {@link
 *     dev.backchannel.cable.canonical.CanonicalText#render} gives it (the reader renders it once to
 *     check the limits; keeping it spares a second rendering)
 */
public record EditionCable(Cable cable, Edition edition, String canonical) {
  public EditionCable {
    Objects.requireNonNull(cable, "cable");
    Objects.requireNonNull(edition, "edition");
    Objects.requireNonNull(canonical, "canonical");
  }
}
