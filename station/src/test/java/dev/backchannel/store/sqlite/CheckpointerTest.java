package dev.backchannel.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.store.ReleaseRequest;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointerTest {
  @TempDir Path dir;

  private Connection open(Path file) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("PRAGMA wal_autocheckpoint = 0");
    }
    return c;
  }

  @Test
  void itCopiesTheLogThatTheWriterLeavesIntoTheFile() throws Exception {
    Path file = dir.resolve("station.db");
    try (Connection writer = open(file)) {
      try (Statement s = writer.createStatement()) {
        s.execute("CREATE TABLE t (x TEXT)");
        for (int i = 0; i < 100; i++) {
          s.execute("INSERT INTO t VALUES ('" + "x".repeat(1_000) + "')");
        }
      }
      long before = Files.size(file);
      Checkpointer checkpointer = new Checkpointer(open(file), Duration.ofHours(1), "test");

      assertThat(checkpointer.checkpoint()).isPositive();
      assertThat(Files.size(file)).as("the rows are in the file now").isGreaterThan(before);
      checkpointer.close();
      checkpointer.close();
    }
  }

  @Test
  void aStoresLogIsCopiedIntoItsFileWhileItRuns() throws Exception {
    Path file = dir.resolve("store.db");
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      StoreFixtures.setUp(store);
      Thread.sleep(3 * SqliteStore.CHECKPOINT_EVERY.toMillis());
      long before = Files.size(file);
      for (int i = 0; i < 50; i++) {
        store.release(
            new ReleaseRequest(
                StoreFixtures.EXCHANGE,
                StoreFixtures.HAKTO,
                StoreFixtures.draft(("Cable " + i + " ").repeat(300).strip()),
                "admin"));
      }
      Thread.sleep(3 * SqliteStore.CHECKPOINT_EVERY.toMillis());

      assertThat(Files.size(file))
          .as("the cables are in the file itself, not only in its log")
          .isGreaterThan(before + 50 * 2_000);
    }
  }
}
