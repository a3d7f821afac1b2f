package dev.backchannel.cable.edition;

import dev.backchannel.cable.Cable;
import java.util.Objects;

/** A cable read from edition text, with the edition's facts about it. */
public record EditionCable(Cable cable, Edition edition) {
  public EditionCable {
    Objects.requireNonNull(cable, "cable");
    Objects.requireNonNull(edition, "edition");
  }
}
