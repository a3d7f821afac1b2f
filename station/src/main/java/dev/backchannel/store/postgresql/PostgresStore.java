package dev.backchannel.store.postgresql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.backchannel.cable.rules.Objectives;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoreException.Problem;
import dev.backchannel.store.StoreLocation;
import dev.backchannel.store.StoreObserver;
import dev.backchannel.store.jdbc.JdbcStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store on a PostgreSQL server (issue 22): the repositories of {@link JdbcStore} with the
 * {@link PostgresDialect}, its schema migrated by Flyway to the same versions as the SQLite file's.
 * Several station processes may open one database at once; their writers take turns (see {@link
 * PostgresDialect#beginWrite}).
 */
public final class PostgresStore {
  private PostgresStore() {}

  /** How many connections one process's readers share. */
  static final int READERS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

  /**
   * Connects to the database, migrates its schema and starts this process's writer, which reports
   * each commit and release to {@code observer} and escalates by {@code objectives}.
   *
   * @throws StoreException UNAVAILABLE if the server cannot be reached or refuses the login
   */
  public static JdbcStore open(
      StoreLocation.Postgres location, Clock clock, StoreObserver observer, Objectives objectives) {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(observer, "observer");
    Objects.requireNonNull(objectives, "objectives");
    PGSimpleDataSource writing = migrate(location);
    Deque<AutoCloseable> opened = new ArrayDeque<>();
    try {
      HikariDataSource readers = readPool(location);
      opened.push(readers);
      return JdbcStore.start(
          new JdbcStore.Parts(
              location.describe(),
              clock,
              Jdbi.create(writing),
              readers,
              new PostgresDialect(),
              objectives,
              observer,
              new PostgresCoordination(
                  () -> dataSource(location, "backchannel coordination").getConnection(),
                  location.describe())),
          List.of(readers));
    } catch (RuntimeException e) {
      for (AutoCloseable c : opened) {
        try {
          c.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /**
   * Connects to the database and brings its schema to the newest version; answers a data source for
   * it.
   *
   * @throws StoreException UNAVAILABLE if the server cannot be reached or refuses the login
   */
  static PGSimpleDataSource migrate(StoreLocation.Postgres location) {
    PGSimpleDataSource ds = dataSource(location, "backchannel writer");
    try (Connection c = ds.getConnection()) {
      c.isValid(5);
    } catch (SQLException e) {
      throw unavailable(location, e);
    }
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration/postgresql")
        .load()
        .migrate();
    return ds;
  }

  static StoreException unavailable(StoreLocation.Postgres location, SQLException e) {
    return new StoreException(
        Problem.UNAVAILABLE,
        "store",
        "cannot connect to "
            + location.describe()
            + " as "
            + location.user()
            + ": "
            + e.getMessage(),
        e);
  }

  /**
   * A data source for {@code location}. Text parameters are sent untyped ({@code
   * stringtype=unspecified}), so that PostgreSQL reads each as its column's type: a name compared
   * with a citext column is then compared without regard to case, as SQLite's NOCASE does.
   */
  static PGSimpleDataSource dataSource(StoreLocation.Postgres location, String application) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {location.host()});
    ds.setPortNumbers(new int[] {location.port()});
    ds.setDatabaseName(location.database());
    ds.setUser(location.user());
    location.password().ifPresent(ds::setPassword);
    ds.setApplicationName(application);
    ds.setStringType("unspecified");
    ds.setConnectTimeout(10);
    ds.setTcpKeepAlive(true);
    return ds;
  }

  private static HikariDataSource readPool(StoreLocation.Postgres location) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(dataSource(location, "backchannel reader"));
    config.setPoolName("store-readers");
    config.setMaximumPoolSize(READERS);
    config.setMinimumIdle(2);
    config.setReadOnly(true);
    return new HikariDataSource(config);
  }
}
