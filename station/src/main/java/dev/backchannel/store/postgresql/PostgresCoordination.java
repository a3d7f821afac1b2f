package dev.backchannel.store.postgresql;

import dev.backchannel.store.jdbc.Coordination;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station processes sharing one PostgreSQL database, as each sees the others: a connection that
 * {@code LISTEN}s for the notification every writing transaction raises at commit ({@link
 * PostgresDialect#beginWrite}), and a connection that holds the clockwork's advisory lock while
 * this process leads. PostgreSQL releases a session's advisory lock when the session ends, so the
 * lock passes on as soon as its holder dies and its connection closes.
 */
final class PostgresCoordination implements Coordination {
  /**
   * The clockwork's advisory lock ("BCCW"), apart from the writers' {@link
   * PostgresDialect#WRITE_LOCK}.
   */
  static final long CLOCKWORK_LOCK = 0x42434357L;

  /**
   * How long the listener waits for a notification before it looks whether it is closed and waits
   * again (no query is sent meanwhile): what closing the store may wait for.
   */
  private static final Duration WAIT = Duration.ofMillis(200);

  /** How long the listener waits before it connects again after losing its connection. */
  private static final Duration RETRY = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(PostgresCoordination.class);

  /** Opens a new connection to the database. */
  @FunctionalInterface
  interface Connector {
    Connection connect() throws SQLException;
  }

  private final Connector connector;
  private final String where;
  private Thread listener;
  private Connection leading;
  private boolean leads;
  private volatile boolean closed;

  PostgresCoordination(Connector connector, String where) {
    this.connector = connector;
    this.where = where;
  }

  @Override
  public boolean shared() {
    return true;
  }

  @Override
  public synchronized void start(Runnable othersCommitted) {
    if (listener != null) {
      throw new IllegalStateException("the coordination of " + where + " is started already");
    }
    listener =
        Thread.ofPlatform()
            .name("store-listener " + where)
            .daemon(true)
            .start(() -> listen(othersCommitted));
  }

  private void listen(Runnable othersCommitted) {
    while (!closed) {
      try (Connection c = connector.connect()) {
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + PostgresDialect.EVENTS_CHANNEL);
        }
        // what was committed while this process was not listening is read now
        tell(othersCommitted);
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] got = pg.getNotifications((int) WAIT.toMillis());
          if (got != null && got.length > 0) {
            tell(othersCommitted);
          }
        }
      } catch (SQLException e) {
        if (closed) {
          return;
        }
        LOG.warn("lost the notifications of {}; listening again in {}", where, RETRY, e);
        try {
          Thread.sleep(RETRY);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  /** Tells of commits elsewhere; what the listener fails at is logged, and it listens on. */
  private void tell(Runnable othersCommitted) {
    try {
      othersCommitted.run();
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.warn("could not take in the commits of other processes on {}", where, e);
      }
    }
  }

  /**
   * Whether this process holds the clockwork lock, taking it if it is free. A connection that is no
   * longer valid has lost the lock with its session: it is opened again, and the lock asked for
   * again.
   */
  @Override
  public synchronized boolean leadsClockwork() {
    if (closed) {
      return false;
    }
    try {
      if (leading != null && !leading.isValid(2)) {
        closeLeading();
      }
      if (leading == null) {
        leading = connector.connect();
      }
      if (!leads) {
        try (Statement s = leading.createStatement();
            ResultSet r = s.executeQuery("SELECT pg_try_advisory_lock(" + CLOCKWORK_LOCK + ")")) {
          leads = r.next() && r.getBoolean(1);
        }
      }
      return leads;
    } catch (SQLException e) {
      LOG.warn("cannot ask {} for the clockwork lock; not leading", where, e);
      closeLeading();
      return false;
    }
  }

  private void closeLeading() {
    leads = false;
    if (leading != null) {
      try {
        leading.close();
      } catch (SQLException e) {
        LOG.debug("closing a lost connection to {} failed", where, e);
      }
      leading = null;
    }
  }

  /** Stops listening and gives the clockwork lock up; idempotent. */
  @Override
  public void close() {
    closed = true;
    Thread t;
    synchronized (this) {
      closeLeading();
      t = listener;
    }
    if (t != null) {
      try {
        t.join(RETRY.multipliedBy(2).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
