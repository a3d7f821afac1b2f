package dev.backchannel.store;

import dev.backchannel.event.LogEntry;
import java.util.Objects;
import java.util.Optional;

/**
 * An entry of the audit log as logged, and as the domain rows it covers give it now (G8): the event
 * rebuilt from its rows, its time from the rows that keep one (a receipt's, a release's), the
 * cable's hash computed again from the cable's text; the actor and salt, which no row keeps, from
 * the event. Empty when the rows no longer show the event.
 */
public record RebuiltEntry(LoggedEvent logged, Optional<LogEntry> fromRows) {
  public RebuiltEntry {
    Objects.requireNonNull(logged, "logged");
    Objects.requireNonNull(fromRows, "fromRows");
  }
}
