package dev.backchannel.store;

import dev.backchannel.cable.Cable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A cable as the station holds it.
 *
 * @param id the store's id
 * @param exchange the exchange's name
 * @param cable the cable, with its designator
 * @param canonical its canonical text, as hashed
 * @param sha256 the SHA-256 of the canonical text (G2)
 * @param origin released at this station or imported from the record
 * @param releasedAt the release instant to the millisecond; empty for imported cables
 * @param seen the highest serial of the opposite series its sending end had at release (G5); empty
 *     for imported cables unless the record states it
 * @param document the edition's document number, for imported cables
 * @param channel the channel of its exchange
 * @param readers the upper-case names of the persons the cable names as readers so far (G3): FROM,
 *     TO and INFO, and later its releaser and the pass-to readers it was passed to
 */
public record StoredCable(
    long id,
    String exchange,
    Cable cable,
    String canonical,
    String sha256,
    Origin origin,
    Optional<Instant> releasedAt,
    OptionalInt seen,
    OptionalInt document,
    String channel,
    Set<String> readers) {
  public StoredCable {
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(cable, "cable");
    Objects.requireNonNull(canonical, "canonical");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(releasedAt, "releasedAt");
    Objects.requireNonNull(seen, "seen");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(channel, "channel");
    readers = Set.copyOf(readers);
  }

  /** Where a stored cable came from. */
  public enum Origin {
    RELEASED,
    IMPORTED
  }

  /** The designator as printed in running text, e.g. {@code Hakto 45/WHS 12}. */
  public String designatorText() {
    return cable.designator().orElseThrow().displayText();
  }
}
