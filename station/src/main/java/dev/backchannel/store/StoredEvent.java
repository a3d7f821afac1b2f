package dev.backchannel.store;

import java.time.Instant;

/**
 * A row of the append-only event table.
 *
 * @param id its position, from 1
 * @param at when it happened
 * @param kind what happened, e.g. {@code CABLE_RELEASED}
 * @param actor who did it
 * @param data the facts of the change as JSON
 */
public record StoredEvent(long id, Instant at, String kind, String actor, String data) {}
