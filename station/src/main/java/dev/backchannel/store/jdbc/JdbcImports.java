package dev.backchannel.store.jdbc;

import dev.backchannel.cable.Designator;
import dev.backchannel.cable.StationSerial;
import dev.backchannel.event.Event;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.ExchangeInfo.SeriesInfo;
import dev.backchannel.store.ImportRequest;
import dev.backchannel.store.ImportResult;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Importing the historical record (DESIGN 5.1): many cables in one transaction, none half-way. */
final class JdbcImports {
  private final Database db;
  private final JdbcChannels channels;
  private final String importCable;

  JdbcImports(Database db, JdbcChannels channels) {
    this.db = db;
    this.channels = channels;
    // an import names the cable's id itself, and its source: one update count a row, no result set
    this.importCable =
        "INSERT INTO cable (id, source, "
            + CableRows.CABLE_INSERT_COLUMNS
            + ") VALUES (?, ?, "
            + CableRows.insertValues(db.dialect())
            + ") ON CONFLICT DO NOTHING";
  }

  /** An import made ready off the writer: the cable, its edition text's bytes, its event. */
  private record PreparedImport(CableRows.Prepared prepared, byte[] editionUtf8, Event event) {
    static PreparedImport of(ImportRequest r) {
      CableRows.Prepared p = CableRows.Prepared.of(r.cable(), r.canonical());
      Event e =
          new Event.CableImported(
              r.cable().designator().orElseThrow().displayText(),
              p.sha256(),
              r.source(),
              r.document().isPresent() ? Optional.of(r.document().getAsInt()) : Optional.empty());
      return new PreparedImport(p, r.editionText().getBytes(StandardCharsets.UTF_8), e);
    }
  }

  /** As {@link dev.backchannel.store.CableRepository#importCables}. */
  List<ImportResult> importCables(String exchangeName, List<ImportRequest> cables, String actor) {
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
              PreparedStatement references = c.prepareStatement(CableRows.INSERT_REFERENCE);
              PreparedStatement events = c.prepareStatement(Database.INSERT_EVENT);
              PreparedStatement readers = c.prepareStatement(CableRows.INSERT_READER);
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
              CableRows.Prepared p = pi.prepared();
              Designator d = p.cable().designator().orElseThrow();
              String text = d.displayText();
              Optional<String> unregistered =
                  CableRows.unregisteredCaveat(db.registry(), p.cable());
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
              CableRows.bindCable(
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
              CableRows.Prepared p = pi.prepared();
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
              CableRows.addReferences(references, id, p.cable());
              CableRows.addReaders(readers, id, p.cable());
              db.bindEvent(h, events, at, pi.event(), actor, exchange.id(), id);
              events.addBatch();
              results[candidate.index()] =
                  new ImportResult(r.source(), text, ImportResult.Outcome.IMPORTED, "");
            }
            references.executeBatch();
            readers.executeBatch();
            events.executeBatch();
            db.dialect().idsTaken(h, "cable");
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
      return rs.getString("sha256");
    }
  }
}
