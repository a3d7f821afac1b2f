package dev.backchannel.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.cable.Classification;
import dev.backchannel.server.Http;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passing a cable verbatim to a pass-to reader (DESIGN 5.2, G2, G3). */
class PassTest {
  @TempDir Path dir;

  private TestStation station;
  private Http kissinger;
  private Http haig;
  private Http president;

  @BeforeEach
  void setUp() {
    station = TestStation.start(dir);
    var s = station.store;
    station.october();
    station.user("kissinger", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    station.user("haig", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    station.store.createUser(
        new dev.backchannel.store.NewUser(
            "president",
            "THE PRESIDENT",
            new dev.backchannel.cable.Clearance(Classification.TOP_SECRET, Set.of()),
            java.time.ZoneId.of("America/New_York"),
            dev.backchannel.cable.OfficeHours.DEFAULT,
            Set.of(Role.PRINCIPAL),
            java.util.Optional.of(TestStation.HASHER.hash(TestStation.PASSWORD.toCharArray())),
            java.util.Optional.empty()),
        "admin");
    s.putMember("BC", "HAK", "kissinger", true, "admin");
    s.putMember("BC", "WH", "haig", true, "admin");
    kissinger = station.token("kissinger");
    haig = station.token("haig");
    president = station.token("president");
  }

  @AfterEach
  void tearDown() {
    station.close();
  }

  private void release(String handling) {
    Http.Answer d =
        kissinger.post(
            "/api/drafts",
            "{\"exchange\":\"OCT72\",\"text\":\"FLASH\\nTOP SECRET\\nFROM: KISSINGER\\nTO: HAIG\\n"
                + "PASS TO: THE PRESIDENT\\n"
                + handling
                + "\\n1. READ THIS YOURSELF.\\n\"}");
    assertThat(d.status()).as(d.body()).isEqualTo(201);
    Http.Answer r = kissinger.post("/api/drafts/" + d.json().get("id").asLong() + "/release", "{}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private List<String> receipts(Http who) {
    List<String> out = new ArrayList<>();
    who.get("/api/exchanges/OCT72/cables/Hakto%201/receipts")
        .json()
        .forEach(
            r ->
                out.add(
                    r.get("reader").asText()
                        + " "
                        + r.get("kind").asText()
                        + (r.has("by") ? " by " + r.get("by").asText() : "")));
    return out;
  }

  @Test
  void theAddresseePassesTheCableVerbatimAndThePassToReaderGetsIt() {
    release("");
    assertThat(president.get("/api/exchanges/OCT72/cables/Hakto%201").status())
        .as("not his before it is passed")
        .isEqualTo(404);

    Http.Answer passed =
        haig.post("/api/exchanges/OCT72/cables/Hakto%201/pass", "{\"to\":\"the president\"}");

    assertThat(passed.status()).as(passed.body()).isEqualTo(200);
    assertThat(passed.json().get("passedNow").asBoolean()).isTrue();
    assertThat(receipts(kissinger))
        .contains("president PASSED by haig", "president DELIVERED")
        .doesNotContain("president OPENED");
    Http.Answer read = president.get("/api/exchanges/OCT72/cables/Hakto%201");
    assertThat(read.json().get("canonical").asText())
        .as("verbatim (G2)")
        .isEqualTo(
            haig.get("/api/exchanges/OCT72/cables/Hakto%201").json().get("canonical").asText());
    assertThat(receipts(kissinger)).contains("president OPENED");
    assertThat(
            haig.post("/api/exchanges/OCT72/cables/Hakto%201/pass", "{\"to\":\"THE PRESIDENT\"}")
                .json()
                .get("passedNow")
                .asBoolean())
        .as("passed once")
        .isFalse();
  }

  @Test
  void aSealedCableIsPassedWithoutBeingOpened() {
    release("HANDLING: DELIVER IN SEALED ENVELOPE MARKED EYES ONLY TO THE PRESIDENT\\n");
    Http.Answer envelope = haig.get("/api/exchanges/OCT72/cables/Hakto%201");
    assertThat(envelope.json().get("access").asText()).isEqualTo("ENVELOPE");

    assertThat(
            haig.post("/api/exchanges/OCT72/cables/Hakto%201/pass", "{\"to\":\"THE PRESIDENT\"}")
                .status())
        .isEqualTo(200);

    assertThat(receipts(kissinger)).doesNotContain("haig OPENED");
    Http.Answer reply =
        haig.post(
            "/api/drafts",
            "{\"exchange\":\"OCT72\",\"text\":\"ROUTINE\\nTOP SECRET\\nFROM: HAIG\\nTO:"
                + " KISSINGER\\n\\n1. PASSED ON.\\n\"}");
    assertThat(
            haig.post("/api/drafts/" + reply.json().get("id").asLong() + "/release", "{}").status())
        .as("a cable sealed to another, which he cannot open, raises no release warning")
        .isEqualTo(201);
    assertThat(president.get("/api/exchanges/OCT72/cables/Hakto%201").json().get("access").asText())
        .isEqualTo("CONTENT");
  }

  @Test
  void onlyAReaderTheOriginatorAllowsCanBePassedTo() {
    release("");

    Http.Answer a =
        haig.post("/api/exchanges/OCT72/cables/Hakto%201/pass", "{\"to\":\"KISSINGER\"}");

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.body())
        .isEqualTo(
            "{\"code\":\"INVALID\",\"message\":\"KISSINGER is not a reader the originator allows"
                + " this cable to be passed to; give his login name or the name the PASS TO line addresses"
                + " him by\",\"field\":\"to\"}");
  }

  @Test
  void onlyAnAddresseePasses() {
    release("");

    Http.Answer a =
        kissinger.post("/api/exchanges/OCT72/cables/Hakto%201/pass", "{\"to\":\"THE PRESIDENT\"}");

    assertThat(a.status()).isEqualTo(403);
    assertThat(a.json().get("message").asText())
        .isEqualTo("only an addressee the cable was delivered to passes it on");
  }
}
