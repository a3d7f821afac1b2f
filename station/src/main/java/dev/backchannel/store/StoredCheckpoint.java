package dev.backchannel.store;

import java.time.Instant;
import java.util.Objects;

/** A signed checkpoint of the audit log as the station made and served it. */
public record StoredCheckpoint(long size, Instant at, String note) {
  public StoredCheckpoint {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(note, "note");
  }
}
