package dev.backchannel.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.store.Store;
import dev.backchannel.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How SQLite plans the delivery queue's hottest statements, on a real station file. */
class SqliteQueryPlanTest {
  @TempDir Path dir;

  @BeforeEach
  void createTheSchema() {
    try (Store store = SqliteStore.open(dir.resolve("station.db"), Clock.systemUTC())) {
      assertThat(store.station()).isEmpty();
    }
  }

  @Test
  void queuedDeliveriesAreCountedThroughTheIndexOfUndeliveredRows() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("station.db"));
        Statement s = c.createStatement();
        ResultSet plan = s.executeQuery("EXPLAIN QUERY PLAN " + JdbcDelivery.QUEUED_DELIVERIES)) {
      StringBuilder steps = new StringBuilder();
      while (plan.next()) {
        steps.append(plan.getString("detail")).append('\n');
      }
      assertThat(steps.toString()).contains("SEARCH d USING").contains("delivered_at=?");
    }
  }

  @Test
  void deliveredReceiptsAreFoundByTheCableNotByTheInstantOfDelivery() throws SQLException {
    // a resumed hold delivers many cables at one instant: an index on the instant made it quadratic
    String sql = JdbcDelivery.DELIVERED_RECEIPTS.replace(":at", "1").replace(":c", "2");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("station.db"));
        Statement s = c.createStatement();
        ResultSet plan = s.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
      StringBuilder steps = new StringBuilder();
      while (plan.next()) {
        steps.append(plan.getString("detail")).append('\n');
      }
      assertThat(steps.toString())
          .contains("SEARCH delivery USING PRIMARY KEY (cable_id=?)")
          .doesNotContain("delivery_due");
    }
  }
}
