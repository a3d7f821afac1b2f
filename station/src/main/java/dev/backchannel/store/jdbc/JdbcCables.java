package dev.backchannel.store.jdbc;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Dtg;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.Reference;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.StationSerial;
import dev.backchannel.cable.rules.Seen;
import dev.backchannel.event.Event;
import dev.backchannel.store.CableQuery;
import dev.backchannel.store.CableRepository;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.ExchangeInfo.SeriesInfo;
import dev.backchannel.store.ImportRequest;
import dev.backchannel.store.ImportResult;
import dev.backchannel.store.ReleaseRequest;
import dev.backchannel.store.ReleaseWarning;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoreException.Problem;
import dev.backchannel.store.StoredCable;
import dev.backchannel.store.Visibility;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.EmptyHandling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Cables: releasing (G1, G5) and importing them, and reading them back, over the JDBC layer. */
final class JdbcCables implements CableRepository {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcCables.class);

  private final Database db;
  private final JdbcChannels channels;
  private final JdbcDelivery delivery;
  private final String cableColumns;
  private final String insertCable;
  private final JdbcImports imports;

  JdbcCables(Database db, JdbcChannels channels, JdbcDelivery delivery) {
    this.db = db;
    this.channels = channels;
    this.delivery = delivery;
    this.cableColumns = Rows.cableColumns(db.dialect());
    this.insertCable =
        "INSERT INTO cable ("
            + CableRows.CABLE_INSERT_COLUMNS
            + ", releaser) VALUES ("
            + CableRows.insertValues(db.dialect())
            + ", ?) ON CONFLICT DO NOTHING RETURNING id";
    this.imports = new JdbcImports(db, channels);
  }

  // ---- release ----

  @Override
  public StoredCable release(ReleaseRequest request) {
    if (!request.draft().isDraft()) {
      throw new StoreException(
          Problem.INVALID,
          "draft",
          "only a draft can be released; this cable already has "
              + (request.draft().designator().isPresent()
                  ? "the designator " + request.draft().designator().get().displayText()
                  : "a DTG"));
    }
    StoredCable released = db.write(h -> release(h, request));
    db.releases().incrementAndGet();
    try {
      db.observer().released(released.cable().precedence());
    } catch (RuntimeException e) {
      // the cable is durable and numbered: its releaser must hear so, whatever the metrics did
      LOG.warn("the store's observer failed on a release; the release stands", e);
    }
    return released;
  }

  private StoredCable release(Handle h, ReleaseRequest request) {
    ExchangeInfo exchange = channels.kept(h, request.exchange());
    SeriesInfo series = JdbcChannels.requireSeries(exchange, request.series());
    SeriesInfo opposite = exchange.opposite(series);
    Optional<String> numberedAt = JdbcRelay.peerOfEnd(h, series.sendingEndId());
    if (numberedAt.isPresent()) {
      // G1: a series is numbered by the station of the end that sends it
      throw new StoreException(
          Problem.INVALID,
          "series",
          "the series "
              + series.series().name()
              + " is sent from the "
              + series.sendingEnd()
              + " end, which lives at station "
              + numberedAt.get()
              + "; that station numbers it");
    }
    CableRows.unregisteredCaveat(db.registry(), request.draft())
        .ifPresent(
            message -> {
              throw new StoreException(Problem.INVALID, "label", message);
            });
    for (Reference ref : request.draft().references()) {
      requireReferenced(h, exchange, ref);
    }
    long sendingEnd = series.sendingEndId();
    long receivingEnd = opposite.sendingEndId();
    List<Long> unread = unreadAtRelease(h, request, opposite);
    List<String> since = deliveredSinceSaved(h, request, opposite, sendingEnd);
    if (Seen.mustConfirm(unread, since) && !request.confirmed()) {
      throw new ReleaseWarning(designators(h, unread), since);
    }
    int serial =
        h.createQuery("UPDATE series SET counter = counter + 1 WHERE id = :id RETURNING counter")
            .bind("id", series.id())
            .mapTo(Integer.class)
            .one();
    StationSerial stationSerial =
        h.createQuery(
                "UPDATE station SET station_serial = station_serial + 1 WHERE id = 1"
                    + " RETURNING prefix, station_serial")
            .map(
                (rs, ctx) ->
                    new StationSerial(
                        Optional.of(rs.getString("prefix")), rs.getInt("station_serial")))
            .one();
    // G5: what the sending end had in hand; imported cables are the record as held here
    // newest first by the designator's index: the answer is nearly always the newest cable, where
    // MAX() looked at every cable of the series
    int seen =
        h.createQuery(
                "SELECT c.serial FROM cable c WHERE c.series_id = :id AND (c.origin = 'IMPORTED' OR"
                    + " EXISTS (SELECT 1 FROM end_delivery d WHERE d.cable_id = c.id AND d.end_id ="
                    + " :end AND d.delivered_at IS NOT NULL)) ORDER BY c.serial DESC LIMIT 1")
            .bind("id", opposite.id())
            .bind("end", sendingEnd)
            .mapTo(Integer.class)
            .findOne()
            .orElse(0);
    Instant at = Instant.ofEpochMilli(db.now());
    Cable cable =
        request.draft().toBuilder()
            .dtg(Dtg.of(at))
            .designator(
                new Designator.Numbered(series.series(), serial, Optional.of(stationSerial)))
            .build();
    CableRows.Prepared p = CableRows.Prepared.of(cable);
    long id = insert(h, exchange.id(), series.id(), p, at.toEpochMilli(), seen, request.actor());
    String canonical = p.canonical();
    String sha256 = p.sha256();
    for (long u : unread) {
      h.createUpdate("INSERT INTO released_unread (cable_id, unread_cable_id) VALUES (:c, :u)")
          .bind("c", id)
          .bind("u", u)
          .execute();
    }
    if (request.draftId().isPresent()) {
      h.createUpdate("DELETE FROM draft WHERE id = :id")
          .bind("id", request.draftId().get())
          .execute();
    }
    db.event(
        h,
        new Event.CableReleased(cable.designator().orElseThrow().displayText(), sha256, seen),
        request.actor(),
        exchange.id(),
        id);
    delivery.deliver(h, exchange.id(), id, cable, receivingEnd, at.toEpochMilli(), request.actor());
    return new StoredCable(
        id,
        exchange.name(),
        cable,
        canonical,
        sha256,
        StoredCable.Origin.RELEASED,
        Optional.of(at),
        OptionalInt.of(seen),
        OptionalInt.empty(),
        exchange.channel(),
        CableRows.readers(cable));
  }

  /**
   * Inserts a numbered cable with its references and the names of its readers, as released here or
   * at a peer station; returns its id.
   */
  long insert(
      Handle h,
      long exchangeId,
      long seriesId,
      CableRows.Prepared p,
      long at,
      int seen,
      String by) {
    Cable cable = p.cable();
    try (PreparedStatement insert = Database.statement(h, insertCable);
        PreparedStatement references = Database.statement(h, CableRows.INSERT_REFERENCE);
        PreparedStatement readers = Database.statement(h, CableRows.INSERT_READER)) {
      long id = CableRows.insertCable(insert, exchangeId, seriesId, p, at, seen, by);
      CableRows.addReferences(references, id, cable);
      CableRows.addReaders(readers, id, cable);
      references.executeBatch();
      readers.executeBatch();
      return id;
    } catch (SQLException e) {
      throw new IllegalStateException("could not store the cable " + cable.designator(), e);
    }
  }

  private static void requireReferenced(Handle h, ExchangeInfo exchange, Reference ref) {
    Optional<ExchangeInfo> target =
        ref.exchange().isPresent()
            ? JdbcChannels.exchangeRow(h, ref.exchange().get())
            : Optional.of(exchange);
    boolean found =
        target
            .flatMap(t -> t.series(ref.series()))
            .map(
                s ->
                    h.createQuery(
                                "SELECT COUNT(*) FROM cable WHERE series_id = :id AND serial = :serial")
                            .bind("id", s.id())
                            .bind("serial", ref.serial())
                            .mapTo(Integer.class)
                            .one()
                        > 0)
            .orElse(false);
    if (!found) {
      throw new StoreException(
          Problem.NOT_FOUND,
          "references",
          "REF "
              + ref.text()
              + " names no cable of exchange "
              + ref.exchange().orElse(exchange.name()));
    }
  }

  // ---- traffic: delivery, holds, receipts, drafts ----

  /**
   * Opposite-series cables delivered to the originator or the releaser and not opened by him (G5);
   * empty for the operator, who reads nothing.
   */
  private List<Long> unreadAtRelease(Handle h, ReleaseRequest request, SeriesInfo opposite) {
    if (request.releaser().isEmpty()) {
      return List.of();
    }
    // by the index of unopened deliveries alone: a principal's opened traffic can be large, his
    // unopened little; the same cable delivered to both is one, and they come in serial order
    SortedMap<Integer, Long> bySerial = new TreeMap<>();
    h.createQuery(
            "SELECT c.serial, c.id FROM delivery d"
                + db.dialect().indexedBy("delivery_unopened")
                + " JOIN cable c ON c.id = d.cable_id WHERE d.user_id IN (SELECT id FROM user_account WHERE id ="
                + " :releaser OR addressed_as = :originator) AND d.delivered_at IS NOT NULL AND"
                + " d.opened_at IS NULL AND c.series_id = :series")
        .bind("series", opposite.id())
        .bind("releaser", request.releaser().get())
        .bind("originator", request.draft().from().name())
        .map((rs, ctx) -> Map.entry(rs.getInt("serial"), rs.getLong("id")))
        .forEach(e -> bySerial.put(e.getKey(), e.getValue()));
    return List.copyOf(bySerial.values());
  }

  /** Opposite-series cables delivered to the sending end since the draft was last saved (G5). */
  private static List<String> deliveredSinceSaved(
      Handle h, ReleaseRequest request, SeriesInfo opposite, long sendingEnd) {
    if (request.draftId().isEmpty()) {
      return List.of();
    }
    long savedAt =
        h.createQuery("SELECT saved_at FROM draft WHERE id = :id")
            .bind("id", request.draftId().get())
            .mapTo(Long.class)
            .findOne()
            .orElseThrow(
                () ->
                    new StoreException(
                        Problem.NOT_FOUND,
                        "draft",
                        "there is no draft " + request.draftId().get()));
    List<Long> ids =
        h.createQuery(
                "SELECT c.id FROM cable c JOIN end_delivery d ON d.cable_id = c.id WHERE"
                    + " c.series_id = :series AND d.end_id = :end AND d.delivered_at > :saved"
                    + " ORDER BY c.serial")
            .bind("series", opposite.id())
            .bind("end", sendingEnd)
            .bind("saved", savedAt)
            .mapTo(Long.class)
            .list();
    return designators(h, ids);
  }

  /** The designators of cables of a series, in serial order: one query, whatever their number. */
  private static List<String> designators(Handle h, List<Long> cableIds) {
    if (cableIds.isEmpty()) {
      return List.of();
    }
    return h.createQuery(
            "SELECT s.name AS series, c.serial FROM cable c JOIN series s ON s.id = c.series_id"
                + " WHERE c.id IN (<ids>) ORDER BY c.serial")
        .bindList("ids", cableIds)
        .map((rs, ctx) -> designator(rs.getString("series"), rs.getInt("serial")))
        .list();
  }

  /** A designator as it is shown: {@code Hakto 45}. */
  private static String designator(String series, int serial) {
    return new Series(series).displayName() + " " + serial;
  }

  @Override
  public List<String> releasedUnread(long cableId) {
    return releasedUnread(List.of(cableId)).getOrDefault(cableId, List.of());
  }

  @Override
  public Map<Long, List<String>> releasedUnread(Collection<Long> cableIds) {
    if (cableIds.isEmpty()) {
      return Map.of();
    }
    Map<Long, List<String>> out = new HashMap<>();
    db.read(
            h ->
                h.createQuery(
                        "SELECT u.cable_id, s.name AS series, c.serial FROM released_unread u JOIN"
                            + " cable c ON c.id = u.unread_cable_id JOIN series s ON s.id ="
                            + " c.series_id WHERE u.cable_id IN (<ids>) ORDER BY u.cable_id,"
                            + " c.serial")
                    .bindList("ids", List.copyOf(cableIds))
                    .map(
                        (rs, ctx) ->
                            Map.entry(
                                rs.getLong("cable_id"),
                                designator(rs.getString("series"), rs.getInt("serial"))))
                    .list())
        .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    out.replaceAll((k, v) -> List.copyOf(v));
    return Map.copyOf(out);
  }

  @Override
  public List<ImportResult> importCables(
      String exchange, List<ImportRequest> cables, String actor) {
    return imports.importCables(exchange, cables, actor);
  }

  // ---- reads ----

  @Override
  public Optional<StoredCable> cable(long id) {
    return db.read(h -> db.findCable(h, id));
  }

  @Override
  public Optional<StoredCable> cable(String exchange, Series series, int serial) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT "
                        + cableColumns
                        + " FROM cable c JOIN exchange x ON x.id = c.exchange_id JOIN series s ON"
                        + " s.id = c.series_id WHERE x.name = :exchange AND s.name = :series AND"
                        + " c.serial = :serial")
                .bind("exchange", exchange)
                .bind("series", series.name())
                .bind("serial", serial)
                .mapTo(StoredCable.class)
                .findOne());
  }

  @Override
  public Optional<StoredCable> cableByStationSerial(String exchange, String stationSerial) {
    StationSerial s;
    try {
      s = StationSerial.parse(stationSerial.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return db.read(
        h ->
            h.createQuery(
                    "SELECT "
                        + cableColumns
                        + " FROM cable c JOIN exchange x ON x.id = c.exchange_id WHERE x.name ="
                        + " :exchange AND c.station_prefix IS NOT DISTINCT FROM :prefix AND c.station_number ="
                        + " :number ORDER BY c.id LIMIT 1")
                .bind("exchange", exchange)
                .bind("prefix", s.prefix().orElse(null))
                .bind("number", s.number())
                .mapTo(StoredCable.class)
                .findOne());
  }

  @Override
  public List<StoredCable> cables(Optional<String> exchange, int limit) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT "
                        + cableColumns
                        + " FROM cable c JOIN exchange x ON x.id = c.exchange_id"
                        + (exchange.isPresent() ? " WHERE x.name = :exchange" : "")
                        + " ORDER BY c.id DESC LIMIT :limit")
                .bind("exchange", exchange.orElse(null))
                .bind("limit", limit)
                .mapTo(StoredCable.class)
                .list());
  }

  @Override
  public List<StoredCable> cables(Visibility visibility, CableQuery query) {
    if (visibility.classifications().isEmpty()) {
      return List.of();
    }
    return db.read(
        h ->
            h.createQuery(
                    "SELECT "
                        + cableColumns
                        + " FROM cable c JOIN exchange x ON x.id = c.exchange_id JOIN channel ch ON"
                        + " ch.id = x.channel_id LEFT JOIN series s ON s.id = c.series_id WHERE"
                        + " c.classification IN (<levels>) AND (ch.name IN (<channels>) OR c.id IN"
                        + " (SELECT cable_id FROM cable_reader WHERE name = :reader))"
                        + (query.exchange().isPresent() ? " AND x.name = :exchange" : "")
                        + (query.series().isPresent() ? " AND s.name = :series" : "")
                        + (query.precedence().isPresent() ? " AND c.precedence = :precedence" : "")
                        + " ORDER BY c.id DESC LIMIT :limit")
                .bindList(
                    "levels",
                    visibility.classifications().stream().map(Classification::name).toList())
                .bindList(
                    EmptyHandling.NULL_KEYWORD, "channels", List.copyOf(visibility.channels()))
                .bind("reader", visibility.addressedAs())
                .bind("exchange", query.exchange().orElse(null))
                .bind("series", query.series().map(Series::name).orElse(null))
                .bind("precedence", query.precedence().map(Precedence::name).orElse(null))
                .bind("limit", query.limit())
                .mapTo(StoredCable.class)
                .list());
  }

  @Override
  public List<Integer> serials(String exchange, Series series) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT c.serial FROM cable c JOIN series s ON s.id = c.series_id JOIN exchange"
                        + " x ON x.id = s.exchange_id WHERE x.name = :exchange AND s.name ="
                        + " :series ORDER BY c.serial")
                .bind("exchange", exchange)
                .bind("series", series.name())
                .mapTo(Integer.class)
                .list());
  }

  @Override
  public List<String> unresolvedReferences(String exchange) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT fs.name AS from_series, c.serial AS from_serial, c.station_prefix,"
                        + " c.station_number, r.series AS to_series, r.serial AS to_serial FROM"
                        + " cable_reference r JOIN cable c ON c.id = r.cable_id JOIN"
                        + " exchange x ON x.id = c.exchange_id LEFT JOIN series fs ON fs.id ="
                        + " c.series_id WHERE x.name = :exchange AND r.exchange_name IS NULL AND"
                        + " NOT EXISTS (SELECT 1 FROM cable t JOIN series ts ON ts.id = t.series_id"
                        + " WHERE ts.exchange_id = x.id AND ts.name = r.series AND t.serial ="
                        + " r.serial) ORDER BY c.id, r.position")
                .bind("exchange", exchange)
                .map(
                    (rs, ctx) -> {
                      String prefix = rs.getString("station_prefix");
                      String from =
                          rs.getString("from_series") != null
                              ? designator(rs.getString("from_series"), rs.getInt("from_serial"))
                              : (prefix == null ? "" : prefix + " ") + rs.getInt("station_number");
                      return from
                          + " → "
                          + rs.getString("to_series")
                          + " "
                          + rs.getInt("to_serial");
                    })
                .list());
  }
}
