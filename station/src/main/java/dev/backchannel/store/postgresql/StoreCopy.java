package dev.backchannel.store.postgresql;

import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoreException.Problem;
import dev.backchannel.store.StoreLocation;
import dev.backchannel.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.sqlite.SQLiteConfig;

/**
 * Moves a station from its SQLite file into an empty PostgreSQL database (issue 22): every row of
 * every table, with the same ids, in one transaction of the target, checked before it commits (row
 * counts, and each cable's SHA-256 computed again from its canonical text). A target that holds
 * anything is refused before anything is written to it. Rows are copied as they are: no rule is
 * applied again, since they were stored under the rules already.
 */
public final class StoreCopy {
  private StoreCopy() {}

  /**
   * The station's tables in an order their references allow (a row's referents first), the same on
   * both databases, with whether each has an identity id.
   */
  static final Map<String, Boolean> TABLES = tables();

  private static Map<String, Boolean> tables() {
    Map<String, Boolean> t = new LinkedHashMap<>();
    t.put("station", false);
    t.put("user_account", true);
    t.put("channel", true);
    t.put("channel_end", true);
    t.put("end_member", false);
    t.put("exchange", true);
    t.put("series", true);
    t.put("caveat", false);
    t.put("cable", true);
    t.put("cable_reference", false);
    t.put("released_unread", false);
    t.put("cable_reader", false);
    t.put("event", true);
    t.put("session", false);
    t.put("draft", true);
    t.put("end_delivery", false);
    t.put("delivery", false);
    t.put("escalation", false);
    t.put("receipt", false);
    t.put("escalation_due", false);
    t.put("login_attempt", false);
    t.put("log_tile", false);
    t.put("log_state", false);
    t.put("checkpoint", false);
    return java.util.Collections.unmodifiableMap(t);
  }

  /** Rows inserted per batch. */
  private static final int BATCH = 1_000;

  /** Told of the copy's progress, table by table. */
  @FunctionalInterface
  public interface Progress {
    /**
     * @param table the table being copied
     * @param copied its rows copied so far
     * @param total its rows in all
     */
    void copied(String table, long copied, long total);
  }

  /**
   * What was copied and checked.
   *
   * @param rows each table's rows, as counted in both databases alike
   * @param cables the cables whose SHA-256 was computed again and matched
   */
  public record Report(Map<String, Long> rows, long cables) {
    public Report {
      rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }

