package dev.backchannel.cable;

import java.util.Objects;
import java.util.Set;

/** What a user is cleared for: the highest classification and the caveats he is authorised for. */
public record Clearance(Classification level, Set<Caveat> caveats) {

  public Clearance {
    Objects.requireNonNull(level, "level");
    caveats = Set.copyOf(caveats);
  }

  /**
   * True if this clearance dominates {@code label}: its level is at least the label's
   * classification and it holds every caveat of the label (DESIGN 2).
   */
  public boolean dominates(SecurityLabel label) {
    return level.atLeast(label.classification()) && caveats.containsAll(label.caveats());
  }

  /** True if this clearance reaches the label's classification, whatever its caveats. */
  public boolean reaches(SecurityLabel label) {
    return level.atLeast(label.classification());
  }
}
