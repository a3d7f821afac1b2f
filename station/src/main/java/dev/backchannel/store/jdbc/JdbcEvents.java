package dev.backchannel.store.jdbc;

import dev.backchannel.event.Event;
import dev.backchannel.store.EventRepository;
import dev.backchannel.store.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The station's events as appended by {@link Database#event}, read back in order. */
final class JdbcEvents implements EventRepository {
  private final Database db;
  private final EventRebuild rebuild;
  private final List<Runnable> listeners;

  /**
   * @param listeners whom the store calls after commits, which {@link #whenCommitted} adds to
   */
  JdbcEvents(Database db, List<Runnable> listeners) {
    this.db = db;
    this.listeners = listeners;
    this.rebuild = new EventRebuild(db);
  }

  @Override
  public Optional<Event> rebuild(long eventId) {
    return db.read(h -> rebuild.rebuild(h, eventId));
  }

  @Override
  public AutoCloseable whenCommitted(Runnable listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public long lastEventId() {
    return db.read(
        h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM event").mapTo(Long.class).one());
  }

  @Override
  public List<StoredEvent> events(long afterId, int limit) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT id, at, kind, actor, cable_id, data FROM event WHERE id > :after ORDER BY id"
                        + " LIMIT :limit")
                .bind("after", afterId)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new StoredEvent(
                            rs.getLong("id"),
                            Instant.ofEpochMilli(rs.getLong("at")),
                            rs.getString("kind"),
                            rs.getString("actor"),
                            cable(rs.getLong("cable_id"), rs.wasNull()),
                            rs.getString("data")))
                .list());
  }

  private static Optional<Long> cable(long id, boolean none) {
    return none ? Optional.empty() : Optional.of(id);
  }
}
