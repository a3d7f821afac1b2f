package dev.backchannel.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.OfficeHours;
import dev.backchannel.server.Http;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.NewUser;
import dev.backchannel.store.Role;
import dev.backchannel.store.StoredEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The station's clockwork with a controllable clock: deliveries held for a reader's opening of
 * business (DESIGN 5.2) and escalation (G7). The clock starts on Wednesday 25 November 2026 at
 * 09:00 UTC, 04:00 in Washington.
 */
class ClockworkTest {
  @TempDir Path dir;

  private TestStation station;
  private Http kissinger;
  private Http haig;

  @BeforeEach
  void setUp() {
    start(dir, Map.of());
  }

  private void start(Path folder, Map<String, String> settings) {
    station = TestStation.start(folder, settings);
    var s = station.store;
    station.october();
    user("kissinger", "Asia/Ho_Chi_Minh", Role.PRINCIPAL);
    user("haig", "America/New_York", Role.PRINCIPAL);
    user("scowcroft", "UTC", Role.DUTY_OFFICER);
    s.putMember("BC", "HAK", "kissinger", true, "admin");
    s.putMember("BC", "WH", "haig", true, "admin");
    s.putMember("BC", "WH", "scowcroft", false, "admin");
    kissinger = station.token("kissinger");
    haig = station.token("haig");
  }

  private void user(String name, String zone, Role role) {
    station.store.createUser(
        new NewUser(
            name,
            name,
            new Clearance(Classification.TOP_SECRET, Set.of(new Caveat("SENSITIVE"))),
            ZoneId.of(zone),
            OfficeHours.DEFAULT,
            Set.of(role),
            Optional.of(TestStation.HASHER.hash(TestStation.PASSWORD.toCharArray())),
            Optional.empty()),
        "admin");
  }

  @AfterEach
  void tearDown() {
    station.close();
  }

  private void release(String precedence, String handling) {
    Http.Answer d =
        kissinger.post(
            "/api/drafts",
            "{\"exchange\":\"OCT72\",\"text\":\""
                + precedence
                + "\\nTOP SECRET SENSITIVE\\nFROM: KISSINGER\\nTO: HAIG\\n"
                + handling
                + "\\n1. TEXT.\\n\"}");
    assertThat(d.status()).as(d.body()).isEqualTo(201);
    Http.Answer r = kissinger.post("/api/drafts/" + d.json().get("id").asLong() + "/release", "{}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private int inbox(Http who) {
    return who.get("/api/inbox").json().size();
  }

  private void advance(Duration d) {
    station.clock.advance(d);
    station.server.tick();
  }

  private List<String> escalations() {
    List<String> out = new ArrayList<>();
    for (StoredEvent e : station.store.events(0, 10_000)) {
      if (e.kind().equals("ESCALATED")) {
        JsonNode d = tree(e.data());
        out.add(d.get("stage").asText() + " " + d.get("notified") + " late " + d.get("late"));
      }
    }
    return out;
  }

  private static JsonNode tree(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(json, e);
    }
  }

  @Test
  void openingOfBusinessWaitsForEachReadersOfficeHoursInHisOwnZone() {
    release("ROUTINE", "HANDLING: DELIVER OPENING OF BUSINESS\\n");

    assertThat(inbox(station.token("scowcroft"))).as("09:00 in London: at his desk").isEqualTo(1);
    assertThat(inbox(haig)).as("04:00 in Washington").isZero();

    advance(Duration.ofHours(3).plusMinutes(59));
    assertThat(inbox(haig)).as("07:59 in Washington").isZero();

    advance(Duration.ofMinutes(1));
    assertThat(inbox(haig)).as("08:00 in Washington").isEqualTo(1);
  }

  @Test
  void aFlashIsNeverHeldForOpeningOfBusiness() {
    release("FLASH", "HANDLING: DELIVER OPENING OF BUSINESS\\n");

    assertThat(inbox(haig)).isEqualTo(1);
  }

  @Test
  void anUnacknowledgedImmediateEscalatesToTheDutyOfficerThenTheOriginator() {
    release("IMMEDIATE", "");
    haig.get("/api/exchanges/OCT72/cables/Hakto%201");

    advance(Duration.ofMinutes(29));
    assertThat(escalations()).as("opened is not enough for IMMEDIATE, but 30 min not up").isEmpty();

    advance(Duration.ofMinutes(1));
    assertThat(escalations()).containsExactly("DUTY_OFFICER [\"scowcroft\"] late [\"haig\"]");

    advance(Duration.ofMinutes(30));
    assertThat(escalations())
        .containsExactly(
            "DUTY_OFFICER [\"scowcroft\"] late [\"haig\"]",
            "ORIGINATOR [\"kissinger\"] late [\"haig\"]");

    advance(Duration.ofHours(5));
    assertThat(escalations()).as("each stage once").hasSize(2);
  }

  @Test
  void theStationEscalatesByTheObjectivesItIsConfiguredWith() {
    station.close();
    start(dir.resolve("configured"), Map.of("objective.immediate", "PT5M"));
    release("IMMEDIATE", "");

    advance(Duration.ofMinutes(4));
    assertThat(escalations()).isEmpty();

    advance(Duration.ofMinutes(1));
    assertThat(escalations()).containsExactly("DUTY_OFFICER [\"scowcroft\"] late [\"haig\"]");
  }

  @Test
  void anAcknowledgementInTimeStopsTheEscalation() {
    release("FLASH", "");
    haig.get("/api/exchanges/OCT72/cables/Hakto%201");
    advance(Duration.ofMinutes(9));
    assertThat(
            haig.post(
                    "/api/exchanges/OCT72/cables/Hakto%201/receipts", "{\"kind\":\"ACKNOWLEDGED\"}")
                .status())
        .isEqualTo(200);

    advance(Duration.ofHours(1));

    assertThat(escalations()).isEmpty();
  }

  @Test
  void aRoutineCableNeedsOnlyToBeOpened() {
    release("ROUTINE", "");
    advance(Duration.ofHours(5));
    haig.get("/api/exchanges/OCT72/cables/Hakto%201");

    advance(Duration.ofHours(8));

    assertThat(escalations()).isEmpty();
  }

  @Test
  void aDeliverByDeadlinePassedUnopenedEscalatesToTheDutyOfficer() {
    release("ROUTINE", "HANDLING: DELIVER BY 1000Z\\n");

    advance(Duration.ofMinutes(59));
    assertThat(escalations()).isEmpty();

    advance(Duration.ofMinutes(1));
    assertThat(escalations()).containsExactly("DEADLINE [\"scowcroft\"] late [\"haig\"]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DELIVER BEFORE 1000Z",
        "DELIVER NOT LATER THAN 1000Z",
        "DELIVER NLT 1000Z",
        "DELIVERED BY 1000Z",
        "FOR HIS 1000Z MEETING"
      })
  void everyWordingOfADeadlineEscalatesAtTheDeadline(String handling) {
    release("ROUTINE", "HANDLING: " + handling + "\\n");

    advance(Duration.ofMinutes(59));
    assertThat(escalations()).isEmpty();

    advance(Duration.ofMinutes(1));
    assertThat(escalations()).containsExactly("DEADLINE [\"scowcroft\"] late [\"haig\"]");
  }

  @Test
  void aDeliverByDeadlineMetByOpeningRaisesNothing() {
    release("ROUTINE", "HANDLING: DELIVER BY 1000Z\\n");
    haig.get("/api/exchanges/OCT72/cables/Hakto%201");

    advance(Duration.ofHours(13));

    assertThat(escalations()).isEmpty();
  }
}
