package dev.backchannel.store;

import java.util.List;

/**
 * The station's events, in the order they were appended. Part of the {@link Store}; every change
 * appends its events in the same transaction (DESIGN 6).
 */
public interface EventRepository {
  /** Events after {@code afterId}, oldest first, at most {@code limit}. */
  List<StoredEvent> events(long afterId, int limit);
}
