package dev.backchannel.store.jdbc;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.CaveatRegistry;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Dtg;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.Reference;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.StationSerial;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.cable.rules.Seen;
import dev.backchannel.event.Event;
import dev.backchannel.event.EventCodec;
import dev.backchannel.json.CableJson;
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
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
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
  private final String importCable;

  JdbcCables(Database db, JdbcChannels channels, JdbcDelivery delivery) {
    this.db = db;
    this.channels = channels;
    this.delivery = delivery;
    this.cableColumns = Rows.cableColumns(db.dialect());
    // the long texts are bound as their UTF-8 bytes, encoded off the writer thread
    String values =
        "?, ?, ?, ?, ?, ?, ?, ?, "
            + db.dialect().utf8Text()
            + ", ?, ?, ?, ?, ?, "
            + db.dialect().utf8Text()
            + ", ?";
    this.insertCable =
        "INSERT INTO cable ("
            + CABLE_INSERT_COLUMNS
            + ", releaser) VALUES ("
            + values
            + ", ?) ON CONFLICT DO NOTHING RETURNING id";
    // an import names the cable's id itself: one update count a row, no result set
    this.importCable =
        "INSERT INTO cable (id, source, "
            + CABLE_INSERT_COLUMNS
            + ") VALUES (?, ?, "
            + values
            + ") ON CONFLICT DO NOTHING";
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
    unregisteredCaveat(request.draft())
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
    Prepared p = Prepared.of(cable);
    long id;
    try (PreparedStatement insert = Database.statement(h, insertCable);
        PreparedStatement references = Database.statement(h, INSERT_REFERENCE);
        PreparedStatement readers = Database.statement(h, INSERT_READER)) {
      id =
          insertCable(
              insert, exchange.id(), series.id(), p, at.toEpochMilli(), seen, request.actor());
      addReferences(references, id, cable);
      addReaders(readers, id, cable);
      references.executeBatch();
      readers.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("could not store the cable " + cable.designator(), e);
    }
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
        readers(cable));
  }

  /**
   * Why a cable cannot be kept when its label holds a caveat this station does not register: it
   * could not be read back (nor its label shown) afterwards.
   */
  private Optional<String> unregisteredCaveat(Cable cable) {
    CaveatRegistry known = db.registry();
    return cable.label().caveats().stream()
        .filter(c -> !known.contains(c))
        .findFirst()
        .map(
            c ->
                "the caveat "
                    + c.name()
                    + " is not registered at this station; an administrator adds it first");
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

  private static final String CABLE_INSERT_COLUMNS =
      "exchange_id, series_id, serial, station_prefix, station_number, origin, precedence,"
          + " classification, canonical, structured, sha256, released_at, seen, document,"
          + " edition_text, created_at";

  /**
   * A cable ready to store: its canonical text (and its UTF-8 bytes), hash and structured form,
   * made off the writer.
   */
  private record Prepared(
      Cable cable, String canonical, byte[] canonicalUtf8, String sha256, String structured) {
    static Prepared of(Cable cable) {
      return of(cable, CanonicalText.render(cable));
    }

    static Prepared of(Cable cable, String canonical) {
      byte[] utf8 = canonical.getBytes(StandardCharsets.UTF_8);
      return new Prepared(
          cable, canonical, utf8, CanonicalText.sha256(utf8), CableJson.envelope(cable).toString());
    }
  }

  /** Inserts a released cable and who released it; returns its id. */
  private static long insertCable(
      PreparedStatement ps,
      long exchangeId,
      long seriesId,
      Prepared p,
      long releasedAt,
      int seen,
      String releaser)
      throws SQLException {
    bindCable(ps, 0, exchangeId, seriesId, p, "RELEASED", releasedAt, (long) seen, null, null);
    ps.setString(CABLE_INSERT_PARAMETERS + 1, releaser);
    // RETURNING rather than getGeneratedKeys, which prepares a query for every row
    try (ResultSet id = ps.executeQuery()) {
      if (!id.next()) {
        throw new IllegalStateException(
            "the serial " + p.cable().designator().orElseThrow() + " is held already");
      }
      return id.getLong(1);
    }
  }

  /** How many parameters {@link #bindCable} binds. */
  private static final int CABLE_INSERT_PARAMETERS = 16;

  /** Binds a cable's columns after the first {@code offset} parameters. */
  private static void bindCable(
      PreparedStatement ps,
      int offset,
      long exchangeId,
      Long seriesId,
      Prepared p,
      String origin,
      Long releasedAt,
      Long seen,
      Long document,
      byte[] editionUtf8)
      throws SQLException {
    Designator d = p.cable().designator().orElseThrow();
    ps.setLong(offset + 1, exchangeId);
    Database.setNullable(ps, offset + 2, seriesId);
    Database.setNullable(ps, offset + 3, d.numbered().map(n -> (long) n.serial()).orElse(null));
    ps.setString(offset + 4, d.stationSerial().flatMap(StationSerial::prefix).orElse(null));
    Database.setNullable(
        ps, offset + 5, d.stationSerial().map(x -> (long) x.number()).orElse(null));
    ps.setString(offset + 6, origin);
    ps.setString(offset + 7, p.cable().precedence().name());
    ps.setString(offset + 8, p.cable().label().classification().name());
    ps.setBytes(offset + 9, p.canonicalUtf8());
    ps.setString(offset + 10, p.structured());
    ps.setString(offset + 11, p.sha256());
    Database.setNullable(ps, offset + 12, releasedAt);
    Database.setNullable(ps, offset + 13, seen);
    Database.setNullable(ps, offset + 14, document);
    if (editionUtf8 == null) {
      ps.setNull(offset + 15, Types.BLOB);
    } else {
      ps.setBytes(offset + 15, editionUtf8);
    }
    ps.setLong(offset + 16, System.currentTimeMillis());
  }

  private static final String INSERT_REFERENCE =
      "INSERT INTO cable_reference (cable_id, position, series, serial, paragraph, exchange_name)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  /** Adds a cable's references to the batch of {@code ps}. */
  private static void addReferences(PreparedStatement ps, long cableId, Cable cable)
      throws SQLException {
    int position = 0;
    for (Reference r : cable.references()) {
      ps.setLong(1, cableId);
      ps.setInt(2, position++);
      ps.setString(3, r.series().name());
      ps.setInt(4, r.serial());
      Database.setNullable(
          ps, 5, r.paragraph().isPresent() ? (long) r.paragraph().getAsInt() : null);
      ps.setString(6, r.exchange().orElse(null));
      ps.addBatch();
    }
  }

  // ---- import ----

  /** An import made ready off the writer: the cable, its edition text's bytes, its event's data. */
  private record PreparedImport(Prepared prepared, byte[] editionUtf8, String eventData) {
    static PreparedImport of(ImportRequest r) {
      Prepared p = Prepared.of(r.cable(), r.canonical());
      Event e =
          new Event.CableImported(
              r.cable().designator().orElseThrow().displayText(),
              p.sha256(),
              r.source(),
              r.document().isPresent() ? Optional.of(r.document().getAsInt()) : Optional.empty());
      return new PreparedImport(
          p, r.editionText().getBytes(StandardCharsets.UTF_8), EventCodec.encode(e));
    }
  }

  @Override
  public List<ImportResult> importCables(
      String exchangeName, List<ImportRequest> cables, String actor) {
    // rendering, hashing, encoding and the JSON need no lock: made on every core, off the writer
    List<Optional<PreparedImport>> prepared =
        cables.parallelStream()
            .map(
                r ->
                    r.cable().designator().isPresent()
                        ? Optional.of(PreparedImport.of(r))
                        : Optional.<PreparedImport>empty())
            .toList();
    return db.write(
        h -> {
          ExchangeInfo exchange = channels.requireExchange(h, exchangeName);
          Connection c = h.getConnection();
          try (PreparedStatement insert = c.prepareStatement(importCable);
              PreparedStatement references = c.prepareStatement(INSERT_REFERENCE);
              PreparedStatement events = c.prepareStatement(Database.INSERT_EVENT);
              PreparedStatement readers = c.prepareStatement(INSERT_READER);
              PreparedStatement heldNumbered =
                  c.prepareStatement(
                      "SELECT sha256 FROM cable WHERE series_id = ? AND serial = ?");
              PreparedStatement heldStation =
                  c.prepareStatement(
                      "SELECT sha256 FROM cable WHERE exchange_id = ? AND series_id IS NULL AND"
                          + " station_prefix IS NOT DISTINCT FROM ? AND station_number = ?")) {
            // the writer alone inserts, inside this transaction: the ids that follow are free
            long nextId =
                h.createQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM cable").mapTo(Long.class).one();
            ImportResult[] results = new ImportResult[cables.size()];
            // the cables go in as one batch; the rows naming them follow for those that went in
            record Candidate(int index, long id, Long seriesId) {}
            List<Candidate> candidates = new ArrayList<>(cables.size());
            long at = db.now();
            for (int i = 0; i < cables.size(); i++) {
              ImportRequest r = cables.get(i);
              if (prepared.get(i).isEmpty()) {
                results[i] =
                    new ImportResult(
                        r.source(),
                        "",
                        ImportResult.Outcome.REFUSED,
                        "the cable has no designator");
                continue;
              }
              PreparedImport pi = prepared.get(i).get();
              Prepared p = pi.prepared();
              Designator d = p.cable().designator().orElseThrow();
              String text = d.displayText();
              Optional<String> unregistered = unregisteredCaveat(p.cable());
              if (unregistered.isPresent()) {
                results[i] =
                    new ImportResult(
                        r.source(), text, ImportResult.Outcome.REFUSED, unregistered.get());
                continue;
              }
              Long seriesId = null;
              if (d.numbered().isPresent()) {
                Optional<SeriesInfo> series = exchange.series(d.numbered().get().series());
                if (series.isEmpty()) {
                  results[i] =
                      new ImportResult(
                          r.source(),
                          text,
                          ImportResult.Outcome.REFUSED,
                          JdbcChannels.notASeriesOf(exchange, d.numbered().get().series()));
                  continue;
                }
                seriesId = series.get().id();
              }
              long id = nextId++;
              insert.setLong(1, id);
              insert.setString(2, r.source());
              bindCable(
                  insert,
                  2,
                  exchange.id(),
                  seriesId,
                  p,
                  "IMPORTED",
                  null,
                  null,
                  r.document().isPresent() ? (long) r.document().getAsInt() : null,
                  pi.editionUtf8());
              insert.addBatch();
              candidates.add(new Candidate(i, id, seriesId));
            }
            // ON CONFLICT DO NOTHING: a designator held already (or earlier in this batch) counts 0
            long[] inserted = insert.executeLargeBatch();
            for (int k = 0; k < candidates.size(); k++) {
              Candidate candidate = candidates.get(k);
              ImportRequest r = cables.get(candidate.index());
              PreparedImport pi = prepared.get(candidate.index()).orElseThrow();
              Prepared p = pi.prepared();
              Designator d = p.cable().designator().orElseThrow();
              String text = d.displayText();
              if (inserted[k] == 0) {
                String held =
                    held(d, candidate.seriesId(), exchange.id(), heldNumbered, heldStation);
                results[candidate.index()] =
                    held.equals(p.sha256())
                        ? new ImportResult(r.source(), text, ImportResult.Outcome.DUPLICATE, "")
                        : new ImportResult(
                            r.source(),
                            text,
                            ImportResult.Outcome.CONFLICT,
                            text + " is held already with another text (SHA-256 " + held + ")");
                continue;
              }
              long id = candidate.id();
              addReferences(references, id, p.cable());
              addReaders(readers, id, p.cable());
              Database.bindEvent(
                  events, at, "CABLE_IMPORTED", actor, exchange.id(), id, pi.eventData());
              events.addBatch();
              results[candidate.index()] =
                  new ImportResult(r.source(), text, ImportResult.Outcome.IMPORTED, "");
            }
            references.executeBatch();
            readers.executeBatch();
            events.executeBatch();
            return List.of(results);
          } catch (SQLException e) {
            throw new IllegalStateException("could not import into " + exchangeName, e);
          }
        });
  }

  private static String held(
      Designator d,
      Long seriesId,
      long exchangeId,
      PreparedStatement heldNumbered,
      PreparedStatement heldStation)
      throws SQLException {
    PreparedStatement ps;
    if (seriesId != null) {
      ps = heldNumbered;
      ps.setLong(1, seriesId);
      ps.setInt(2, d.numbered().orElseThrow().serial());
    } else {
      StationSerial s = d.stationSerial().orElseThrow();
      ps = heldStation;
      ps.setLong(1, exchangeId);
      ps.setString(2, s.prefix().orElse(null));
      ps.setInt(3, s.number());
    }
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getString(1);
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
        .map((rs, ctx) -> Map.entry(rs.getInt(1), rs.getLong(2)))
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

  // ---- reads ----

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

  /** The names a cable itself gives as its readers (FROM, TO, INFO), for {@code cable_reader}. */
  private static Set<String> readers(Cable cable) {
    Set<String> names = new LinkedHashSet<>();
    names.add(cable.from().name());
    cable.to().forEach(p -> names.add(p.name()));
    cable.info().forEach(p -> names.add(p.name()));
    return names;
  }

  private static final String INSERT_READER =
      "INSERT INTO cable_reader (cable_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING";

  /** Adds the names a cable gives as its readers to the batch of {@code ps}. */
  private static void addReaders(PreparedStatement ps, long cableId, Cable cable)
      throws SQLException {
    for (String name : readers(cable)) {
      ps.setLong(1, cableId);
      ps.setString(2, name);
      ps.addBatch();
    }
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
                    "SELECT fs.name, c.serial, c.station_prefix, c.station_number, r.series,"
                        + " r.serial FROM cable_reference r JOIN cable c ON c.id = r.cable_id JOIN"
                        + " exchange x ON x.id = c.exchange_id LEFT JOIN series fs ON fs.id ="
                        + " c.series_id WHERE x.name = :exchange AND r.exchange_name IS NULL AND"
                        + " NOT EXISTS (SELECT 1 FROM cable t JOIN series ts ON ts.id = t.series_id"
                        + " WHERE ts.exchange_id = x.id AND ts.name = r.series AND t.serial ="
                        + " r.serial) ORDER BY c.id, r.position")
                .bind("exchange", exchange)
                .map(
                    (rs, ctx) -> {
                      String from =
                          rs.getString(1) != null
                              ? new Series(rs.getString(1)).displayName() + " " + rs.getInt(2)
                              : (rs.getString(3) == null ? "" : rs.getString(3) + " ")
                                  + rs.getInt(4);
                      return from + " → " + rs.getString(5) + " " + rs.getInt(6);
                    })
                .list());
  }
}
