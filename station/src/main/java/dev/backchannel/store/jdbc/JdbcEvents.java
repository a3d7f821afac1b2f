package dev.backchannel.store.jdbc;

import dev.backchannel.store.EventRepository;
import dev.backchannel.store.StoredEvent;
import java.time.Instant;
import java.util.List;

/** The station's events as appended by {@link Database#event}, read back in order. */
final class JdbcEvents implements EventRepository {
  private final Database db;

  JdbcEvents(Database db) {
    this.db = db;
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
