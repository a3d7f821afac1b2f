package dev.backchannel.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.cable.Classification;
import dev.backchannel.server.Http;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.Role;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The released-unread facts of an exchange (G5), as each reader may know them (G3). */
class FactsTest {
  @TempDir Path dir;

  private TestStation station;

  @BeforeEach
  void setUp() {
    station = TestStation.start(dir);
    var s = station.store;
    station.october();
    station.user("kissinger", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    station.user("haig", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    station.user("staff", Classification.SECRET, Set.of(), Role.STAFF);
    s.putMember("BC", "HAK", "kissinger", true, "admin");
    s.putMember("BC", "WH", "haig", true, "admin");
    s.putMember("BC", "WH", "staff", false, "admin");
  }

  @AfterEach
  void tearDown() {
    station.close();
  }

  private static void release(Http who, String label, String from, String to) {
    Http.Answer d =
        who.post(
            "/api/drafts",
            "{\"exchange\":\"OCT72\",\"text\":\"ROUTINE\\n"
                + label
                + "\\nFROM: "
                + from
                + "\\nTO: "
                + to
                + "\\n\\n1. TEXT.\\n\"}");
    assertThat(d.status()).as(d.body()).isEqualTo(201);
    Http.Answer r =
        who.post("/api/drafts/" + d.json().get("id").asLong() + "/release", "{\"confirm\":true}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  @Test
  void releasedUnreadNamesOnlyCablesTheReaderMayKnowOf() {
    release(station.token("kissinger"), "TOP SECRET", "KISSINGER", "HAIG");
    release(station.token("haig"), "SECRET", "HAIG", "KISSINGER");

    String haig = station.token("haig").get("/api/exchanges/OCT72/facts").json().toString();
    String staff = station.token("staff").get("/api/exchanges/OCT72/facts").json().toString();

    assertThat(haig)
        .contains("\"releasedUnread\":[{\"cable\":\"Tohak 1/WHS 2\",\"unread\":\"Hakto 1\"}]");
    assertThat(staff).contains("\"releasedUnread\":[]").doesNotContain("Hakto 1");
    assertThat(
            station
                .token("haig")
                .get("/api/exchanges/OCT72/cables/Tohak%201")
                .json()
                .get("releasedUnread")
                .toString())
        .as("per cable too")
        .isEqualTo("[\"Hakto 1\"]");
    assertThat(
            station
                .token("staff")
                .get("/api/exchanges/OCT72/cables/Tohak%201")
                .json()
                .get("releasedUnread")
                .toString())
        .isEqualTo("[]");
  }
}
