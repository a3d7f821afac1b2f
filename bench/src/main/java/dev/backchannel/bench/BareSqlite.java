package dev.backchannel.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** The connection of a bare baseline loop: the station's file, with the store's durability. */
public final class BareSqlite {
  private BareSqlite() {}

  /**
   * Opens {@code file} as the store's writer does: WAL, {@code synchronous=FULL}, foreign keys, a
   * 64 MiB page cache, one transaction at a time (auto-commit off). The log is not copied into the
   * file while the loop writes (the station copies it on a thread of its own): the loop copies it
   * all with {@link #checkpoint} before its clock stops, so that it does the same work on the file.
   */
  public static Connection open(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setCacheSize(-64 * 1024);
    Connection c = config.createConnection("jdbc:sqlite:" + file);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_autocheckpoint = 0");
      c.setAutoCommit(false);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /**
   * Copies the whole log into the file and syncs it, as the station's checkpointer does over time.
   */
  public static void checkpoint(Connection c) throws SQLException {
    c.commit();
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
  }
}
