package dev.backchannel.bench.release;

import dev.backchannel.bench.BareSqlite;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * The baseline of release throughput (DESIGN 7): a bare JDBC loop that writes again the rows the
 * station wrote for released cables, with the store's durability (WAL, {@code synchronous=FULL},
 * foreign keys, the same page cache; {@link BareSqlite}), into a copy of the station file as it was
 * before any traffic, committing {@code batch} cables a transaction.
 *
 * <p>For each cable it does what a two-request release did to the file: inserts and deletes its
 * draft, counts the series and the station serial, inserts the cable, its readers and references,
 * its delivery to the end and to each reader, the DELIVERED receipts and the cable's events. No
 * HTTP, no parsing, no rules: the rows are read into memory before the clock starts. What it
 * reaches is what the file and the disk allow, the ceiling of a station on this machine.
 */
public final class BareReleaseLoop {
  /** The tables a release writes rows of, each keyed by its cable. */
  private static final List<String> PER_CABLE =
      List.of(
          "cable_reader",
          "cable_reference",
          "released_unread",
          "end_delivery",
          "delivery",
          "receipt",
          "event");

  /** One table's rows of one cable, ready to insert. */
  private record Rows(String table, String insert, List<Object[]> rows) {}

  /** Everything one cable's release wrote. */
  private record Release(long seriesId, Object[] cable, String draftText, List<Rows> rows) {}

  private final List<String> cableColumns;
  private final List<Release> releases;
  private final long authorId;
  private final Map<Long, Long> sendingEnd;

  private BareReleaseLoop(
      List<String> cableColumns,
      List<Release> releases,
      long authorId,
      Map<Long, Long> sendingEnd) {
    this.cableColumns = cableColumns;
    this.releases = releases;
    this.authorId = authorId;
    this.sendingEnd = sendingEnd;
  }

  /** How many cables it writes a round. */
  public int cables() {
    return releases.size();
  }

