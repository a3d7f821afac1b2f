package dev.backchannel.cable;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The security label of a cable: classification, caveats (held in alphabetical order, each once)
 * and an optional eyes-only marking.
 */
public record SecurityLabel(
    Classification classification, List<Caveat> caveats, Optional<EyesOnly> eyesOnly) {

  public SecurityLabel {
    Objects.requireNonNull(classification, "classification");
    Objects.requireNonNull(eyesOnly, "eyesOnly");
    caveats = List.copyOf(new TreeSet<>(caveats));
  }

  /** A label with no caveats and no eyes-only marking. */
  public static SecurityLabel of(Classification classification) {
    return new SecurityLabel(classification, List.of(), Optional.empty());
  }

  /** The banner as written on the label line, e.g. {@code TOP SECRET SENSITIVE EYES ONLY}. */
  public String banner() {
    StringBuilder b = new StringBuilder(classification.words());
    caveats.forEach(c -> b.append(' ').append(c.name()));
    eyesOnly.ifPresent(e -> b.append(' ').append(e.words()));
    return b.toString();
  }

  /** True if the content is restricted to named readers. */
  public boolean isEyesOnly() {
    return eyesOnly.isPresent();
  }

  /**
   * True if this label dominates {@code other}: its level is at least the other's and it holds
   * every caveat of the other. Eyes-only markings do not take part (they name readers, G3).
   */
  public boolean dominates(SecurityLabel other) {
    return classification.atLeast(other.classification)
        && new TreeSet<>(caveats).containsAll(other.caveats);
  }
}
