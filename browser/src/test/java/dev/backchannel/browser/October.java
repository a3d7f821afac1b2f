package dev.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backchannel.cable.Classification;
import dev.backchannel.server.Http;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A station with the October backchannel (exchange OCT72: Hakto from HAK, Tohak from WH), Kissinger
 * at HAK and Haig at WH, and Chromium to look at it: what each browser test starts from.
 */
final class October implements AutoCloseable {
  final TestStation station;
  final Chromium chromium;
  final Http kissinger;
  final Http haig;

  private October(TestStation station) {
    this.station = station;
    station.october();
    station.user("kissinger", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    station.user("haig", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    station.store.putMember("BC", "HAK", "kissinger", true, "admin");
    station.store.putMember("BC", "WH", "haig", true, "admin");
    this.kissinger = station.token("kissinger");
    this.haig = station.token("haig");
    this.chromium = new Chromium(base());
  }

  static October start(Path dir) {
    return new October(TestStation.start(dir));
  }

  String base() {
    return "http://127.0.0.1:" + station.server.port();
  }

  /**
   * Releases a cable of these paragraphs through the API, as {@code by} (Kissinger sends Hakto to
   * Haig, Haig sends Tohak to Kissinger); its designator as the station wrote it.
   */
  String release(Http by, String precedence, List<String> paragraphs) {
    boolean fromHaig = by == haig;
    StringBuilder text =
        new StringBuilder(
            precedence
                + "\\nTOP SECRET\\nFROM: "
                + (fromHaig ? "HAIG" : "KISSINGER")
                + "\\nTO: "
                + (fromHaig ? "KISSINGER" : "HAIG")
                + "\\n\\n");
    for (int i = 0; i < paragraphs.size(); i++) {
      text.append(i == 0 ? "" : "\\n").append(i + 1).append(". ").append(paragraphs.get(i));
      text.append("\\n");
    }
    Http.Answer r =
        by.post("/api/exchanges/OCT72/cables", "{\"text\":\"" + text + "\",\"confirm\":true}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("designator").get("text").asText();
  }

  /** The receipts of a cable as {@code as} sees them, each as "reader KIND". */
  List<String> receipts(Http as, String series, int serial) {
    Http.Answer a = as.get("/api/exchanges/OCT72/cables/" + series + "%20" + serial + "/receipts");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    List<String> kinds = new ArrayList<>();
    for (JsonNode r : a.json()) {
      kinds.add(r.get("reader").asText() + " " + r.get("kind").asText());
    }
    return kinds;
  }

  /** As {@link #receipts}, once they hold {@code expected} or after 10 s. */
  List<String> awaitReceipt(Http as, String series, int serial, String expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<String> now = receipts(as, series, serial);
    while (!now.contains(expected) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      now = receipts(as, series, serial);
    }
    return now;
  }

  @Override
  public void close() {
    chromium.close();
    station.close();
  }
}
