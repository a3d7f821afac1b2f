package dev.backchannel.store.postgresql;

import dev.backchannel.cable.rules.Objectives;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreContract;
import dev.backchannel.store.StoreLocation;
import dev.backchannel.store.StoreObserver;
import java.time.Clock;

/** The store contract on a real PostgreSQL server, a fresh database each test. */
class PostgresStoreTest extends StoreContract {
  private StoreLocation.Postgres database;

  @Override
  protected Store openFresh() {
    database = PostgresServer.shared().freshDatabase();
    return openAgain();
  }

  @Override
  protected Store openAgain() {
    return PostgresStore.open(
        database, Clock.systemUTC(), StoreObserver.NONE, Objectives.defaults());
  }
}
