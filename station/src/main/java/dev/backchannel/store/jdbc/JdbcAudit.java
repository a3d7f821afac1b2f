package dev.backchannel.store.jdbc;

import dev.backchannel.event.LogEntry;
import dev.backchannel.store.AuditRepository;
import dev.backchannel.store.LoggedEvent;
import dev.backchannel.store.StoredCheckpoint;
import dev.backchannel.store.StoredEvent;
import dev.backchannel.tlog.CompactTree;
import dev.backchannel.tlog.Hash;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The audit log's tiles, entries and checkpoints as the writer kept them (G8). */
final class JdbcAudit implements AuditRepository {
  /** An event row with what its leaf's entry needs: the salt and the cable's hash. */
  static final String LOGGED_COLUMNS =
      "e.id, e.at, e.kind, e.actor, e.cable_id, e.data, e.leaf_index, e.salt, c.sha256 AS"
          + " cable_sha256 FROM event e LEFT JOIN cable c ON c.id = e.cable_id";

  private final Database db;

  JdbcAudit(Database db) {
    this.db = db;
  }

  /**
   * Gives the events written before the audit log (V10) their leaves, oldest first, in one
   * transaction: once, when such a store is first opened.
   */
  static void logEarlierEvents(Database db) {
    long unlogged =
        db.read(
            h ->
                h.createQuery("SELECT COUNT(*) FROM event WHERE leaf_index IS NULL")
                    .mapTo(Long.class)
                    .one());
    if (unlogged == 0) {
      return;
    }
    db.write(
        h -> {
          List<StoredEvent> events =
              h.createQuery(
                      "SELECT id, at, kind, actor, cable_id, data FROM event WHERE leaf_index IS"
                          + " NULL ORDER BY id")
                  .map((rs, ctx) -> storedEvent(rs))
                  .list();
          for (StoredEvent e : events) {
            Database.Leaf leaf =
                db.appendLeaf(
                    h,
                    e.at().toEpochMilli(),
                    e.kind(),
                    e.actor(),
                    e.cable().orElse(null),
                    Optional.empty(),
                    e.data());
            h.createUpdate("UPDATE event SET leaf_index = :leaf, salt = :salt WHERE id = :id")
                .bind("leaf", leaf.index())
                .bind("salt", leaf.salt())
                .bind("id", e.id())
                .execute();
          }
          return null;
        });
  }

  @Override
  public CompactTree logTree() {
    return db.read(JdbcAudit::tree);
  }

  static CompactTree tree(Handle h) {
    return h.createQuery("SELECT size, edge FROM log_state WHERE id = 1")
        .map((rs, ctx) -> CompactTree.of(rs.getLong("size"), MerkleLog.hashes(rs.getBytes("edge"))))
        .one();
  }

  @Override
  public List<Hash> logTile(int level, long index) {
    return db.read(
        h ->
            h.createQuery("SELECT hashes FROM log_tile WHERE level = :level AND idx = :idx")
                .bind("level", level)
                .bind("idx", index)
                .mapTo(byte[].class)
                .findOne()
                .map(MerkleLog::hashes)
                .orElse(List.of()));
  }

  @Override
  public List<LoggedEvent> logged(long start, long end) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT "
                        + LOGGED_COLUMNS
                        + " WHERE e.leaf_index >= :start AND e.leaf_index < :end ORDER BY"
                        + " e.leaf_index")
                .bind("start", start)
                .bind("end", end)
                .map((rs, ctx) -> logged(rs))
                .list());
  }

  @Override
  public List<LoggedEvent> loggedForCable(long cableId) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT "
                        + LOGGED_COLUMNS
                        + " WHERE e.cable_id = :cable AND e.leaf_index IS NOT NULL ORDER BY"
                        + " e.leaf_index")
                .bind("cable", cableId)
                .map((rs, ctx) -> logged(rs))
                .list());
  }

  @Override
  public StoredCheckpoint keepCheckpoint(long size, Instant at, String note) {
    return db.write(
        h -> {
          h.createUpdate(
                  "INSERT INTO checkpoint (size, at, note) VALUES (:size, :at, :note) ON CONFLICT"
                      + " (size) DO NOTHING")
              .bind("size", size)
              .bind("at", at.toEpochMilli())
              .bind("note", note)
              .execute();
          return h.createQuery("SELECT size, at, note FROM checkpoint WHERE size = :size")
              .bind("size", size)
              .map((rs, ctx) -> checkpoint(rs))
              .one();
        });
  }

  @Override
  public Optional<StoredCheckpoint> latestCheckpoint() {
    return db.read(
        h ->
            h.createQuery("SELECT size, at, note FROM checkpoint ORDER BY size DESC LIMIT 1")
                .map((rs, ctx) -> checkpoint(rs))
                .findOne());
  }

  @Override
  public List<StoredCheckpoint> checkpoints() {
    return db.read(
        h ->
            h.createQuery("SELECT size, at, note FROM checkpoint ORDER BY size")
                .map((rs, ctx) -> checkpoint(rs))
                .list());
  }

  private static StoredCheckpoint checkpoint(ResultSet rs) throws SQLException {
    return new StoredCheckpoint(
        rs.getLong("size"), Instant.ofEpochMilli(rs.getLong("at")), rs.getString("note"));
  }

  static StoredEvent storedEvent(ResultSet rs) throws SQLException {
    long cable = rs.getLong("cable_id");
    boolean none = rs.wasNull();
    return new StoredEvent(
        rs.getLong("id"),
        Instant.ofEpochMilli(rs.getLong("at")),
        rs.getString("kind"),
        rs.getString("actor"),
        none ? Optional.empty() : Optional.of(cable),
        rs.getString("data"));
  }

  /** A row of {@link #LOGGED_COLUMNS} as its event and entry. */
  static LoggedEvent logged(ResultSet rs) throws SQLException {
    StoredEvent e = storedEvent(rs);
    return new LoggedEvent(
        rs.getLong("leaf_index"),
        e,
        new LogEntry(
            e.at(),
            e.kind(),
            e.actor(),
            Optional.ofNullable(rs.getString("cable_sha256")),
            e.data(),
            rs.getBytes("salt")));
  }
}
