package dev.backchannel.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.StationSerial;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.event.Event;
import dev.backchannel.event.EventCodec;
import dev.backchannel.event.LogEntry;
import dev.backchannel.store.AuditRepository;
import dev.backchannel.store.LoggedEvent;
import dev.backchannel.store.RebuiltEntry;
import dev.backchannel.store.StoredCheckpoint;
import dev.backchannel.store.StoredEvent;
import dev.backchannel.tlog.CompactTree;
import dev.backchannel.tlog.Hash;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** The audit log's tiles, entries and checkpoints as the writer kept them (G8). */
final class JdbcAudit implements AuditRepository {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An event row with what its leaf's entry needs: the salt and the cable's hash. */
  static final String LOGGED_COLUMNS =
      "e.id, e.at, e.kind, e.actor, e.cable_id, e.data, e.leaf_index, e.salt, c.sha256 AS"
          + " cable_sha256 FROM event e LEFT JOIN cable c ON c.id = e.cable_id";

  /** How many ids one IN list binds. */
  private static final int IN_LIST = 500;

  private final Database db;
  private final EventRebuild rebuild;

  JdbcAudit(Database db) {
    this.db = db;
    this.rebuild = new EventRebuild(db);
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

  /**
   * What the rows of a cable say of it: its designator, its text, the hash recorded at its release,
   * and its release.
   */
  private record CableFacts(
      String designator,
      String canonical,
      String recorded,
      Integer seen,
      Long releasedAt,
      String source,
      Integer document) {}

  /** A receipt as its row keeps it. */
  private record ReceiptRow(String client, long at, String by) {}

  /** A delivery as its row keeps it. */
  private record DeliveryRow(String reader, long at) {}

  /** An event row as read, its entry not made yet. */
  private record EventRow(long index, StoredEvent event, byte[] salt) {
    /** The event as logged: its cable named by the hash the cable's row recorded. */
    LoggedEvent logged(Map<Long, CableFacts> cables) {
      return new LoggedEvent(
          index,
          event,
          new LogEntry(
              event.at(),
              event.kind(),
              event.actor(),
              event.cable().map(cables::get).map(CableFacts::recorded),
              event.data(),
              salt));
    }
  }

  /** The rows a range of entries covers, as read in one go. */
  private record Covered(
      List<EventRow> logged,
      Map<Long, CableFacts> cables,
      Map<String, ReceiptRow> receipts,
      Map<Long, List<DeliveryRow>> deliveries,
      Map<Long, Optional<Event>> others) {}

  /** The kinds rebuilt from rows read in bulk; the others one by one ({@link EventRebuild}). */
  private static final Set<String> BULK =
      Set.of("CABLE_RELEASED", "CABLE_IMPORTED", "RECEIPT", "PASSED", "DELIVERED");

  @Override
  public List<RebuiltEntry> rebuilt(long start, long end) {
    Covered c = db.read(h -> covered(h, start, end));
    // the cables' texts hashed again, and the entries made, on every core: no row is read here
    Map<Long, String> hashes = new ConcurrentHashMap<>();
    c.cables().entrySet().parallelStream()
        .forEach(e -> hashes.put(e.getKey(), CanonicalText.sha256(e.getValue().canonical())));
    return c.logged().parallelStream()
        .map(row -> row.logged(c.cables()))
        .map(l -> new RebuiltEntry(l, fromRows(l, c, hashes)))
        .toList();
  }

  private Covered covered(Handle h, long start, long end) {
    List<EventRow> logged =
        h.createQuery(
                "SELECT e.id, e.at, e.kind, e.actor, e.cable_id, e.data, e.leaf_index, e.salt FROM"
                    + " event e WHERE e.leaf_index >= :start AND e.leaf_index < :end ORDER BY"
                    + " e.leaf_index")
            .bind("start", start)
            .bind("end", end)
            .map(
                (rs, ctx) -> {
                  // by position: verify reads every event, and a name is looked up each time
                  long cable = rs.getLong(5);
                  boolean none = rs.wasNull();
                  return new EventRow(
                      rs.getLong(7),
                      new StoredEvent(
                          rs.getLong(1),
                          Instant.ofEpochMilli(rs.getLong(2)),
                          rs.getString(3),
                          rs.getString(4),
                          none ? Optional.empty() : Optional.of(cable),
                          rs.getString(6)),
                      rs.getBytes(8));
                })
            .list();
    List<Long> ids = logged.stream().flatMap(l -> l.event().cable().stream()).distinct().toList();
    Map<Long, CableFacts> cables = new HashMap<>();
    Map<String, ReceiptRow> receipts = new HashMap<>();
    Map<Long, List<DeliveryRow>> deliveries = new HashMap<>();
    Map<Long, Optional<Event>> others = new HashMap<>();
    if (!ids.isEmpty()) {
      long min = ids.stream().mapToLong(Long::longValue).min().orElseThrow();
      long max = ids.stream().mapToLong(Long::longValue).max().orElseThrow();
      if (max - min < 4L * ids.size() + 64) {
        // the cables of a stretch of the log are mostly neighbours: one range, one plan
        Map<String, Object> range = Map.of("min", min, "max", max);
        cableFacts(h, "c.id BETWEEN :min AND :max", range, cables);
        receiptRows(h, "r.cable_id BETWEEN :min AND :max", range, receipts);
        deliveryRows(h, "d.cable_id BETWEEN :min AND :max", range, deliveries);
      } else {
        for (int i = 0; i < ids.size(); i += IN_LIST) {
          String in =
              " IN ("
                  + ids.subList(i, Math.min(ids.size(), i + IN_LIST)).stream()
                      .map(String::valueOf)
                      .collect(Collectors.joining(","))
                  + ")";
          cableFacts(h, "c.id" + in, Map.of(), cables);
          receiptRows(h, "r.cable_id" + in, Map.of(), receipts);
          deliveryRows(h, "d.cable_id" + in, Map.of(), deliveries);
        }
      }
    }
    for (EventRow l : logged) {
      if (!BULK.contains(l.event().kind())) {
        others.put(l.index(), rebuild.rebuild(h, l.event()));
      }
    }
    return new Covered(logged, cables, receipts, deliveries, others);
  }

  private static Optional<LogEntry> fromRows(
      LoggedEvent l, Covered covered, Map<Long, String> hashes) {
    StoredEvent e = l.event();
    Optional<CableFacts> cable = e.cable().map(covered.cables()::get);
    if (e.cable().isPresent() && cable.get() == null) {
      return Optional.empty();
    }
    Optional<String> hash = e.cable().map(hashes::get);
    long at = e.at().toEpochMilli();
    Optional<Event> event;
    switch (e.kind()) {
      case "CABLE_RELEASED" -> {
        CableFacts c = cable.get();
        event =
            c.seen() == null
                ? Optional.empty()
                : Optional.of(new Event.CableReleased(c.designator(), hash.get(), c.seen()));
        at = c.releasedAt() == null ? at : c.releasedAt();
      }
      case "CABLE_IMPORTED" -> {
        CableFacts c = cable.get();
        event =
            Optional.of(
                new Event.CableImported(
                    c.designator(),
                    hash.get(),
                    c.source() == null ? "" : c.source(),
                    Optional.ofNullable(c.document())));
      }
      case "RECEIPT" -> {
        JsonNode data = tree(e.data());
        String reader = data.path("reader").asText();
        String kind = data.path("kind").asText();
        ReceiptRow r =
            covered.receipts().get(e.cable().get() + "\u001f" + reader + "\u001f" + kind);
        event =
            Optional.ofNullable(r).map(x -> new Event.ReceiptRecorded(reader, kind, x.client()));
        at = r == null ? at : r.at();
      }
      case "PASSED" -> {
        JsonNode data = tree(e.data());
        String to = data.path("to").asText();
        ReceiptRow r = covered.receipts().get(e.cable().get() + "\u001f" + to + "\u001fPASSED");
        event = Optional.ofNullable(r).map(x -> new Event.Passed(to, x.by() == null ? "" : x.by()));
        at = r == null ? at : r.at();
      }
      case "DELIVERED" -> {
        long when = at;
        long cableId = e.cable().get();
        List<String> readers =
            covered.deliveries().getOrDefault(cableId, List.of()).stream()
                .filter(d -> d.at() == when)
                .map(DeliveryRow::reader)
                .filter(
                    name -> {
                      ReceiptRow passed =
                          covered.receipts().get(cableId + "\u001f" + name + "\u001fPASSED");
                      return passed == null || passed.at() != when;
                    })
                .toList();
        event = Optional.of(new Event.Delivered(readers));
      }
      default -> event = covered.others().get(l.index());
    }
    long instant = at;
    return event.map(
        ev ->
            new LogEntry(
                Instant.ofEpochMilli(instant),
                e.kind(),
                e.actor(),
                hash,
                EventCodec.encode(ev),
                l.entry().salt()));
  }

  private static void cableFacts(
      Handle h, String where, Map<String, Object> binds, Map<Long, CableFacts> out) {
    h.createQuery(
            "SELECT c.id, s.name AS series, c.serial, c.station_prefix, c.station_number,"
                + " c.canonical, c.sha256, c.seen, c.released_at, c.source, c.document FROM cable c"
                + " LEFT"
                + " JOIN series s ON s.id = c.series_id WHERE "
                + where)
        .bindMap(binds)
        .map(
            (rs, ctx) -> {
              Optional<StationSerial> station =
                  rs.getObject("station_number") == null
                      ? Optional.empty()
                      : Optional.of(
                          new StationSerial(
                              Optional.ofNullable(rs.getString("station_prefix")),
                              rs.getInt("station_number")));
              Designator d =
                  rs.getString("series") == null
                      ? new Designator.StationOnly(station.orElseThrow())
                      : new Designator.Numbered(
                          new Series(rs.getString("series")), rs.getInt("serial"), station);
              out.put(
                  rs.getLong("id"),
                  new CableFacts(
                      d.displayText(),
                      rs.getString("canonical"),
                      rs.getString("sha256"),
                      (Integer) nullable(rs.getInt("seen"), rs.wasNull()),
                      rs.getObject("released_at") == null ? null : rs.getLong("released_at"),
                      rs.getString("source"),
                      (Integer) nullable(rs.getInt("document"), rs.wasNull())));
              return null;
            })
        .list();
  }

  private static Object nullable(int value, boolean none) {
    return none ? null : value;
  }

  private static void receiptRows(
      Handle h, String where, Map<String, Object> binds, Map<String, ReceiptRow> out) {
    h.createQuery(
            "SELECT r.cable_id, u.name, r.kind, r.at, r.client, b.name AS by_name FROM receipt r"
                + " JOIN user_account u ON u.id = r.user_id LEFT JOIN user_account b ON b.id ="
                + " r.by_user_id WHERE "
                + where)
        .bindMap(binds)
        .map(
            (rs, ctx) ->
                out.put(
                    rs.getLong("cable_id")
                        + "\u001f"
                        + rs.getString("name")
                        + "\u001f"
                        + rs.getString("kind"),
                    new ReceiptRow(
                        rs.getString("client"), rs.getLong("at"), rs.getString("by_name"))))
        .list();
  }

  private static void deliveryRows(
      Handle h, String where, Map<String, Object> binds, Map<Long, List<DeliveryRow>> out) {
    h.createQuery(
            "SELECT d.cable_id, u.name, d.delivered_at FROM delivery d JOIN user_account u ON u.id"
                + " = d.user_id WHERE "
                + where
                + " ORDER BY d.cable_id, u.name")
        .bindMap(binds)
        .map(
            (rs, ctx) ->
                out.computeIfAbsent(rs.getLong("cable_id"), k -> new ArrayList<>())
                    .add(new DeliveryRow(rs.getString("name"), rs.getLong("delivered_at"))))
        .list();
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the event data " + json + " is not JSON", e);
    }
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
