package dev.backchannel.store;

import dev.backchannel.event.Event;
import java.util.List;
import java.util.Optional;

/**
 * The station's events, in the order they were appended. Part of the {@link Store}; every change
 * appends its events in the same transaction (DESIGN 6).
 */
public interface EventRepository {
  /** The id of the newest event; 0 when there is none. */
  long lastEventId();

  /** Events after {@code afterId}, oldest first, at most {@code limit}. */
  List<StoredEvent> events(long afterId, int limit);

  /**
   * Event {@code eventId} as the rows it covers say it now, for the audit log's check of the rows
   * against the events (G8): encoded, it equals the event as appended while nothing has changed
   * those rows since. Empty when there is no such event, or when the rows no longer show it because
   * a later change of the same subject replaced them (a member removed after being put, an end
   * resumed after its hold, a draft saved again or released).
   */
  Optional<Event> rebuild(long eventId);

  /**
   * Calls {@code listener} after each commit that may have appended events: this process's own,
   * and, where several processes share the database, theirs. It may be called when nothing was
   * appended, and is called on the store's own threads, so it must be quick and must not throw;
   * whoever needs the events reads them with {@link #events}. Closing the answer stops the calls.
   */
  AutoCloseable whenCommitted(Runnable listener);
}
