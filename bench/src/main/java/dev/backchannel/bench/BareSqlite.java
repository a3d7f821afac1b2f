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
   * file while the loop runs: the station copies it on a thread of its own, and the loop leaves it
   * to the close, after its clock has stopped, so that it stays the ceiling it stands for.
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
}
