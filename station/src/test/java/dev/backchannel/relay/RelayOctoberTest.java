package dev.backchannel.relay;

import static dev.backchannel.relay.TwoStations.await;
import static dev.backchannel.relay.TwoStations.inbox;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backchannel.server.Http;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record's October case (G5) across two stations in two processes (issue 25): Saigon numbers
 * the Haktos, the Situation Room the Tohaks, and the link between them goes down and up as the
 * travelling party's communications lagged. Each station finds exactly the record's crossings.
 */
class RelayOctoberTest {
  @TempDir Path dir;

  private TwoStations stations;
  private Http kissinger;
  private Http haig;
  private Http saigonAdmin;
  private Http whsAdmin;

  @BeforeEach
  void setUp() throws Exception {
    stations = TwoStations.create(dir);
    stations.start();
    kissinger = stations.saigon.as("kissinger");
    haig = stations.whs.as("haig");
    saigonAdmin = stations.saigon.as("admin");
    whsAdmin = stations.whs.as("admin");
  }

  @AfterEach
  void tearDown() throws Exception {
    stations.close();
  }

  /** Releases a text from the caller's end, confirming past any release warning; returns seen. */
  private static int release(Http who, String from, String to, String text) {
    Http.Answer released =
        who.post(
            "/api/exchanges/OCT72/cables",
            "{\"text\":\"IMMEDIATE\\nTOP SECRET SENSITIVE\\nFROM: "
                + from
                + "\\nTO: "
                + to
                + "\\n\\n1. "
                + text
                + "\\n\",\"confirm\":true}");
    assertThat(released.status()).as(released.body()).isEqualTo(201);
    return released.json().get("seen").asInt();
  }

  private int hakto(String text) {
    return release(kissinger, "KISSINGER", "HAIG", text);
  }

  private int tohak(String text) {
    return release(haig, "HAIG", "KISSINGER", text);
  }

  private static void link(Http admin, String peer, boolean down) {
    Http.Answer a = admin.put("/api/peers/" + peer + "/link", "{\"down\":" + down + "}");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
  }

  private static void arrives(Http reader, String designator) throws InterruptedException {
    await(designator + " arrives", 30, () -> inbox(reader).contains(designator));
  }

  private static long queued(Http admin) {
    return admin.get("/api/peers").json().at("/peers/0/queued").asLong();
  }

  private static Set<String> crossings(Http who) {
    Http.Answer a = who.get("/api/exchanges/OCT72/facts");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    Set<String> out = new TreeSet<>();
    for (JsonNode c : a.json().get("crossings")) {
      String x = c.get("a").asText().replaceAll("/.*", "");
      String y = c.get("b").asText().replaceAll("/.*", "");
      out.add(x.startsWith("Hakto") ? x + " x " + y : y + " x " + x);
    }
    return out;
  }

  @Test
  void eachStationFindsExactlyTheRecordsCrossingsAcrossALinkThatGoesDownAndUp() throws Exception {
    // the exchange up to Hakto 41 and Tohak 83, each cable in hand before the next is written
    for (int n = 1; n <= 83; n++) {
      if (n <= 41) {
        hakto("HAKTO " + n + ".");
        arrives(haig, "Hakto " + n);
      }
      tohak("TOHAK " + n + ".");
      arrives(kissinger, "Tohak " + n);
    }

    link(saigonAdmin, "WHS", true);
    assertThat(hakto("HAKTO 42.")).as("seen(Hakto 42)").isEqualTo(83);
    link(whsAdmin, "SAIGON", true);
    assertThat(tohak("TOHAK 84.")).as("seen(Tohak 84)").isEqualTo(41);
    link(saigonAdmin, "WHS", false);
    arrives(haig, "Hakto 42");
    link(saigonAdmin, "WHS", true);
    assertThat(hakto("HAKTO 43.")).as("seen(Hakto 43)").isEqualTo(83);
    assertThat(hakto("HAKTO 44.")).as("seen(Hakto 44)").isEqualTo(83);
    link(whsAdmin, "SAIGON", false);
    arrives(kissinger, "Tohak 84");
    link(whsAdmin, "SAIGON", true);
    assertThat(tohak("TOHAK 85.")).as("seen(Tohak 85)").isEqualTo(42);
    assertThat(hakto("HAKTO 45.")).as("seen(Hakto 45)").isEqualTo(84);

    // Hakto 43-45 wait at Saigon for the link, Tohak 85 at the Situation Room
    assertThat(queued(saigonAdmin)).isEqualTo(3);
    assertThat(queued(whsAdmin)).isEqualTo(1);
    Set<String> beforeTheLastArrive = Set.of("Hakto 42 x Tohak 84");
    assertThat(crossings(kissinger))
        .as("a crossing shows once the second cable has reached its end, not before")
        .isEqualTo(beforeTheLastArrive);
    assertThat(crossings(haig)).isEqualTo(beforeTheLastArrive);

    link(saigonAdmin, "WHS", false);
    link(whsAdmin, "SAIGON", false);
    await("both outboxes empty", 30, () -> queued(saigonAdmin) == 0 && queued(whsAdmin) == 0);
    arrives(haig, "Hakto 45");
    arrives(kissinger, "Tohak 85");

    Set<String> record =
        Set.of(
            "Hakto 42 x Tohak 84",
            "Hakto 43 x Tohak 84",
            "Hakto 44 x Tohak 84",
            "Hakto 43 x Tohak 85",
            "Hakto 44 x Tohak 85",
            "Hakto 45 x Tohak 85");
    assertThat(crossings(kissinger)).as("at Saigon").isEqualTo(record);
    assertThat(crossings(haig)).as("at the Situation Room").isEqualTo(record);
    assertThat(record).doesNotContain("Hakto 42 x Tohak 85", "Hakto 45 x Tohak 84");

    // each series numbered once, by its sending station; no gap at either station
    for (Http who : List.of(kissinger, haig)) {
      JsonNode facts = who.get("/api/exchanges/OCT72/facts").json();
      for (JsonNode series : facts.get("series")) {
        assertThat(series.get("gaps")).as(series.get("name").asText()).isEmpty();
        assertThat(series.get("held").asInt())
            .isEqualTo(series.get("name").asText().equals("HAKTO") ? 45 : 85);
      }
    }
    JsonNode tohak85 = kissinger.get("/api/exchanges/OCT72/cables/Tohak%2085").json();
    assertThat(tohak85.at("/designator/text").asText()).startsWith("Tohak 85/WHS ");
    List<String> crossed = new ArrayList<>();
    tohak85.get("crossings").forEach(c -> crossed.add(c.asText().replaceAll("/.*", "")));
    assertThat(crossed).containsExactlyInAnyOrder("Hakto 43", "Hakto 44", "Hakto 45");
  }
}