    public long total() {
      return rows.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Copies the station file {@code file} into {@code target}. The file is held (its lock taken)
   * throughout, so no station serves it meanwhile.
   *
   * @throws StoreException NOT_INITIALISED if the file holds no station; CONFLICT (nothing written)
   *     if the target is not empty; UNAVAILABLE if the target cannot be reached; INVALID if the
   *     copy does not check out (then nothing is committed)
   */
  public static Report copy(Path file, StoreLocation.Postgres target, Progress progress) {
    Objects.requireNonNull(progress, "progress");
    // opening it takes its lock and brings its schema to the newest version, as PostgreSQL's
    try (Store source = SqliteStore.open(file, Clock.systemUTC())) {
      if (source.station().isEmpty()) {
        throw new StoreException(
            Problem.NOT_INITIALISED,
            "from",
            "the station file "
                + file.toAbsolutePath()
                + " is not set up; there is nothing to copy");
      }
      refuseUnlessEmpty(target);
      PostgresStore.migrate(target);
      SQLiteConfig reading = new SQLiteConfig();
      reading.setReadOnly(true);
      try (Connection from = reading.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
          Connection to =
              PostgresStore.dataSource(target, "backchannel store copy").getConnection()) {
        to.setAutoCommit(false);
        try {
          Report report = copy(from, to, progress);
          to.commit();
          return report;
        } catch (SQLException | RuntimeException e) {
          to.rollback();
          throw e;
        }
      }
    } catch (SQLException e) {
      throw new StoreException(
          Problem.INVALID,
          "to",
          "could not copy into " + target.describe() + ": " + e.getMessage(),
          e);
    }
  }

  /** Refuses a database that holds a station, or tables that are not a station's. */
  private static void refuseUnlessEmpty(StoreLocation.Postgres target) {
    try (Connection c = PostgresStore.dataSource(target, "backchannel store copy").getConnection();
        Statement s = c.createStatement()) {
      Set<String> present = new TreeSet<>();
      try (ResultSet r =
          s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")) {
        while (r.next()) {
          present.add(r.getString(1));
        }
      }
      if (present.contains("station")) {
        try (ResultSet r = s.executeQuery("SELECT prefix, name FROM station")) {
          if (r.next()) {
            throw new StoreException(
                Problem.CONFLICT,
                "to",
                target.describe()
                    + " is not empty: it holds station "
                    + r.getString(1)
                    + " ("
                    + r.getString(2)
                    + "); copy only into an empty database");
          }
        }
      }
      Set<String> foreign = new TreeSet<>(present);
      foreign.removeAll(TABLES.keySet());
      foreign.remove("flyway_schema_history");
      if (!foreign.isEmpty()) {
        throw new StoreException(
            Problem.CONFLICT,
            "to",
            target.describe()
                + " is not empty: it holds tables that are not a station's ("
                + String.join(", ", foreign)
                + "); copy only into an empty database");
      }
      for (String table : TABLES.keySet()) {
        if (present.contains(table) && !table.equals("caveat") && !table.equals("log_state")) {
          try (ResultSet r = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
            if (r.next() && r.getBoolean(1)) {
              throw new StoreException(
                  Problem.CONFLICT,
                  "to",
                  target.describe()
                      + " is not empty: its table "
                      + table
                      + " holds rows; copy only into an empty database");
            }
          }
        }
      }
    } catch (SQLException e) {
      throw PostgresStore.unavailable(target, e);
    }
  }

  private static Report copy(Connection from, Connection to, Progress progress)
      throws SQLException {
    try (Statement s = to.createStatement()) {
      // the schema's seeds; the file's own registry and log follow
      s.execute("DELETE FROM caveat");
      s.execute("DELETE FROM log_state");
    }
    Map<String, Long> rows = new LinkedHashMap<>();
    for (Map.Entry<String, Boolean> t : TABLES.entrySet()) {
      rows.put(t.getKey(), copyTable(from, to, t.getKey(), progress));
    }
    try (Statement s = to.createStatement()) {
      for (Map.Entry<String, Boolean> t : TABLES.entrySet()) {
        if (t.getValue()) {
          s.execute(PostgresDialect.moveIdsPast(t.getKey()));
        }
      }
    }
    for (Map.Entry<String, Long> r : rows.entrySet()) {
      long there = count(to, r.getKey());
      if (there != r.getValue()) {
        throw new StoreException(
            Problem.INVALID,
            "to",
            "the copy of "
                + r.getKey()
                + " holds "
                + there
                + " rows where the file holds "
                + r.getValue()
                + "; nothing was committed");
      }
    }
    return new Report(rows, checkCables(from, to));
  }

  private static long copyTable(Connection from, Connection to, String table, Progress progress)
      throws SQLException {
    long total = count(from, table);
    progress.copied(table, 0, total);
    long copied = 0;
    try (Statement read = from.createStatement();
        ResultSet r = read.executeQuery("SELECT * FROM " + table)) {
      ResultSetMetaData meta = r.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnName(i));
      }
      String insert =
          "INSERT INTO "
              + table
              + " ("
              + String.join(", ", columns)
              + ") VALUES ("
              + String.join(", ", columns.stream().map(c -> "?").toList())
              + ")";
      try (PreparedStatement write = to.prepareStatement(insert)) {
        int batched = 0;
        while (r.next()) {
          for (int i = 1; i <= columns.size(); i++) {
            write.setObject(i, r.getObject(i));
          }
          write.addBatch();
          if (++batched == BATCH) {
            write.executeBatch();
            copied += batched;
            batched = 0;
            progress.copied(table, copied, total);
          }
        }
        if (batched > 0) {
          write.executeBatch();
          copied += batched;
          progress.copied(table, copied, total);
        }
      }
    }
    return copied;
  }

  /**
   * Computes each copied cable's SHA-256 again from its canonical text, and compares it with the
   * hash the file recorded at release or import (G2).
   */
  private static long checkCables(Connection from, Connection to) throws SQLException {
    Map<Long, String> recorded = new HashMap<>();
    try (Statement s = from.createStatement();
        ResultSet r = s.executeQuery("SELECT id, sha256 FROM cable")) {
      while (r.next()) {
        recorded.put(r.getLong(1), r.getString(2));
      }
    }
    long checked = 0;
    try (Statement s = to.createStatement()) {
      s.setFetchSize(500);
      try (ResultSet r = s.executeQuery("SELECT id, canonical FROM cable ORDER BY id")) {
        while (r.next()) {
          String hash = CanonicalText.sha256(r.getString(2));
          String expected = recorded.get(r.getLong(1));
          if (!hash.equals(expected)) {
            throw new StoreException(
                Problem.INVALID,
                "to",
                "the copy of cable "
                    + r.getLong(1)
                    + " hashes to "
                    + hash
                    + " where the file recorded "
                    + expected
                    + "; nothing was committed");
          }
          checked++;
        }
      }
    }
    return checked;
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }
}
