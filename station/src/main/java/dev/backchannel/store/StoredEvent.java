package dev.backchannel.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A row of the append-only event table.
 *
 * @param id its position, from 1
 * @param at when it happened
 * @param kind what happened, e.g. {@code CABLE_RELEASED}
 * @param actor who did it
 * @param cable the id of the cable it concerns, if one
 * @param data the facts of the change as JSON
 */
public record StoredEvent(
    long id, Instant at, String kind, String actor, Optional<Long> cable, String data) {
  public StoredEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(cable, "cable");
    Objects.requireNonNull(data, "data");
  }
}
