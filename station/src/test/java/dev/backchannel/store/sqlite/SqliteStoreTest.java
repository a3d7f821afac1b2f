package dev.backchannel.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backchannel.store.Store;
import dev.backchannel.store.StoreContract;
import dev.backchannel.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContract {
  @TempDir Path dir;

  @Override
  protected Store openFresh() {
    return SqliteStore.open(dir.resolve("station.db"), Clock.systemUTC());
  }

  @Test
  void aSecondOpenOfAHeldFileIsRefused() {
    assertThatThrownBy(() -> SqliteStore.open(dir.resolve("station.db"), Clock.systemUTC()))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(StoreException.Problem.LOCKED);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "the station file "
                          + dir.resolve("station.db").toAbsolutePath()
                          + " is in use by another process (a running station or another"
                          + " command); stop it or give another --store");
            });
  }

  @Test
  void closeIsIdempotentAndReleasesTheFile() {
    store.close();
    store.close();

    store = openFresh();
    assertThat(store.station()).isPresent();
  }

  @Test
  void theEventTableRefusesChangesToHistory() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("station.db"));
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE event SET actor = 'x'"))
          .hasMessageContaining("the event table is append-only");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM event"))
          .hasMessageContaining("the event table is append-only");
    }
  }
}
