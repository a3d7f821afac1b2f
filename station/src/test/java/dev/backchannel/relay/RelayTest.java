package dev.backchannel.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backchannel.accounts.SigningKeys;
import dev.backchannel.cable.Classification;
import dev.backchannel.server.Http;
import dev.backchannel.server.StoreFactory;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stations in one JVM, each with one end of the October channel, relaying to each other over
 * HTTP (issue 25): cables cross the link exactly once, wait while it is down, go by precedence when
 * it comes up, and their receipts travel back.
 */
class RelayTest {
  @TempDir Path dir;

  private TestStation whs;
  private TestStation saigon;
  private Http haig;
  private Http kissinger;
  private Http whsAdmin;
  private Http saigonAdmin;

  @BeforeEach
  void setUp() throws Exception {
    whs =
        TestStation.start(Files.createDirectory(dir.resolve("whs")), Map.of(), StoreFactory.SQLITE);
    saigon =
        TestStation.start(
            Files.createDirectory(dir.resolve("saigon")), Map.of(), StoreFactory.SQLITE, "SAIGON");
    for (TestStation s : List.of(whs, saigon)) {
      s.october();
    }
    whs.user("haig", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    whs.store.putMember("BC", "WH", "haig", true, "admin");
    saigon.user("kissinger", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    saigon.store.putMember("BC", "HAK", "kissinger", true, "admin");
    whsAdmin = whs.token("admin");
    saigonAdmin = saigon.token("admin");
    introduce(whsAdmin, "SAIGON", saigon, "HAK");
    introduce(saigonAdmin, "WHS", whs, "WH");
    haig = whs.token("haig");
    kissinger = saigon.token("kissinger");
  }

  private static void introduce(Http admin, String name, TestStation peer, String end) {
    Http.Answer added =
        admin.post(
            "/api/peers",
            "{\"name\":\""
                + name
                + "\",\"url\":\""
                + peer.url()
                + "\",\"key\":\""
                + SigningKeys.publicKeyText(peer.keys)
                + "\"}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    Http.Answer placed =
        admin.put("/api/channels/BC/ends/" + end + "/station", "{\"station\":\"" + name + "\"}");
    assertThat(placed.status()).as(placed.body()).isEqualTo(200);
    assertThat(placed.json().get("station").asText()).isEqualTo(name);
  }

  @AfterEach
  void tearDown() {
    for (TestStation s : new TestStation[] {whs, saigon}) {
      if (s != null) {
        s.close();
      }
    }
  }

  private static String release(Http who, String precedence, String from, String to, String text) {
    Http.Answer r =
        who.post(
            "/api/exchanges/OCT72/cables",
            "{\"text\":\""
                + precedence
                + "\\nTOP SECRET\\nFROM: "
                + from
                + "\\nTO: "
                + to
                + "\\n\\n1. "
                + text
                + "\\n\",\"confirm\":true}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().at("/designator/text").asText();
  }

  private void await(String what, BooleanSupplier done) throws InterruptedException {
    // a link refused while its peer was not yet introduced is tried again after up to 10 s
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what + "; " + state());
      }
      Thread.sleep(20);
    }
  }

  private String state() {
    return "WHS links: "
        + whsAdmin.get("/api/peers").body()
        + "; Saigon links: "
        + saigonAdmin.get("/api/peers").body();
  }

  private static List<String> inbox(Http who) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : who.get("/api/inbox").json()) {
      out.add(c.at("/designator/text").asText());
    }
    return out;
  }

  @Test
  void aCableReleasedAtOneStationIsDeliveredAtThePeerWithItsOwnSerialAndAcknowledged()
      throws Exception {
    String tohak1 = release(haig, "IMMEDIATE", "HAIG", "KISSINGER", "THE FIRST.");
    assertThat(tohak1).isEqualTo("Tohak 1/WHS 1");
    await("Saigon delivers Tohak 1 to Kissinger", () -> inbox(kissinger).contains("Tohak 1/WHS 1"));
    JsonNode cable = kissinger.get("/api/exchanges/OCT72/cables/Tohak%201").json();
    assertThat(cable.path("sha256").asText())
        .isEqualTo(
            haig.get("/api/exchanges/OCT72/cables/Tohak%201").json().path("sha256").asText());
    await(
        "WHS has the acknowledgement",
        () ->
            whsAdmin.get("/api/peers").json().at("/peers/0/queued").asLong() == 0
                && whsAdmin.get("/api/peers").json().at("/peers/0").has("lastAck"));
    JsonNode link = whsAdmin.get("/api/peers").json().at("/peers/0");
    assertThat(link.path("state").asText()).isEqualTo("up");
  }

  @Test
  void receiptsGivenAtThePeerTravelBackToTheOriginator() throws Exception {
    release(haig, "IMMEDIATE", "HAIG", "KISSINGER", "THE FIRST.");
    await("delivered at Saigon", () -> inbox(kissinger).contains("Tohak 1/WHS 1"));
    assertThat(kissinger.get("/api/exchanges/OCT72/cables/Tohak%201").status()).isEqualTo(200);
    await(
        "WHS shows Kissinger's receipts",
        () -> {
          String receipts = haig.get("/api/exchanges/OCT72/cables/Tohak%201/receipts").body();
          return receipts.contains("kissinger@SAIGON") && receipts.contains("OPENED");
        });
    JsonNode receipts = haig.get("/api/exchanges/OCT72/cables/Tohak%201/receipts").json();
    assertThat(receipts.toString()).contains("DELIVERED");

    // the audit log's entry of a remote receipt goes where a receipt's would (G3)
    whs.user("eagleburger", Classification.TOP_SECRET, Set.of(), Role.STAFF);
    long cable =
        whs.store.cable("OCT72", new dev.backchannel.cable.Series("TOHAK"), 1).orElseThrow().id();
    long entry =
        whs.store.loggedForCable(cable).stream()
            .filter(l -> l.event().kind().equals("REMOTE_RECEIPT"))
            .findFirst()
            .orElseThrow()
            .index();
    Http.Answer seen = haig.get("/api/log/entries/" + entry);
    assertThat(seen.status()).as(seen.body()).isEqualTo(200);
    assertThat(seen.body()).contains("kissinger").doesNotContain("THE FIRST");
    assertThat(whs.token("eagleburger").get("/api/log/entries/" + entry).status()).isEqualTo(404);
  }

  @Test
  void whileTheLinkIsDownCablesQueueAndGoByPrecedenceWhenItComesUp() throws Exception {
    assertThat(whsAdmin.put("/api/peers/SAIGON/link", "{\"down\":true}").status()).isEqualTo(200);
    release(haig, "ROUTINE", "HAIG", "KISSINGER", "ONE.");
    release(haig, "ROUTINE", "HAIG", "KISSINGER", "TWO.");
    release(haig, "FLASH", "HAIG", "KISSINGER", "THREE.");
    JsonNode link = whsAdmin.get("/api/peers").json().at("/peers/0");
    assertThat(link.path("state").asText()).isEqualTo("down");
    assertThat(link.path("queued").asLong()).isEqualTo(3);
    assertThat(link.at("/queue/FLASH").asLong()).isEqualTo(1);
    String metrics = whs.metrics.orElseThrow().scrape();
    assertThat(metrics)
        .contains("backchannel_relay_queued{peer=\"SAIGON\",precedence=\"FLASH\"} 1.0")
        .contains("backchannel_relay_queued{peer=\"SAIGON\",precedence=\"ROUTINE\"} 2.0")
        .contains("backchannel_relay_link{peer=\"SAIGON\",state=\"down\"} 1.0")
        .doesNotContain("state=\"up\"");
    String page = whs.browser("admin").get("/admin").body();
    assertThat(page).contains("data-peer=\"SAIGON\"").contains("Bring SAIGON up");
    Thread.sleep(300);
    assertThat(inbox(kissinger)).isEmpty();
    assertThat(whsAdmin.put("/api/peers/SAIGON/link", "{\"down\":false}").status()).isEqualTo(200);
    await("all three arrive", () -> inbox(kissinger).size() == 3);
    List<Long> numbers = new ArrayList<>();
    for (String d : List.of("Tohak%203", "Tohak%201", "Tohak%202")) {
      numbers.add(
          saigon
              .store
              .cable(
                  "OCT72",
                  new dev.backchannel.cable.Series("TOHAK"),
                  Integer.parseInt(d.substring(d.length() - 1)))
              .orElseThrow()
              .id());
    }
    assertThat(numbers).isSorted();
  }

  @Test
  void theLinksAreShownAndChangedOnlyByAdministrators() throws Exception {
    whs.user("scowcroft", Classification.TOP_SECRET, Set.of(), Role.DUTY_OFFICER);
    whs.store.putMember("BC", "WH", "scowcroft", false, "admin");
    Http duty = whs.browser("scowcroft");
    assertThat(duty.get("/admin").body()).doesNotContain("SAIGON").doesNotContain("Links to peer");
    assertThat(duty.get("/api/peers").status()).isEqualTo(403);
    Http admin = whs.browser("admin");
    Http.Answer down = admin.form("/admin/links", "peer=SAIGON&action=down");
    assertThat(down.status()).as(down.body()).isEqualTo(303);
    assertThat(whs.store.peer("SAIGON").orElseThrow().up()).isFalse();
  }

  @Test
  void eachStationCosignsTheOthersCheckpointsWhileTheLinkIsUp() throws Exception {
    release(haig, "IMMEDIATE", "HAIG", "KISSINGER", "THE FIRST.");
    await("delivered at Saigon", () -> inbox(kissinger).contains("Tohak 1/WHS 1"));
    long whsSize = whsAdmin.post("/api/log/checkpoints", "{}").json().get("size").asLong();
    long saigonSize = saigonAdmin.post("/api/log/checkpoints", "{}").json().get("size").asLong();
    await(
        "each cosigned the other's latest checkpoint",
        () ->
            whsAdmin.get("/api/peers").json().at("/peers/0/cosigned").asLong() == whsSize
                && saigonAdmin.get("/api/peers").json().at("/peers/0/cosigned").asLong()
                    == saigonSize);
    assertThat(saigonAdmin.get("/api/peers").json().at("/peers/0/witnessed").asLong())
        .isEqualTo(whsSize);
    assertThat(whs.store.cosignatures(whsSize))
        .singleElement()
        .satisfies(c -> assertThat(c.line()).startsWith("\u2014 backchannel/SAIGON/witness "));
    // a later checkpoint is cosigned from the earlier one, with a consistency proof
    release(haig, "IMMEDIATE", "HAIG", "KISSINGER", "THE SECOND.");
    long later = whsAdmin.post("/api/log/checkpoints", "{}").json().get("size").asLong();
    assertThat(later).isGreaterThan(whsSize);
    await(
        "Saigon cosigned the later one",
        () -> whsAdmin.get("/api/peers").json().at("/peers/0/cosigned").asLong() == later);
    assertThat(saigonAdmin.get("/api/peers").json().at("/peers/0").has("witnessAlarm")).isFalse();
  }
}
