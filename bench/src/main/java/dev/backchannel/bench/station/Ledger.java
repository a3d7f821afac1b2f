package dev.backchannel.bench.station;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * What a bench station's file holds after its traffic: the check that a throughput figure counts
 * only cables that are durable, numbered without gaps, delivered and recorded as events.
 */
public final class Ledger {
  private Ledger() {}

  /**
   * Checks the released cables of a stopped station's file against the releases its clients were
   * answered 201 for.
   *
   * @return a one-line summary for the results
   * @throws IllegalStateException naming what is missing or out of order
   */
  public static String check(Path store, long acknowledged) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    try (Connection c = config.createConnection("jdbc:sqlite:" + store)) {
      return check(c, acknowledged);
    }
  }

  /** As {@link #check(Path, long)}, on a connection to any store's database. */
  public static String check(Connection c, long acknowledged) throws SQLException {
    long cables = one(c, "SELECT COUNT(*) FROM cable WHERE origin = 'RELEASED'");
    if (cables != acknowledged) {
      throw new IllegalStateException(
          acknowledged + " releases were acknowledged but the file holds " + cables);
    }
    long gaps =
        one(
            c,
            "SELECT COUNT(*) FROM (SELECT series_id, COUNT(*) n, MIN(serial) lo, MAX(serial) hi"
                + " FROM cable WHERE origin = 'RELEASED' GROUP BY series_id) s"
                + " WHERE lo <> 1 OR hi <> n");
    long stationSerials =
        one(
            c,
            "SELECT COUNT(DISTINCT station_number) FROM cable WHERE origin = 'RELEASED'"
                + " AND station_number BETWEEN 1 AND (SELECT station_serial FROM station)");
    if (gaps != 0 || stationSerials != cables) {
      throw new IllegalStateException(
          "the serials are not gapless: "
              + gaps
              + " series with gaps, "
              + stationSerials
              + " distinct station serials for "
              + cables
              + " cables");
    }
    long undelivered =
        one(
            c,
            "SELECT COUNT(*) FROM cable x WHERE x.origin = 'RELEASED' AND NOT EXISTS (SELECT 1"
                + " FROM end_delivery d WHERE d.cable_id = x.id AND d.delivered_at IS NOT NULL)");
    long unreceipted =
        one(
            c,
            "SELECT COUNT(*) FROM delivery d WHERE d.delivered_at IS NOT NULL AND NOT EXISTS"
                + " (SELECT 1 FROM receipt r WHERE r.cable_id = d.cable_id AND r.user_id ="
                + " d.user_id AND r.kind = 'DELIVERED')");
    long releasedEvents = one(c, "SELECT COUNT(*) FROM event WHERE kind = 'CABLE_RELEASED'");
    long deliveredEvents =
        one(c, "SELECT COUNT(DISTINCT cable_id) FROM event WHERE kind = 'DELIVERED'");
    long deliveries = one(c, "SELECT COUNT(*) FROM delivery WHERE delivered_at IS NOT NULL");
    if (undelivered != 0
        || unreceipted != 0
        || releasedEvents != cables
        || deliveredEvents != cables) {
      throw new IllegalStateException(
          String.format(
              java.util.Locale.ROOT,
              "of %d cables: %d not delivered to their end, %d deliveries without a receipt, %d"
                  + " CABLE_RELEASED and %d DELIVERED events",
              cables,
              undelivered,
              unreceipted,
              releasedEvents,
              deliveredEvents));
    }
    return cables
        + " cables, serials gapless, each delivered ("
        + deliveries
        + " reader deliveries, each with its receipt) and recorded as events";
  }

  private static long one(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
