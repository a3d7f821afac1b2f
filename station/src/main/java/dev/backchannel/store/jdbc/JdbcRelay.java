package dev.backchannel.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.StationSerial;
import dev.backchannel.event.Event;
import dev.backchannel.store.ChannelInfo;
import dev.backchannel.store.EndInfo;
import dev.backchannel.store.Escalation;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.ExchangeInfo.SeriesInfo;
import dev.backchannel.store.PeerInfo;
import dev.backchannel.store.ReceiptKind;
import dev.backchannel.store.RelayRepository;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoreException.Problem;
import dev.backchannel.tlog.Hash;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Relay between stations over the JDBC layer (issue 25): peers, ends placed at them, the outbox by
 * precedence then release time, cables received from a peer and receipts reported back.
 */
final class JdbcRelay implements RelayRepository {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database db;
  private final JdbcAccounts accounts;
  private final JdbcChannels channels;
  private final JdbcCables cables;
  private final JdbcDelivery delivery;

  JdbcRelay(
      Database db,
      JdbcAccounts accounts,
      JdbcChannels channels,
      JdbcCables cables,
      JdbcDelivery delivery) {
    this.db = db;
    this.accounts = accounts;
    this.channels = channels;
    this.cables = cables;
    this.delivery = delivery;
  }

  private static final String PEER_COLUMNS =
      "p.name, p.url, p.public_key, p.added_at, p.down_since, p.down_by, p.unreachable_since,"
          + " p.last_error, p.last_ack_at, p.witnessed_size, p.witness_alarm, (SELECT"
          + " COALESCE(MAX(s.size), 0) FROM cosignature s WHERE s.peer_id = p.id) AS cosigned";

  private static PeerInfo peerRow(ResultSet rs) throws SQLException {
    return new PeerInfo(
        rs.getString("name"),
        rs.getString("url"),
        rs.getString("public_key"),
        Instant.ofEpochMilli(rs.getLong("added_at")),
        instant(rs, "down_since"),
        Optional.ofNullable(rs.getString("down_by")),
        instant(rs, "unreachable_since"),
        Optional.ofNullable(rs.getString("last_error")),
        instant(rs, "last_ack_at"),
        rs.getLong("witnessed_size"),
        Optional.ofNullable(rs.getString("witness_alarm")),
        rs.getLong("cosigned"));
  }

