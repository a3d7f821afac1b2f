package dev.backchannel.relay;

import static dev.backchannel.relay.TwoStations.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.server.Http;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backlog of 1,000 cables on the link, and one station killed with SIGKILL while it drains (issue
 * 25, G10): the receiving one, then in another test the sending one. After the restart each cable
 * is at the receiving station exactly once, delivered once to its reader, numbered there in the
 * order the outbox sent them (by precedence, then release time), and neither series has a gap.
 */
class RelayCrashTest {
  private static final int BACKLOG = 1_000;

  @TempDir Path dir;

  private TwoStations stations;
  private Http haig;
  private Http whsAdmin;

  /** Small batches, so that the backlog takes a hundred requests and a kill lands amid them. */
  private static final Map<String, String> SETTINGS = Map.of("BACKCHANNEL_RELAY_BATCH", "10");

  @BeforeEach
  void setUp() throws Exception {
    stations = TwoStations.create(dir);
    stations.whs.start(SETTINGS);
    stations.saigon.start(SETTINGS);
    haig = stations.whs.as("haig");
    whsAdmin = stations.whs.as("admin");
  }

  @AfterEach
  void tearDown() {
    stations.close();
  }

  private static String precedence(int n) {
    return n % 97 == 0 ? "FLASH" : n % 10 == 0 ? "IMMEDIATE" : "ROUTINE";
  }

  /** Queues the backlog at WHS with the link down, then brings the link up. */
  private void backlogThenLinkUp() {
    assertThat(whsAdmin.put("/api/peers/SAIGON/link", "{\"down\":true}").status()).isEqualTo(200);
    for (int n = 1; n <= BACKLOG; n++) {
      Http.Answer r =
          haig.post(
              "/api/exchanges/OCT72/cables",
              "{\"text\":\""
                  + precedence(n)
                  + "\\nSECRET\\nFROM: HAIG\\nTO: KISSINGER\\n\\n1. CABLE "
                  + n
                  + ".\\n\",\"confirm\":true}");
      assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
    assertThat(whsAdmin.get("/api/peers").json().at("/peers/0/queued").asLong()).isEqualTo(BACKLOG);
    assertThat(whsAdmin.put("/api/peers/SAIGON/link", "{\"down\":false}").status()).isEqualTo(200);
  }

  /** How many Tohaks Saigon holds, read from its file (safe beside the running station). */
  private int heldAtSaigon() {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stations.saigon.file);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM cable WHERE relayed_from IS NOT NULL")) {
      r.next();
      return r.getInt(1);
    } catch (Exception e) {
      return -1;
    }
  }

  private long queuedAtWhs() {
    Http.Answer a = whsAdmin.get("/api/peers");
    return a.status() == 200 ? a.json().at("/peers/0/queued").asLong() : -1;
  }

  /** A received cable at Saigon: its serial, this station's number for it, and its precedence. */
  private record Received(int serial, int number, int rank, long releasedAt) {}

  private void eachCableArrivedOnceInOrderWithoutGaps() throws Exception {
    stations.close();
    List<Received> received = new ArrayList<>();
    long deliveries;
    long receivedEvents;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stations.saigon.file);
        Statement s = c.createStatement()) {
      try (ResultSet r =
          s.executeQuery(
              "SELECT c.serial, c.received_number, c.precedence, c.released_at FROM cable c JOIN"
                  + " series x ON x.id = c.series_id WHERE x.name = 'TOHAK'")) {
        while (r.next()) {
          received.add(
              new Received(
                  r.getInt(1),
                  r.getInt(2),
                  List.of("FLASH_OVERRIDE", "FLASH", "IMMEDIATE", "PRIORITY", "ROUTINE")
                      .indexOf(r.getString(3)),
                  r.getLong(4)));
        }
      }
      try (ResultSet r =
          s.executeQuery(
              "SELECT COUNT(*) FROM receipt r JOIN user_account u ON u.id = r.user_id WHERE u.name"
                  + " = 'kissinger' AND r.kind = 'DELIVERED'")) {
        r.next();
        deliveries = r.getLong(1);
      }
      try (ResultSet r =
          s.executeQuery("SELECT COUNT(*) FROM event WHERE kind = 'CABLE_RECEIVED'")) {
        r.next();
        receivedEvents = r.getLong(1);
      }
    }
    assertThat(received).extracting(Received::serial).doesNotHaveDuplicates().hasSize(BACKLOG);
    assertThat(received.stream().mapToInt(Received::serial).max().orElseThrow())
        .as("no gap: 1,000 serials, the highest 1,000")
        .isEqualTo(BACKLOG);
    assertThat(received).extracting(Received::number).doesNotHaveDuplicates();
    assertThat(deliveries).as("delivered once to Kissinger").isEqualTo(BACKLOG);
    assertThat(receivedEvents).as("received once").isEqualTo(BACKLOG);
    List<Received> byArrival =
        received.stream().sorted(Comparator.comparingInt(Received::number)).toList();
    assertThat(byArrival)
        .as("numbered in the outbox's order: precedence, then release time")
        .isSortedAccordingTo(
            Comparator.comparingInt(Received::rank).thenComparingLong(Received::releasedAt));
  }

  @Test
  void theReceivingStationKilledWhileTheBacklogDrainsHoldsEachCableOnceInOrder() throws Exception {
    backlogThenLinkUp();
    await("Saigon holds a part of the backlog", 60, () -> heldAtSaigon() >= 200);
    stations.saigon.kill();
    int before = heldAtSaigon();
    assertThat(before).isLessThan(BACKLOG);
    stations.saigon.start(SETTINGS);
    await("WHS's outbox drains", 120, () -> queuedAtWhs() == 0);
    eachCableArrivedOnceInOrderWithoutGaps();
  }

  @Test
  void theSendingStationKilledWhileTheBacklogDrainsSendsTheRestOnceInOrder() throws Exception {
    backlogThenLinkUp();
    await("Saigon holds a part of the backlog", 60, () -> heldAtSaigon() >= 200);
    stations.whs.kill();
    assertThat(heldAtSaigon()).isLessThan(BACKLOG);
    stations.whs.start(SETTINGS);
    await("WHS's outbox drains", 120, () -> queuedAtWhs() == 0);
    eachCableArrivedOnceInOrderWithoutGaps();
  }
}
