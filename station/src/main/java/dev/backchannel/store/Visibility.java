package dev.backchannel.store;

import dev.backchannel.cable.Classification;
import java.util.Objects;
import java.util.Set;

/**
 * Which cables a list may consider for one user before the access policy decides on each (G3):
 * those of the channels he is a member of, or naming him as a reader, at a classification he is
 * cleared for. A store uses it to keep lists bounded; it never widens what the policy allows.
 *
 * @param channels names of the channels he is a member of
 * @param addressedAs the name cables address him by
 * @param classifications the classifications his clearance reaches
 */
public record Visibility(
    Set<String> channels, String addressedAs, Set<Classification> classifications) {
  public Visibility {
    channels = Set.copyOf(channels);
    Objects.requireNonNull(addressedAs, "addressedAs");
    classifications = Set.copyOf(classifications);
  }
}
