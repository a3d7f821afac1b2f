package dev.backchannel.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backchannel.cable.Classification;
import dev.backchannel.server.Http;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record's October case (G5), replayed through the real API: cables released from both ends
 * while end holds keep the other side's latest from arriving, as the travelling party's
 * communications lagged. Nothing writes {@code seen}; it follows from what each end had in hand.
 */
class OctoberCrossingsTest {
  @TempDir Path dir;

  private TestStation station;
  private Http kissinger;
  private Http haig;
  private Http whDutyOfficer;
  private Http hakDutyOfficer;

  @BeforeEach
  void setUp() {
    station = TestStation.start(dir);
    var s = station.store;
    station.october();
    station.user("kissinger", Classification.TOP_SECRET, Set.of("SENSITIVE"), Role.PRINCIPAL);
    station.user("haig", Classification.TOP_SECRET, Set.of("SENSITIVE"), Role.PRINCIPAL);
    s.putMember("BC", "HAK", "kissinger", true, "admin");
    s.putMember("BC", "WH", "haig", true, "admin");
    station.user("scowcroft", Classification.TOP_SECRET, Set.of("SENSITIVE"), Role.DUTY_OFFICER);
    station.user("rodman", Classification.TOP_SECRET, Set.of("SENSITIVE"), Role.DUTY_OFFICER);
    s.putMember("BC", "WH", "scowcroft", false, "admin");
    s.putMember("BC", "HAK", "rodman", false, "admin");
    kissinger = station.token("kissinger");
    haig = station.token("haig");
    whDutyOfficer = station.token("scowcroft");
    hakDutyOfficer = station.token("rodman");
  }

  @AfterEach
  void tearDown() {
    station.close();
  }

  /** Releases a draft from the caller's end, confirming past any release warning; returns seen. */
  private int release(Http who, String from, String to, String text) {
    Http.Answer draft =
        who.post(
            "/api/drafts",
            "{\"exchange\":\"OCT72\",\"text\":\"IMMEDIATE\\nTOP SECRET SENSITIVE\\nFROM: "
                + from
                + "\\nTO: "
                + to
                + "\\n\\n1. "
                + text
                + "\\n\"}");
    assertThat(draft.status()).as(draft.body()).isEqualTo(201);
    Http.Answer released =
        who.post(
            "/api/drafts/" + draft.json().get("id").asLong() + "/release", "{\"confirm\":true}");
    assertThat(released.status()).as(released.body()).isEqualTo(201);
    return released.json().get("seen").asInt();
  }

  private int hakto(String text) {
    return release(kissinger, "KISSINGER", "HAIG", text);
  }

  private int tohak(String text) {
    return release(haig, "HAIG", "KISSINGER", text);
  }

  private Http dutyOfficer(String end) {
    return end.equals("WH") ? whDutyOfficer : hakDutyOfficer;
  }

  private void hold(String end) {
    Http.Answer a = dutyOfficer(end).put("/api/channels/BC/ends/" + end + "/hold", null);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
  }

  private List<String> resume(String end) {
    JsonNode a = dutyOfficer(end).delete("/api/channels/BC/ends/" + end + "/hold").json();
    List<String> delivered = new java.util.ArrayList<>();
    a.get("delivered").forEach(d -> delivered.add(d.asText().replaceAll("/.*", "")));
    return delivered;
  }

  private Set<String> crossings(Http who) {
    Http.Answer a = who.get("/api/exchanges/OCT72/facts");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    Set<String> out = new TreeSet<>();
    for (JsonNode c : a.json().get("crossings")) {
      String x = c.get("a").asText();
      String y = c.get("b").asText();
      out.add(x.startsWith("Hakto") ? x + " x " + y : y + " x " + x);
    }
    return out;
  }

  @Test
  void theOctoberCablesCrossExactlyAsTheRecordShows() {
    for (int n = 1; n <= 83; n++) {
      if (n <= 41) {
        hakto("HAKTO " + n + ".");
      }
      tohak("TOHAK " + n + ".");
    }

    hold("WH");
    assertThat(hakto("HAKTO 42.")).as("seen(Hakto 42)").isEqualTo(83);
    hold("HAK");
    assertThat(tohak("TOHAK 84.")).as("seen(Tohak 84)").isEqualTo(41);
    assertThat(resume("WH")).containsExactly("Hakto 42");
    hold("WH");
    assertThat(hakto("HAKTO 43.")).as("seen(Hakto 43)").isEqualTo(83);
    assertThat(hakto("HAKTO 44.")).as("seen(Hakto 44)").isEqualTo(83);
    assertThat(resume("HAK")).containsExactly("Tohak 84");
    hold("HAK");
    assertThat(tohak("TOHAK 85.")).as("seen(Tohak 85)").isEqualTo(42);
    assertThat(hakto("HAKTO 45.")).as("seen(Hakto 45)").isEqualTo(84);

    // Hakto 43-45 and Tohak 85 are still held at the other end
    Set<String> beforeTheLastArrive = Set.of("Hakto 42 x Tohak 84");
    assertThat(crossings(kissinger))
        .as("a crossing shows once the second cable is delivered, not before")
        .isEqualTo(beforeTheLastArrive);
    assertThat(crossings(haig)).isEqualTo(beforeTheLastArrive);

    assertThat(resume("WH")).containsExactly("Hakto 43", "Hakto 44", "Hakto 45");
    assertThat(resume("HAK")).containsExactly("Tohak 85");

    Set<String> record =
        Set.of(
            "Hakto 42 x Tohak 84",
            "Hakto 43 x Tohak 84",
            "Hakto 44 x Tohak 84",
            "Hakto 43 x Tohak 85",
            "Hakto 44 x Tohak 85",
            "Hakto 45 x Tohak 85");
    assertThat(crossings(kissinger)).isEqualTo(record);
    assertThat(crossings(haig)).as("both ends see every crossing").isEqualTo(record);
    assertThat(record).doesNotContain("Hakto 42 x Tohak 85", "Hakto 45 x Tohak 84");

    JsonNode tohak85 = haig.get("/api/exchanges/OCT72/cables/Tohak%2085").json();
    List<String> crossed = new java.util.ArrayList<>();
    tohak85.get("crossings").forEach(c -> crossed.add(c.asText()));
    assertThat(crossed).containsExactlyInAnyOrder("Hakto 43", "Hakto 44", "Hakto 45");
  }
}
