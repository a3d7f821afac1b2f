package dev.backchannel.store.jdbc;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.CaveatRegistry;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Reference;
import dev.backchannel.cable.StationSerial;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.json.CableJson;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * How a cable's rows are written, by a release and by an import alike: its columns, its references
 * and the names it gives its readers; and whether the station can keep its label at all.
 */
final class CableRows {
  private CableRows() {}

  /**
   * Why a cable cannot be kept when its label holds a caveat this station does not register: it
   * could not be read back (nor its label shown) afterwards.
   */
  static Optional<String> unregisteredCaveat(CaveatRegistry known, Cable cable) {
    return cable.label().caveats().stream()
        .filter(c -> !known.contains(c))
        .findFirst()
        .map(
            c ->
                "the caveat "
                    + c.name()
                    + " is not registered at this station; an administrator adds it first");
  }

  /**
   * The parameters of {@link #CABLE_INSERT_COLUMNS}: the long texts are bound as their UTF-8 bytes,
   * encoded off the writer thread, and read as text as the dialect says.
   */
  static String insertValues(Dialect dialect) {
    return "?, ?, ?, ?, ?, ?, ?, ?, "
        + dialect.utf8Text()
        + ", ?, ?, ?, ?, ?, "
        + dialect.utf8Text()
        + ", ?";
  }

  static final String CABLE_INSERT_COLUMNS =
      "exchange_id, series_id, serial, station_prefix, station_number, origin, precedence,"
          + " classification, canonical, structured, sha256, released_at, seen, document,"
          + " edition_text, created_at";

  /**
   * A cable ready to store: its canonical text (and its UTF-8 bytes), hash and structured form,
   * made off the writer.
   */
  record Prepared(
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
  static long insertCable(
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
  static final int CABLE_INSERT_PARAMETERS = 16;

  /** Binds a cable's columns after the first {@code offset} parameters. */
  static void bindCable(
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
      ps.setNull(offset + 15, Types.BINARY);
    } else {
      ps.setBytes(offset + 15, editionUtf8);
    }
    ps.setLong(offset + 16, System.currentTimeMillis());
  }

  static final String INSERT_REFERENCE =
      "INSERT INTO cable_reference (cable_id, position, series, serial, paragraph, exchange_name)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  /** Adds a cable's references to the batch of {@code ps}. */
  static void addReferences(PreparedStatement ps, long cableId, Cable cable) throws SQLException {
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

  /** The names a cable itself gives as its readers (FROM, TO, INFO), for {@code cable_reader}. */
  static Set<String> readers(Cable cable) {
    Set<String> names = new LinkedHashSet<>();
    names.add(cable.from().name());
    cable.to().forEach(p -> names.add(p.name()));
    cable.info().forEach(p -> names.add(p.name()));
    return names;
  }

  static final String INSERT_READER =
      "INSERT INTO cable_reader (cable_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING";

  /** Adds the names a cable gives as its readers to the batch of {@code ps}. */
  static void addReaders(PreparedStatement ps, long cableId, Cable cable) throws SQLException {
    for (String name : readers(cable)) {
      ps.setLong(1, cableId);
      ps.setString(2, name);
      ps.addBatch();
    }
  }
}
