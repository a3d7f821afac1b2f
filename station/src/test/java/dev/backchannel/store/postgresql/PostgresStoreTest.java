package dev.backchannel.store.postgresql;

import dev.backchannel.cable.rules.Objectives;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreContract;
import dev.backchannel.store.StoreObserver;
import java.time.Clock;

/** The store contract on a real PostgreSQL server, a fresh database each test. */
class PostgresStoreTest extends StoreContract {

  @Override
  protected Store openFresh() {
    return PostgresStore.open(
        PostgresServer.shared().freshDatabase(),
        Clock.systemUTC(),
        StoreObserver.NONE,
        Objectives.defaults());
  }
}