  private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    long at = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
  }

  /** The peer of that name on the handle at hand, with its id. */
  private static Optional<Long> peerId(Handle h, String name) {
    return h.createQuery("SELECT id FROM peer WHERE name = :name")
        .bind("name", name)
        .mapTo(Long.class)
        .findOne();
  }

  private static long requirePeer(Handle h, String name) {
    return peerId(h, name)
        .orElseThrow(
            () -> new StoreException(Problem.NOT_FOUND, "peer", "there is no peer " + name));
  }

  private static PeerInfo peerRow(Handle h, long id) {
    return h.createQuery("SELECT " + PEER_COLUMNS + " FROM peer p WHERE p.id = :id")
        .bind("id", id)
        .map((rs, ctx) -> peerRow(rs))
        .one();
  }

  /** The peer station an end lives at, by name; empty for an end of this station. */
  static Optional<String> peerOfEnd(Handle h, long endId) {
    return h.createQuery(
            "SELECT p.name FROM channel_end e JOIN peer p ON p.id = e.peer_id WHERE e.id = :id")
        .bind("id", endId)
        .mapTo(String.class)
        .findOne();
  }

  // ---- peers and the link ----

  @Override
  public PeerInfo addPeer(String name, String url, String publicKey, String actor) {
    return db.changeDirectory(
        h -> {
          String prefix = accounts.requireStation(h).prefix();
          if (prefix.equalsIgnoreCase(name)) {
            throw new StoreException(
                Problem.CONFLICT, "name", name + " is this station's own prefix, not a peer's");
          }
          if (peerId(h, name).isPresent()) {
            throw new StoreException(
                Problem.CONFLICT, "name", "a peer named " + name + " is known already");
          }
          long id =
              h.createQuery(
                      "INSERT INTO peer (name, url, public_key, added_at) VALUES (:name, :url,"
                          + " :key, :at) RETURNING id")
                  .bind("name", name)
                  .bind("url", url)
                  .bind("key", publicKey)
                  .bind("at", db.now())
                  .mapTo(Long.class)
                  .one();
          db.event(h, new Event.PeerAdded(name, url, publicKey), actor, null, null);
          return peerRow(h, id);
        });
  }

  @Override
  public List<PeerInfo> peers() {
    return db.read(
        h ->
            h.createQuery("SELECT " + PEER_COLUMNS + " FROM peer p ORDER BY p.name")
                .map((rs, ctx) -> peerRow(rs))
                .list());
  }

  @Override
  public Optional<PeerInfo> peer(String name) {
    return db.read(
        h ->
            h.createQuery("SELECT " + PEER_COLUMNS + " FROM peer p WHERE p.name = :name")
                .bind("name", name)
                .map((rs, ctx) -> peerRow(rs))
                .findOne());
  }

  @Override
  public PeerInfo setLinkDown(String peer, boolean down, String actor) {
    return db.write(
        h -> {
          long id = requirePeer(h, peer);
          PeerInfo before = peerRow(h, id);
          if (before.up() == !down) {
            return before;
          }
          h.createUpdate("UPDATE peer SET down_since = :at, down_by = :by WHERE id = :id")
              .bind("at", down ? db.now() : null)
              .bind("by", down ? actor : null)
              .bind("id", id)
              .execute();
          db.event(h, new Event.LinkChanged(before.name(), down), actor, null, null);
          return peerRow(h, id);
        });
  }

  @Override
  public void linkAnswered(String peer, Optional<String> error) {
    db.write(
        h ->
            h.createUpdate(
                    "UPDATE peer SET unreachable_since = CASE WHEN :error IS NULL THEN NULL ELSE"
                        + " COALESCE(unreachable_since, :at) END, last_error = :error WHERE name"
                        + " = :name")
                .bind("error", error.orElse(null))
                .bind("at", db.now())
                .bind("name", peer)
                .execute());
  }

  @Override
  public EndInfo placeEnd(String channel, String end, Optional<String> peer, String actor) {
    return db.changeDirectory(
        h -> {
          ChannelInfo c = JdbcChannels.requireChannel(h, channel);
          long endId = JdbcChannels.requireEnd(h, c, end);
          Long peerId = peer.isPresent() ? requirePeer(h, peer.get()) : null;
          if (peerId != null) {
            long members =
                h.createQuery("SELECT COUNT(*) FROM end_member WHERE end_id = :e")
                    .bind("e", endId)
                    .mapTo(Long.class)
                    .one();
            if (members > 0) {
              throw new StoreException(
                  Problem.CONFLICT,
                  "end",
                  "the "
                      + end
                      + " end of "
                      + c.name()
                      + " has members at this station; remove them before placing it at "
                      + peer.get());
            }
            long elsewhere =
                h.createQuery(
                        "SELECT COUNT(*) FROM channel_end WHERE channel_id = :c AND id <> :e AND"
                            + " peer_id IS NOT NULL")
                    .bind("c", c.id())
                    .bind("e", endId)
                    .mapTo(Long.class)
                    .one();
            if (elsewhere > 0) {
              throw new StoreException(
                  Problem.CONFLICT,
                  "end",
                  "the other end of "
                      + c.name()
                      + " lives at a peer already; a channel relayed here keeps one end here");
            }
          }
          h.createUpdate("UPDATE channel_end SET peer_id = :p WHERE id = :e")
              .bind("p", peerId)
              .bind("e", endId)
              .execute();
          EndInfo after = JdbcChannels.endRow(h, c, end);
          db.event(
              h,
              new Event.EndPlaced(c.name(), after.name(), after.station().orElse("")),
              actor,
              null,
              null);
          return after;
        });
  }

  // ---- the outbox ----

  @Override
  public List<Outgoing> outbox(String peer, int limit, Precedence lowest) {
    return db.read(
        h ->
            h.createQuery(
                    // the outbox's order from its own index first (CROSS JOIN keeps SQLite from
                    // starting at the cables, which grow with every cable ever held)
                    "SELECT o.cable_id, x.name AS exchange, s.name AS series, c.serial,"
                        + " c.station_prefix, c.station_number, c.canonical, c.sha256, c.seen,"
                        + " c.released_at, c.releaser, c.precedence FROM relay_out o CROSS JOIN"
                        + " cable c CROSS JOIN exchange x CROSS JOIN series s WHERE o.peer_id ="
                        + " (SELECT id FROM peer WHERE name = :peer) AND o.rank <= :rank AND c.id ="
                        + " o.cable_id AND x.id = c.exchange_id AND s.id = c.series_id ORDER BY"
                        + " o.rank, o.released_at, o.cable_id LIMIT :limit")
                .bind("peer", peer)
                .bind("rank", lowest.ordinal())
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new Outgoing(
                            rs.getLong("cable_id"),
                            rs.getString("exchange"),
                            new Designator.Numbered(
                                    new Series(rs.getString("series")),
                                    rs.getInt("serial"),
                                    Optional.of(
                                        new StationSerial(
                                            Optional.ofNullable(rs.getString("station_prefix")),
                                            rs.getInt("station_number"))))
                                .displayText(),
                            rs.getString("canonical"),
                            rs.getString("sha256"),
                            rs.getInt("seen"),
                            Instant.ofEpochMilli(rs.getLong("released_at")),
                            rs.getString("releaser"),
                            Precedence.valueOf(rs.getString("precedence"))))
                .list());
  }

  @Override
  public Queue queue(String peer) {
    return db.read(
        h -> {
          Map<Precedence, Long> depth = new EnumMap<>(Precedence.class);
          for (Precedence p : Precedence.values()) {
            depth.put(p, 0L);
          }
          Optional<Instant> oldest = Optional.empty();
          for (long[] row :
              h.createQuery(
                      "SELECT o.rank, COUNT(*) AS n, MIN(o.released_at) AS oldest FROM relay_out o"
                          + " JOIN peer p ON p.id = o.peer_id WHERE p.name = :peer GROUP BY"
                          + " o.rank")
                  .bind("peer", peer)
                  .map(
                      (rs, ctx) ->
                          new long[] {rs.getLong("rank"), rs.getLong("n"), rs.getLong("oldest")})
                  .list()) {
            depth.put(Precedence.values()[(int) row[0]], row[1]);
            Instant at = Instant.ofEpochMilli(row[2]);
            if (oldest.isEmpty() || at.isBefore(oldest.get())) {
              oldest = Optional.of(at);
            }
          }
          Optional<String> oldestCable =
              oldest.isEmpty()
                  ? Optional.empty()
                  : h.createQuery(
                          "SELECT s.name, c.serial, c.station_prefix, c.station_number FROM"
                              + " relay_out o CROSS JOIN cable c CROSS JOIN series s WHERE"
                              + " o.peer_id = (SELECT id FROM peer WHERE name = :peer) AND c.id ="
                              + " o.cable_id AND s.id = c.series_id ORDER BY o.released_at,"
                              + " o.cable_id LIMIT 1")
                      .bind("peer", peer)
                      .map(
                          (rs, ctx) ->
                              new Designator.Numbered(
                                      new Series(rs.getString("name")),
                                      rs.getInt("serial"),
                                      Optional.of(
                                          new StationSerial(
                                              Optional.ofNullable(rs.getString("station_prefix")),
                                              rs.getInt("station_number"))))
                                  .displayText())
                      .findOne();
          return new Queue(depth, oldest, oldestCable);
        });
  }

  @Override
  public void acknowledge(String peer, List<Ack> acks) {
    if (acks.isEmpty()) {
      return;
    }
    db.write(
        h -> {
          long id = requirePeer(h, peer);
          String name = peerRow(h, id).name();
          long now = db.now();
          for (Ack a : acks) {
            int waited =
                h.createUpdate("DELETE FROM relay_out WHERE peer_id = :p AND cable_id = :c")
                    .bind("p", id)
                    .bind("c", a.cableId())
                    .execute();
            if (waited == 0) {
              continue;
            }
            h.createUpdate(
                    "INSERT INTO relayed (cable_id, peer_id, acked_at, peer_number) VALUES (:c,"
                        + " :p, :at, :n)")
                .bind("c", a.cableId())
                .bind("p", id)
                .bind("at", now)
                .bind("n", a.number())
                .execute();
            long exchangeId =
                h.createQuery("SELECT exchange_id FROM cable WHERE id = :c")
                    .bind("c", a.cableId())
                    .mapTo(Long.class)
                    .one();
            db.event(
                h,
                new Event.CableRelayed(name, a.number()),
                "station " + name,
                exchangeId,
                a.cableId());
          }
          h.createUpdate("UPDATE peer SET last_ack_at = :at WHERE id = :p")
              .bind("at", now)
              .bind("p", id)
              .execute();
          return null;
        });
  }

  // ---- receiving ----

  /** A cable of that designator held already: the serial this station gave it, and its hash. */
  private record Held(int number, String sha256) {}

  @Override
  public List<Received> receive(String peer, List<Incoming> incoming) {
    List<CableRows.Prepared> prepared =
        incoming.stream().map(i -> CableRows.Prepared.of(i.cable())).toList();
    return db.write(
        h -> {
          long peerId = requirePeer(h, peer);
          String peerName = peerRow(h, peerId).name();
          List<Received> out = new ArrayList<>();
          for (int i = 0; i < incoming.size(); i++) {
            out.add(receive(h, peerId, peerName, incoming.get(i), prepared.get(i)));
          }
          return out;
        });
  }

  private Received receive(
      Handle h, long peerId, String peerName, Incoming in, CableRows.Prepared p) {
    Designator.Numbered d =
        in.cable()
            .designator()
            .flatMap(Designator::numbered)
            .orElseThrow(
                () ->
                    new StoreException(
                        Problem.INVALID, "designator", "a relayed cable needs its designator"));
    String designator = d.displayText();
    if (d.stationSerial()
        .flatMap(StationSerial::prefix)
        .filter(peerName::equalsIgnoreCase)
        .isEmpty()) {
      throw new StoreException(
          Problem.INVALID,
          "designator",
          designator + " does not carry the station serial of " + peerName + ", which sent it");
    }
    ExchangeInfo exchange = channels.kept(h, in.exchange());
    SeriesInfo series = JdbcChannels.requireSeries(exchange, d.series());
    Optional<String> sentFrom = peerOfEnd(h, series.sendingEndId());
    if (sentFrom.filter(peerName::equalsIgnoreCase).isEmpty()) {
      throw new StoreException(
          Problem.INVALID,
          "series",
          "the series "
              + d.series().name()
              + " of "
              + exchange.name()
              + " is not sent from an end at station "
              + peerName
              + " here");
    }
    Optional<Held> held =
        h.createQuery(
                "SELECT received_number, sha256 FROM cable WHERE series_id = :s AND serial = :n")
            .bind("s", series.id())
            .bind("n", d.serial())
            .map((rs, ctx) -> new Held(rs.getInt("received_number"), rs.getString("sha256")))
            .findOne();
    if (held.isPresent()) {
      if (!held.get().sha256().equals(p.sha256())) {
        throw new StoreException(
            Problem.CONFLICT, "cable", designator + " is held here already with another text");
      }
      return new Received(designator, held.get().number(), true);
    }
    int number =
        h.createQuery(
                "UPDATE station SET station_serial = station_serial + 1 WHERE id = 1 RETURNING"
                    + " station_serial")
            .mapTo(Integer.class)
            .one();
    long releasedAt = in.releasedAt().toEpochMilli();
    long id = cables.insert(h, exchange.id(), series.id(), p, releasedAt, in.seen(), in.releaser());
    h.createUpdate("UPDATE cable SET relayed_from = :p, received_number = :n WHERE id = :id")
        .bind("p", peerId)
        .bind("n", number)
        .bind("id", id)
        .execute();
    String actor = "station " + peerName;
    db.event(
        h,
        new Event.CableReceived(designator, p.sha256(), in.seen(), peerName, number),
        actor,
        exchange.id(),
        id);
    delivery.deliver(
        h,
        exchange.id(),
        id,
        in.cable(),
        exchange.opposite(series).sendingEndId(),
        db.now(),
        actor);
    return new Received(designator, number, false);
  }

  // ---- receipts travelling back ----

  @Override
  public Reports reports(String peer, long after, int window) {
    return db.read(
        h -> {
          long last =
              h.createQuery("SELECT COALESCE(MAX(leaf_index), -1) FROM event")
                  .mapTo(Long.class)
                  .one();
          long upTo = Math.min(last, after + window);
          List<Report> out = new ArrayList<>();
          List<EscalationReport> escalations = new ArrayList<>();
          if (upTo <= after) {
            return new Reports(out, escalations, after);
          }
          h.createQuery(
                  // the window of the log first: starting from the peer's cables would read
                  // every cable ever received from it, each time
                  "SELECT e.leaf_index, e.kind, e.at, e.data, x.name AS exchange, s.name AS"
                      + " series, c.serial FROM event e CROSS JOIN cable c CROSS JOIN exchange x"
                      + " CROSS JOIN series s WHERE e.leaf_index > :after AND e.leaf_index <="
                      + " :upTo AND e.kind IN ('DELIVERED', 'RECEIPT', 'PASSED', 'ESCALATED') AND"
                      + " c.id = e.cable_id AND c.relayed_from = (SELECT id FROM peer WHERE name ="
                      + " :peer) AND x.id = c.exchange_id AND s.id = c.series_id ORDER BY"
                      + " e.leaf_index")
              .bind("peer", peer)
              .bind("after", after)
              .bind("upTo", upTo)
              .map(
                  (rs, ctx) -> {
                    Cited cited =
                        new Cited(
                            rs.getString("exchange"),
                            new Series(rs.getString("series")),
                            rs.getInt("serial"));
                    long index = rs.getLong("leaf_index");
                    Instant at = Instant.ofEpochMilli(rs.getLong("at"));
                    JsonNode data = tree(rs.getString("data"));
                    if (rs.getString("kind").equals("ESCALATED")) {
                      List<String> late = new ArrayList<>();
                      data.path("late").forEach(n -> late.add(n.asText()));
                      escalations.add(
                          new EscalationReport(
                              index,
                              cited.exchange(),
                              cited.series(),
                              cited.serial(),
                              Escalation.Stage.valueOf(data.path("stage").asText()),
                              late,
                              at));
                    } else {
                      reportsOf(index, rs.getString("kind"), at, data, cited, out);
                    }
                    return index;
                  })
              .list();
          return new Reports(out, escalations, upTo);
        });
  }

  /** A cable as a report names it. */
  private record Cited(String exchange, Series series, int serial) {}

  /** The receipts one event of this station records, as reports to the cable's origin. */
  private static void reportsOf(
      long index, String kind, Instant at, JsonNode data, Cited c, List<Report> out) {
    switch (kind) {
      case "DELIVERED" -> {
        for (JsonNode reader : data.path("readers")) {
          out.add(report(index, c, reader.asText(), ReceiptKind.DELIVERED, at, "station", null));
        }
      }
      case "RECEIPT" ->
          out.add(
              report(
                  index,
                  c,
                  data.path("reader").asText(),
                  ReceiptKind.valueOf(data.path("kind").asText()),
                  at,
                  data.path("client").asText(),
                  null));
      case "PASSED" -> {
        String to = data.path("to").asText();
        out.add(report(index, c, to, ReceiptKind.PASSED, at, "station", data.path("by").asText()));
        out.add(report(index, c, to, ReceiptKind.DELIVERED, at, "station", null));
      }
      default -> throw new IllegalArgumentException("kind: no report is made of " + kind);
    }
  }

  private static Report report(
      long index, Cited c, String reader, ReceiptKind kind, Instant at, String client, String by) {
    return new Report(
        index,
        c.exchange(),
        c.series(),
        c.serial(),
        reader,
        kind,
        at,
        client,
        Optional.ofNullable(by));
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("an event's data is not JSON: " + json, e);
    }
  }

  @Override
  public long reportsSent(String peer) {
    return db.read(
        h ->
            h.createQuery("SELECT reports_sent FROM peer WHERE name = :peer")
                .bind("peer", peer)
                .mapTo(Long.class)
                .findOne()
                .orElse(0L));
  }

  @Override
  public void reportsAcknowledged(String peer, long upTo) {
    db.write(
        h ->
            h.createUpdate(
                    "UPDATE peer SET reports_sent = :upTo WHERE name = :peer AND reports_sent <"
                        + " :upTo")
                .bind("upTo", upTo)
                .bind("peer", peer)
                .execute());
  }

  @Override
  public int receiveReports(String peer, List<Report> reports, List<EscalationReport> escalations) {
    if (reports.isEmpty() && escalations.isEmpty()) {
      return 0;
    }
    return db.write(
        h -> {
          long peerId = requirePeer(h, peer);
          String peerName = peerRow(h, peerId).name();
          int stored = 0;
          for (Report r : reports) {
            long[] cable = sentTo(h, peerId, peerName, r.exchange(), r.series(), r.serial());
            int inserted =
                h.createUpdate(
                        "INSERT INTO remote_receipt (cable_id, peer_id, reader, kind, at, client,"
                            + " by_reader) VALUES (:c, :p, :reader, :kind, :at, :client, :by) ON"
                            + " CONFLICT DO NOTHING")
                    .bind("c", cable[0])
                    .bind("p", peerId)
                    .bind("reader", r.reader())
                    .bind("kind", r.kind().name())
                    .bind("at", r.at().toEpochMilli())
                    .bind("client", r.client())
                    .bind("by", r.by().orElse(null))
                    .execute();
            if (inserted > 0) {
              stored++;
              db.event(
                  h,
                  new Event.RemoteReceipt(peerName, r.reader(), r.kind().name(), r.client()),
                  "station " + peerName,
                  cable[1],
                  cable[0]);
            }
          }
          for (EscalationReport e : escalations) {
            long[] cable = sentTo(h, peerId, peerName, e.exchange(), e.series(), e.serial());
            List<String> late = e.late().stream().map(n -> n + "@" + peerName).toList();
            // the originator is at this station and is told here; the peer told its duty officers
            List<String> notified =
                e.stage() == Escalation.Stage.ORIGINATOR
                    ? h.createQuery(
                            "SELECT name FROM user_account WHERE addressed_as = :from AND"
                                + " disabled = 0 ORDER BY name")
                        .bind("from", db.cableById(h, cable[0]).cable().from().name())
                        .mapTo(String.class)
                        .list()
                    : List.of();
            int inserted =
                h.createUpdate(
                        "INSERT INTO escalation (cable_id, stage, at, late, notified) VALUES (:c,"
                            + " :s, :at, :late, :notified) ON CONFLICT DO NOTHING")
                    .bind("c", cable[0])
                    .bind("s", e.stage().name())
                    .bind("at", e.at().toEpochMilli())
                    .bind("late", Rows.names(late))
                    .bind("notified", Rows.names(notified))
                    .execute();
            if (inserted > 0) {
              stored++;
              db.event(
                  h,
                  new Event.Escalated(e.stage().name(), late, notified),
                  "station " + peerName,
                  cable[1],
                  cable[0]);
            }
          }
          return stored;
        });
  }

  /** The cable a report names, as {id, exchange id}: one sent from here to that peer. */
  private static long[] sentTo(
      Handle h, long peerId, String peerName, String exchange, Series series, int serial) {
    return h.createQuery(
            // the series first, then the cable by its designator's index: never a scan of cables
            "SELECT c.id, c.exchange_id FROM exchange x CROSS JOIN series s CROSS JOIN cable c"
                + " WHERE x.name = :x AND s.exchange_id = x.id AND s.name = :s AND c.series_id ="
                + " s.id AND c.serial = :n AND c.relayed_from IS NULL AND (EXISTS (SELECT 1 FROM"
                + " relayed r WHERE"
                + " r.cable_id = c.id AND r.peer_id = :p) OR EXISTS (SELECT 1 FROM relay_out o"
                + " WHERE o.cable_id = c.id AND o.peer_id = :p))")
        .bind("x", exchange)
        .bind("s", series.name())
        .bind("n", serial)
        .bind("p", peerId)
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
        .findOne()
        .orElseThrow(
            () ->
                new StoreException(
                    Problem.NOT_FOUND,
                    "cable",
                    exchange
                        + " "
                        + Designator.of(series, serial).displayText()
                        + " was not sent from here to "
                        + peerName));
  }

  // ---- witnessing ----

  @Override
  public Witnessed witnessed(String peer) {
    return db.read(
        h ->
            h.createQuery("SELECT witnessed_size, witnessed_root FROM peer WHERE name = :peer")
                .bind("peer", peer)
                .map(
                    (rs, ctx) -> {
                      byte[] root = rs.getBytes("witnessed_root");
                      return new Witnessed(
                          rs.getLong("witnessed_size"),
                          root == null ? Optional.empty() : Optional.of(Hash.of(root)));
                    })
                .findOne()
                .orElseThrow(
                    () ->
                        new StoreException(Problem.NOT_FOUND, "peer", "there is no peer " + peer)));
  }

  @Override
  public boolean witness(String peer, long old, long size, Hash root) {
    return db.write(
        h ->
            h.createUpdate(
                        "UPDATE peer SET witnessed_size = :size, witnessed_root = :root WHERE name"
                            + " = :peer AND witnessed_size = :old")
                    .bind("size", size)
                    .bind("root", root.bytes())
                    .bind("peer", peer)
                    .bind("old", old)
                    .execute()
                > 0);
  }

  @Override
  public void witnessAlarm(String peer, String why) {
    db.write(
        h ->
            h.createUpdate(
                    "UPDATE peer SET witness_alarm = :why WHERE name = :peer AND witness_alarm IS"
                        + " NULL")
                .bind("why", why)
                .bind("peer", peer)
                .execute());
  }

  @Override
  public void keepCosignature(String peer, long size, Instant at, String line) {
    db.write(
        h ->
            h.createUpdate(
                    "INSERT INTO cosignature (size, peer_id, at, line) SELECT :size, id, :at, :line"
                        + " FROM peer WHERE name = :peer ON CONFLICT DO NOTHING")
                .bind("size", size)
                .bind("at", at.toEpochMilli())
                .bind("line", line)
                .bind("peer", peer)
                .execute());
  }

  @Override
  public List<Cosigned> cosignatures(long size) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT p.name, s.size, s.at, s.line FROM cosignature s JOIN peer p ON p.id ="
                        + " s.peer_id WHERE s.size = :size ORDER BY p.name")
                .bind("size", size)
                .map(
                    (rs, ctx) ->
                        new Cosigned(
                            rs.getString("name"),
                            rs.getLong("size"),
                            Instant.ofEpochMilli(rs.getLong("at")),
                            rs.getString("line")))
                .list());
  }
}
