package dev.backchannel.cable.rules;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.HandlingKind;
import dev.backchannel.cable.OfficeHours;
import dev.backchannel.cable.Precedence;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who a released cable is delivered to, and when (G3, DESIGN 5.2). Its readers are the receiving
 * end's members and the users it names as TO or INFO; of those, each enabled user cleared for its
 * classification gets it, at once or at his next opening of business. Nobody else is ever told it
 * exists.
 */
public final class Delivery {
  private Delivery() {}

  /**
   * The names the cable addresses beside the receiving end's members: its TO and INFO, in order.
   */
  public static Set<String> namedReaders(Cable cable) {
    Set<String> names = new LinkedHashSet<>();
    cable.to().forEach(p -> names.add(p.name()));
    cable.info().forEach(p -> names.add(p.name()));
    return names;
  }

  /**
   * Whether a reader cleared to {@code clearance} may be told of the cable at all: the envelope
   * rule of G3. Caveats and eyes-only markings decide later who may read its content.
   */
  public static boolean cleared(Classification clearance, Cable cable) {
    return clearance.atLeast(cable.label().classification());
  }

  /**
   * Whether the cable waits for each reader's opening of business: it is marked so, and it is not
   * FLASH or FLASH OVERRIDE, which nothing holds back.
   */
  public static boolean waitsForOpening(Cable cable) {
    return cable.handling().stream().anyMatch(x -> x.kind() == HandlingKind.OPENING_OF_BUSINESS)
        && cable.precedence() != Precedence.FLASH
        && cable.precedence() != Precedence.FLASH_OVERRIDE;
  }

  /**
   * When a reader with these office hours, in his own time zone, gets a cable released at {@code
   * at}: empty for at once; his next opening of business when the cable {@link #waitsForOpening
   * waits for it} and he is out of hours.
   */
  public static Optional<Instant> dueAt(Cable cable, OfficeHours hours, ZoneId zone, Instant at) {
    if (!waitsForOpening(cable)) {
      return Optional.empty();
    }
    Instant opening = hours.nextOpening(at, zone);
    return opening.isAfter(at) ? Optional.of(opening) : Optional.empty();
  }
}
