package dev.backchannel.access;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.Handling;
import dev.backchannel.cable.HandlingKind;
import dev.backchannel.cable.SecurityLabel;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.Role;
import dev.backchannel.store.StoredCable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

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
 *   <li>Administering the station (users, channels, ends, exchanges, caveats) is for administrators
 *       and the {@link Operator}; what an exchange is named and which channel it belongs to goes to
 *       its channel's members, to administrators, and to readers named on one of its cables they
 *       may know of.
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
   * Whether {@code actor} may see an entry of the audit log (G8). An entry about a cable names the
   * SHA-256 of its text, so it is shown only to who may read the content; one about a reader's
   * receipt or a pass only to that reader or to who {@link #seesEveryReceipt}; one about a delivery
   * or an escalation, which names several readers, only to the latter. An entry about no cable
   * (accounts, channels, logins, drafts) is shown to administrators, records officers and the user
   * it names or who acted; the operator sees every entry.
   *
   * @param cable the cable the entry concerns, if any
   * @param sendingEnd that cable's sending end, as for {@link #seesEveryReceipt}
   * @param subjects the users the entry names (its actor, its user, reader or passed-to)
   */
  public boolean seesLogEntry(
      Actor actor,
      String kind,
      Set<String> subjects,
      Optional<StoredCable> cable,
      Optional<String> sendingEnd) {
    if (!(actor instanceof Reader reader)) {
      return true;
    }
    if (reader.user().disabled()) {
      return false;
    }
    if (cable.isEmpty()) {
      return reader.has(Role.ADMINISTRATOR)
          || reader.has(Role.RECORDS_OFFICER)
          || subjects.contains(reader.user().name());
    }
    StoredCable c = cable.get();
    if (decide(reader, c) != Access.CONTENT) {
      return false;
    }
    boolean own =
        (kind.equals("RECEIPT") || kind.equals("PASSED"))
            && subjects.contains(reader.user().name());
    return switch (kind) {
      case "RECEIPT", "PASSED", "DELIVERED", "ESCALATED", "REMOTE_RECEIPT" ->
          own || seesEveryReceipt(reader, c, sendingEnd);
      default -> true;
    };
  }

  /**
   * Whether {@code actor} may administer the station: the operator, who holds the station file, and
   * users with the role {@link Role#ADMINISTRATOR}.
   */
  public boolean administers(Actor actor) {
    return switch (actor) {
      case Operator o -> true;
      case Reader r -> r.has(Role.ADMINISTRATOR);
    };
  }

  /**
   * Whether {@code reader} may know of an exchange (its name, channel and series, never its
   * counters): an administrator, a member of its channel, or a reader who may know of one of its
   * cables, as a reader named on it from outside the channel.
   *
   * @param itsCables the cables of the exchange a list may consider for him ({@link
   *     Reader#visibility}); asked only when neither role nor membership decides
   */
  public boolean knowsExchange(
      Reader reader, ExchangeInfo exchange, Supplier<List<StoredCable>> itsCables) {
    if (reader.has(Role.ADMINISTRATOR) || reader.isMemberOf(exchange.channel())) {
      return true;
    }
    return itsCables.get().stream().anyMatch(c -> decide(reader, c) != Access.NONE);
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