  /**
   * Reads the rows of the released cables of a station file (read-only: the station may still be
   * running on it; WAL lets another process read).
   */
  public static BareReleaseLoop readFrom(Path station) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    try (Connection c = config.createConnection("jdbc:sqlite:" + station)) {
      List<String> columns = new ArrayList<>();
      Map<Long, Object[]> cables = new LinkedHashMap<>();
      Map<Long, Long> series = new LinkedHashMap<>();
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT * FROM cable WHERE origin = 'RELEASED' ORDER BY id")) {
        ResultSetMetaData m = rs.getMetaData();
        for (int i = 1; i <= m.getColumnCount(); i++) {
          columns.add(m.getColumnName(i));
        }
        while (rs.next()) {
          Object[] row = row(rs, m);
          cables.put(rs.getLong("id"), row);
          series.put(rs.getLong("id"), rs.getLong("series_id"));
        }
      }
      Map<String, Map<Long, List<Object[]>>> byTable = new LinkedHashMap<>();
      Map<String, String> inserts = new LinkedHashMap<>();
      for (String table : PER_CABLE) {
        Map<Long, List<Object[]>> rows = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery("SELECT * FROM " + table + " WHERE cable_id IS NOT NULL")) {
          ResultSetMetaData m = rs.getMetaData();
          inserts.put(table, insert(table, m));
          while (rs.next()) {
            rows.computeIfAbsent(rs.getLong("cable_id"), k -> new ArrayList<>()).add(row(rs, m));
          }
        }
        byTable.put(table, rows);
      }
      // a draft's event names no cable: the i-th saved draft is the i-th cable's
      List<Object[]> drafts = new ArrayList<>();
      String draftEvent;
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT * FROM event WHERE kind = 'DRAFT_SAVED' ORDER BY id")) {
        ResultSetMetaData m = rs.getMetaData();
        draftEvent = insert("event", m);
        while (rs.next()) {
          drafts.add(row(rs, m));
        }
      }
      long author;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT id FROM user_account WHERE name = 'kissinger'")) {
        rs.next();
        author = rs.getLong(1);
      }
      Map<Long, Long> ends = new LinkedHashMap<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT id, sending_end_id FROM series")) {
        while (rs.next()) {
          ends.put(rs.getLong(1), rs.getLong(2));
        }
      }
      int canonical = columns.indexOf("canonical");
      List<Release> releases = new ArrayList<>();
      for (Map.Entry<Long, Object[]> e : cables.entrySet()) {
        List<Rows> rows = new ArrayList<>();
        if (releases.size() < drafts.size()) {
          rows.add(
              new Rows("draft event", draftEvent, List.<Object[]>of(drafts.get(releases.size()))));
        }
        for (String table : PER_CABLE) {
          rows.add(
              new Rows(
                  table,
                  inserts.get(table),
                  byTable.get(table).getOrDefault(e.getKey(), List.of())));
        }
        releases.add(
            new Release(
                series.get(e.getKey()), e.getValue(), (String) e.getValue()[canonical], rows));
      }
      return new BareReleaseLoop(columns, releases, author, ends);
    }
  }

  private static Object[] row(ResultSet rs, ResultSetMetaData m) throws SQLException {
    Object[] row = new Object[m.getColumnCount()];
    for (int i = 0; i < row.length; i++) {
      row[i] = rs.getObject(i + 1);
    }
    return row;
  }

  private static String insert(String table, ResultSetMetaData m) throws SQLException {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= m.getColumnCount(); i++) {
      names.add(m.getColumnName(i));
    }
    return insert(table, names);
  }

  private static String insert(String table, List<String> names) {
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", names)
        + ") VALUES ("
        + String.join(", ", names.stream().map(n -> "?").toList())
        + ")";
  }

  /**
   * Writes every cable's rows into {@code target} (a copy of the station file before its traffic),
   * {@code batch} cables a transaction.
   *
   * @param drafts whether each cable was released from a saved draft (two requests): its draft is
   *     then inserted, its event written and the draft deleted, as the station did
   * @return the cables written a second
   */
  public double run(Path target, int batch, boolean drafts) throws SQLException {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1, not " + batch);
    }
    try (Connection c = BareSqlite.open(target)) {
      Map<String, PreparedStatement> statements = new LinkedHashMap<>();
      try {
        PreparedStatement draft =
            prepare(
                c,
                statements,
                "INSERT INTO draft (exchange_id, series_id, end_id, author_id, text, created_at,"
                    + " saved_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
        PreparedStatement dropDraft = prepare(c, statements, "DELETE FROM draft WHERE id = ?");
        PreparedStatement countSeries =
            prepare(c, statements, "UPDATE series SET counter = counter + 1 WHERE id = ?");
        PreparedStatement countStation =
            prepare(
                c,
                statements,
                "UPDATE station SET station_serial = station_serial + 1 WHERE id = 1");
        PreparedStatement cable = prepare(c, statements, insert("cable", cableColumns));
        int exchange = cableColumns.indexOf("exchange_id");
        int released = cableColumns.indexOf("released_at");
        long started = System.nanoTime();
        for (int from = 0; from < releases.size(); from += batch) {
          for (Release r : releases.subList(from, Math.min(releases.size(), from + batch))) {
            long draftId = 0;
            if (drafts) {
              draft.setObject(1, r.cable()[exchange]);
              draft.setLong(2, r.seriesId());
              draft.setLong(3, sendingEnd.get(r.seriesId()));
              draft.setLong(4, authorId);
              draft.setString(5, r.draftText());
              draft.setObject(6, r.cable()[released]);
              draft.setObject(7, r.cable()[released]);
              try (ResultSet id = draft.executeQuery()) {
                id.next();
                draftId = id.getLong(1);
              }
            }
            countSeries.setLong(1, r.seriesId());
            countSeries.executeUpdate();
            countStation.executeUpdate();
            bind(cable, r.cable());
            cable.executeUpdate();
            for (Rows rows : r.rows()) {
              if (rows.rows().isEmpty() || (!drafts && rows.table().equals("draft event"))) {
                continue;
              }
              PreparedStatement p = prepare(c, statements, rows.insert());
              for (Object[] row : rows.rows()) {
                bind(p, row);
                p.addBatch();
              }
              p.executeBatch();
            }
            if (drafts) {
              dropDraft.setLong(1, draftId);
              dropDraft.executeUpdate();
            }
          }
          c.commit();
        }
        BareSqlite.checkpoint(c);
        return releases.size() / ((System.nanoTime() - started) / 1e9);
      } finally {
        for (PreparedStatement p : statements.values()) {
          p.close();
        }
      }
    }
  }

  /** The statement for {@code sql}, prepared once per connection. */
  private static PreparedStatement prepare(
      Connection c, Map<String, PreparedStatement> statements, String sql) throws SQLException {
    PreparedStatement p = statements.get(sql);
    if (p == null) {
      p = c.prepareStatement(sql);
      statements.put(sql, p);
    }
    return p;
  }

  private static void bind(PreparedStatement p, Object[] row) throws SQLException {
    for (int i = 0; i < row.length; i++) {
      p.setObject(i + 1, row[i]);
    }
  }
}
