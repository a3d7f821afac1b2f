package dev.backchannel.store.jdbc;

import dev.backchannel.event.Event;
import dev.backchannel.store.EventRepository;
import dev.backchannel.store.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The station's events as appended by {@link Database#event}, read back in order. */
final class JdbcEvents implements EventRepository {
  private final Database db;
  private final EventRebuild rebuild;

  JdbcEvents(Database db) {
    this.db = db;
    this.rebuild = new EventRebuild(db);
  }

  @Override
  public Optional<Event> rebuild(long eventId) {
    return db.read(h -> rebuild.rebuild(h, eventId));
  }

  @Override
  public List<StoredEvent> events(long afterId, int limit) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT id, at, kind, actor, data FROM event WHERE id > :after ORDER BY id"
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
                            rs.getString("data")))
                .list());
  }
}
