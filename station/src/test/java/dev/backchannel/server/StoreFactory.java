package dev.backchannel.server;

import dev.backchannel.cable.rules.Objectives;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreObserver;
import dev.backchannel.store.postgresql.PostgresServer;
import dev.backchannel.store.postgresql.PostgresStore;
import dev.backchannel.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;

/**
 * How a {@link TestStation} opens its store: the backend the HTTP suites run on. Each backend gives
 * one; the suites are written once.
 */
@FunctionalInterface
public interface StoreFactory {
  /** The embedded store: a SQLite file in the test's folder. */
  StoreFactory SQLITE =
      (dir, clock, observer, objectives) ->
          SqliteStore.open(dir.resolve("station.db"), clock, observer, objectives);

  /** A fresh database on the tests' one PostgreSQL server ({@link PostgresServer}). */
  StoreFactory POSTGRESQL =
      (dir, clock, observer, objectives) ->
          PostgresStore.open(PostgresServer.shared().freshDatabase(), clock, observer, objectives);

  /**
   * The backend the HTTP suites run on in this JVM: PostgreSQL when the system property {@code
   * backchannel.test.store} says {@code postgresql} (the surefire execution {@code postgresql}
   * does), else SQLite.
   */
  static StoreFactory configured() {
    String store = System.getProperty("backchannel.test.store", "sqlite");
    return switch (store) {
      case "sqlite" -> SQLITE;
      case "postgresql" -> POSTGRESQL;
      default ->
          throw new IllegalArgumentException(
              "backchannel.test.store must be sqlite or postgresql: " + store);
    };
  }

  /**
   * Opens a fresh, empty store.
   *
   * @param dir a folder of the test's own, for whatever files the store keeps
   * @param clock the station's clock
   * @param observer what hears of its commits and releases
   * @param objectives the handling objectives it escalates by
   */
  Store open(Path dir, Clock clock, StoreObserver observer, Objectives objectives);
}
