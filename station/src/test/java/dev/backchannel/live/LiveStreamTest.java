package dev.backchannel.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.cable.Classification;
import dev.backchannel.server.Http;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live event stream through HTTP: deliveries, notifications and receipts as they happen. */
class LiveStreamTest {
  @TempDir Path dir;

  private TestStation station;
  private Http kissinger;
  private Http haig;
  private Http scowcroft;

  @BeforeEach
  void setUp() {
    station = TestStation.start(dir);
    var s = station.store;
    station.october();
    station.user("kissinger", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    station.user("haig", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    station.user("scowcroft", Classification.TOP_SECRET, Set.of(), Role.DUTY_OFFICER);
    s.putMember("BC", "HAK", "kissinger", true, "admin");
    s.putMember("BC", "WH", "haig", true, "admin");
    s.putMember("BC", "WH", "scowcroft", false, "admin");
    kissinger = station.token("kissinger");
    haig = station.token("haig");
    scowcroft = station.token("scowcroft");
  }

  @AfterEach
  void tearDown() {
    station.close();
  }

  private void release(String handling) {
    Http.Answer d =
        kissinger.post(
            "/api/drafts",
            "{\"exchange\":\"OCT72\",\"text\":\"IMMEDIATE\\nTOP SECRET\\nFROM: KISSINGER\\nTO: HAIG\\n"
                + handling
                + "\\n1. SECRET WORDS.\\n\"}");
    assertThat(d.status()).as(d.body()).isEqualTo(201);
    assertThat(
            kissinger
                .post("/api/drafts/" + d.json().get("id").asLong() + "/release", "{}")
                .status())
        .isEqualTo(201);
  }

  @Test
  void aDeliveryReachesTheReadersStreamAsAnEnvelope() throws InterruptedException {
    try (Http.Stream stream = haig.stream("/api/events/stream")) {
      assertThat(stream.status()).isEqualTo(200);
      release("");

      String data = stream.next("delivered", Duration.ofSeconds(10));

      assertThat(data).contains("\"text\":\"Hakto 1/WHS 1\"", "\"precedence\":\"IMMEDIATE\"");
      assertThat(data).doesNotContain("SECRET WORDS", "paragraphs");
    }
  }

  @Test
  void notifyOnReceiptTellsThePersonItNames() throws InterruptedException {
    try (Http.Stream stream = scowcroft.stream("/api/events/stream")) {
      assertThat(stream.status()).isEqualTo(200);
      release("HANDLING: CALL GENERAL SCOWCROFT ON RECEIPT\\n");

      assertThat(stream.next("notify", Duration.ofSeconds(10))).contains("Hakto 1/WHS 1");
    }
  }

  @Test
  void theOriginatorSeesEachReceiptAsItIsGiven() throws InterruptedException {
    release("");
    try (Http.Stream stream = kissinger.stream("/api/events/stream")) {
      assertThat(stream.status()).isEqualTo(200);
      haig.get("/api/exchanges/OCT72/cables/Hakto%201");
      haig.post("/api/exchanges/OCT72/cables/Hakto%201/receipts", "{\"kind\":\"ACKNOWLEDGED\"}");

      String opened = stream.next("receipt", Duration.ofSeconds(10));
      String acknowledged = stream.next("receipt", Duration.ofSeconds(10));

      assertThat(opened).contains("\"reader\":\"haig\"", "\"kind\":\"OPENED\"");
      assertThat(acknowledged).contains("\"reader\":\"haig\"", "\"kind\":\"ACKNOWLEDGED\"");
    }
  }

  @Test
  void aResumedStreamIsGivenWhatItMissedAndNothingItHad() throws InterruptedException {
    String id;
    try (Http.Stream stream = haig.stream("/api/events/stream")) {
      release("");
      assertThat(stream.next("delivered", Duration.ofSeconds(10))).contains("Hakto 1/WHS 1");
      id = stream.lastId();
    }
    release("");
    release("");

    try (Http.Stream stream = haig.stream("/api/events/stream", Map.of("Last-Event-ID", id))) {
      assertThat(stream.next("delivered", Duration.ofSeconds(10))).contains("Hakto 2/WHS 2");
      assertThat(stream.next("delivered", Duration.ofSeconds(10))).contains("Hakto 3/WHS 3");
      assertThat(stream.next("delivered", Duration.ofMillis(500))).isNull();
    }
  }

  @Test
  void aResumedStreamReplaysNothingItsUserMayNotKnowOf() throws InterruptedException {
    station.user("outsider", Classification.UNCLASSIFIED, Set.of());
    Http outsider = station.token("outsider");
    release("");
    release("");

    try (Http.Stream stream = outsider.stream("/api/events/stream", Map.of("Last-Event-ID", "0"))) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.next("delivered", Duration.ofSeconds(1))).isNull();
      assertThat(String.join("\n", stream.drain())).doesNotContain("Hakto", "SECRET");
    }
  }

  @Test
  void aLastEventIdThatIsNoNumberIsRefusedNamingTheHeader() {
    try (Http.Stream stream =
        haig.stream("/api/events/stream", Map.of("Last-Event-ID", "12; DROP"))) {
      assertThat(stream.status()).isEqualTo(400);
    }
  }

  @Test
  void aStreamWithoutLoginIsRefused() {
    try (Http.Stream stream = station.anonymous().stream("/api/events/stream")) {
      assertThat(stream.status()).isEqualTo(401);
    }
  }
}
