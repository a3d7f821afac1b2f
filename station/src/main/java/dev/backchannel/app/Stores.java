package dev.backchannel.app;

import dev.backchannel.cable.rules.Objectives;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreLocation;
import dev.backchannel.store.StoreObserver;
import dev.backchannel.store.postgresql.PostgresStore;
import dev.backchannel.store.sqlite.SqliteStore;
import java.time.Clock;

/** Opens the store a location names: the one place that knows every backend. */
public final class Stores {
  private Stores() {}

  /**
   * Opens the store at {@code location}, reporting its writes to {@code observer} and escalating by
   * {@code objectives}.
   *
   * @throws dev.backchannel.store.StoreException LOCKED (a station file another process holds),
   *     UNAVAILABLE (a database that cannot be reached)
   */
  public static Store open(
      StoreLocation location, Clock clock, StoreObserver observer, Objectives objectives) {
    return switch (location) {
      case StoreLocation.SqliteFile f -> SqliteStore.open(f.file(), clock, observer, objectives);
      case StoreLocation.Postgres p -> PostgresStore.open(p, clock, observer, objectives);
    };
  }
}
