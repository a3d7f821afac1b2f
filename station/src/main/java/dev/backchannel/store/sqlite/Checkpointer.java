package dev.backchannel.store.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the write-ahead log into the station file on a thread and connection of its own, so that
 * the writer never does: with SQLite's automatic checkpoint, the commit that crossed the threshold
 * also copied the whole log and synced the file, and every task queued behind it waited, a FLASH as
 * much as any (DESIGN 7: a checkpoint must never stand in front of a FLASH).
 *
 * <p>Each run is {@code PASSIVE}: it copies what no reader still needs and never waits for the
 * writer or a reader. Commits stay durable in the log meanwhile (G10).
 */
final class Checkpointer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

  private final Connection connection;
  private final Duration every;
  private final ScheduledExecutorService thread;
  private boolean closed;

  /**
   * @param connection a connection of its own to the station file, closed with this
   * @param every how often it copies the log
   */
  Checkpointer(Connection connection, Duration every, String name) {
    this.connection = connection;
    this.every = every;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name(name).unstarted(r));
  }

  void start() {
    thread.scheduleWithFixedDelay(
        this::checkpoint, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Copies what it can of the log now; answers the pages copied so far of the log's. */
  long checkpoint() {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      return rs.next() ? rs.getLong(3) : 0;
    } catch (SQLException e) {
      // the next run tries again; the log only grows meanwhile, and every commit in it is durable
      LOG.warn("checkpointing the station file failed; it is tried again", e);
      return 0;
    }
  }

  /** Stops copying and closes its connection; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("closing the checkpointer's connection failed", e);
    }
  }
}
