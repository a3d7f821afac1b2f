package dev.backchannel.store.sqlite;

import dev.backchannel.store.jdbc.Dialect;
import org.jdbi.v3.core.Handle;

/** SQLite's way of saying what the store's SQL does not say the same everywhere. */
final class SqliteDialect implements Dialect {

  @Override
  public String joinNames(String column) {
    return "group_concat(" + column + ", char(31))";
  }

  @Override
  public String indexedBy(String index) {
    return " INDEXED BY " + index;
  }

  /** SQLite reads a BLOB cast to TEXT as text in the database encoding, UTF-8. */
  @Override
  public String utf8Text() {
    return "CAST(? AS TEXT)";
  }

  /** The writer never checkpoints: the checkpointer does, beside it. */
  @Override
  public void prepareWriter(Handle writer) {
    writer.execute("PRAGMA wal_autocheckpoint = 0");
  }

  /** BEGIN IMMEDIATE has taken the file's write lock already; one process writes the file. */
  @Override
  public void beginWrite(Handle writer) {}

  /** A rowid table gives MAX(rowid) + 1 next; AUTOINCREMENT tables follow their sequence. */
  @Override
  public void idsTaken(Handle writer, String table) {}
}
