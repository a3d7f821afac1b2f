package dev.backchannel.access;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.Handling;
import dev.backchannel.cable.HandlingKind;
import dev.backchannel.cable.SecurityLabel;
import dev.backchannel.store.StoredCable;
import java.util.Locale;
import java.util.Optional;

/**
 * The one access policy of G3: for a user and a cable, nothing, the envelope, or the content. Every
 * endpoint, list, count, live event and error message asks it; nothing else decides.
 *
 * <ul>
 *   <li>The envelope goes to members of either end of the cable's channel and to the cable's named
 *       readers, when cleared for its classification.
 *   <li>The content goes to those of them whose clearance dominates the label; under an eyes-only
 *       marking only to named readers; when sealed to a reader, only to him and the originator.
 *   <li>No role gives more: administrators and records officers see what their memberships and
 *       clearance give them.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class AccessPolicy {

  /** What {@code reader} may know of {@code cable}. */
  public Access decide(Reader reader, StoredCable cable) {
    if (reader.user().disabled()) {
      return Access.NONE;
    }
    Cable c = cable.cable();
    SecurityLabel label = c.label();
    Clearance clearance = reader.user().clearance();
    String name = reader.user().addressedAs();
    boolean named = cable.readers().contains(name);
    if (!(named || reader.isMemberOf(cable.channel()))
        || !clearance.level().atLeast(label.classification())) {
      return Access.NONE;
    }
    if (!clearance.dominates(label)) {
      return Access.ENVELOPE;
    }
    Optional<String> sealedTo = sealedTo(c);
    if (sealedTo.isPresent()) {
      return isPerson(sealedTo.get(), name) || c.from().name().equals(name)
          ? Access.CONTENT
          : Access.ENVELOPE;
    }
    if (label.isEyesOnly() && !named) {
      return Access.ENVELOPE;
    }
    return Access.CONTENT;
  }

  /**
   * Whether {@code reader} sees every reader's receipts of {@code cable}, not only his own (G3's
   * last row, DESIGN 5.3): he may read its content, and he is its originator or a member of the end
   * that sent it.
   *
   * @param sendingEnd the end of the cable's channel that sent it; empty for a cable of no series
   */
  public boolean seesEveryReceipt(Reader reader, StoredCable cable, Optional<String> sendingEnd) {
    if (decide(reader, cable) != Access.CONTENT) {
      return false;
    }
    if (cable.cable().from().name().equals(reader.user().addressedAs())) {
      return true;
    }
    return sendingEnd.isPresent()
        && reader.memberships().stream()
            .anyMatch(m -> m.channel().equals(cable.channel()) && m.end().equals(sendingEnd.get()));
  }

  /**
   * Whether the person a handling instruction names ({@code GENERAL HAIG}) is the reader addressed
   * as {@code name} ({@code HAIG}): the same words, or the name after a title.
   */
  public static boolean isPerson(String person, String name) {
    return person.equals(name) || person.endsWith(" " + name);
  }

  /** The reader a cable is sealed to, upper case, when it is sealed. */
  private static Optional<String> sealedTo(Cable cable) {
    return cable.handling().stream()
        .filter(h -> h.kind() == HandlingKind.SEALED)
        .map(Handling::person)
        .flatMap(Optional::stream)
        .map(p -> p.strip().toUpperCase(Locale.ROOT))
        .findFirst();
  }
}
