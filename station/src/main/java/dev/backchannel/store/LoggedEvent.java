package dev.backchannel.store;

import dev.backchannel.event.LogEntry;
import java.util.Objects;

/**
 * An event with its place in the audit log (G8): the index of its leaf and the entry that leaf
 * hashes.
 */
public record LoggedEvent(long index, StoredEvent event, LogEntry entry) {
  public LoggedEvent {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(entry, "entry");
  }
}
