package dev.backchannel.store.postgresql;

import dev.backchannel.store.jdbc.Dialect;
import org.jdbi.v3.core.Handle;

/** PostgreSQL's way of saying what the store's SQL does not say the same everywhere. */
final class PostgresDialect implements Dialect {
  /**
   * The advisory lock every writing transaction takes first, on every node: the key is arbitrary
   * but fixed (the station's own, "BC" in ASCII), and nothing else in the database takes it.
   */
  static final long WRITE_LOCK = 0x4243;

  /** The channel every node listens on for committed events ({@link EventSignal}). */
  static final String EVENTS_CHANNEL = "backchannel_events";

  @Override
  public String joinNames(String column) {
    return "string_agg(" + column + "::text, chr(31))";
  }

  /** PostgreSQL's planner takes no hints; its statistics choose the index. */
  @Override
  public String indexedBy(String index) {
    return "";
  }

  @Override
  public String utf8Text() {
    return "convert_from(CAST(? AS bytea), 'UTF8')";
  }

  /**
   * Each of the writer's commits waits for its WAL to be flushed (G10), whatever the server's
   * default says.
   */
  @Override
  public void prepareWriter(Handle writer) {
    writer.execute("SET synchronous_commit = on");
  }

  /**
   * Takes the station's write lock until the transaction ends, and asks for a notification when it
   * commits. Several nodes' writers then take turns, one transaction at a time, each a group commit
   * of its own node's changes: ids (events above all) are given in commit order, so a node that has
   * read every event up to N has missed none below it; and the counters, read and raised in the
   * same transaction, stay gapless (G1). The notification tells every node's follower that there
   * are events to read; PostgreSQL sends it at commit, and not at all on a rollback.
   */
  @Override
  public void beginWrite(Handle writer) {
    writer.execute(
        "SELECT pg_advisory_xact_lock("
            + WRITE_LOCK
            + "), pg_notify('"
            + EVENTS_CHANNEL
            + "', '')");
  }

  /** An identity's sequence does not see ids given explicitly: it is moved past them. */
  @Override
  public void idsTaken(Handle writer, String table) {
    writer.createQuery(moveIdsPast(table)).mapTo(Long.class).one();
  }

  /** A query that moves the identity of {@code table} past the highest id it holds. */
  static String moveIdsPast(String table) {
    return "SELECT setval(pg_get_serial_sequence('"
        + table
        + "', 'id'), GREATEST((SELECT MAX(id) FROM "
        + table
        + "), 1))";
  }
}
