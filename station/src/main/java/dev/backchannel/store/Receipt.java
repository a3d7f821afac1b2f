package dev.backchannel.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A receipt as stored: one reader, one cable, one kind, when, the client that reported it, and for
 * PASSED who passed it.
 */
public record Receipt(
    long cableId, String reader, ReceiptKind kind, Instant at, String client, Optional<String> by) {
  public Receipt {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(by, "by");
  }
}
