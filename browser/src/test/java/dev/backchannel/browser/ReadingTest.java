package dev.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.backchannel.cable.Classification;
import dev.backchannel.server.Http;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading in the browser (G4, DESIGN 5.3): the deputy releases a Tohak, the principal sees it
 * arrive without a reload, opens it (OPENED) and scrolls to its end (READ_IN_FULL); a long cable
 * opened and left at its first screen earns OPENED only.
 */
class ReadingTest {
  @TempDir Path dir;

  private TestStation station;
  private Chromium chromium;
  private Http haig;

  @BeforeEach
  void setUp() {
    station = TestStation.start(dir);
    station.october();
    station.user("kissinger", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    station.user("haig", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    station.store.putMember("BC", "HAK", "kissinger", true, "admin");
    station.store.putMember("BC", "WH", "haig", true, "admin");
    haig = station.token("haig");
    chromium = new Chromium("http://127.0.0.1:" + station.server.port());
  }

  @AfterEach
  void tearDown() {
    chromium.close();
    station.close();
  }

  /** Haig releases a Tohak of these paragraphs; its designator as the station wrote it. */
  private String release(String precedence, List<String> paragraphs) {
    StringBuilder text =
        new StringBuilder(precedence + "\\nTOP SECRET\\nFROM: HAIG\\nTO: KISSINGER\\n\\n");
    for (int i = 0; i < paragraphs.size(); i++) {
      text.append(i == 0 ? "" : "\\n").append(i + 1).append(". ").append(paragraphs.get(i));
      text.append("\\n");
    }
    Http.Answer r =
        haig.post("/api/exchanges/OCT72/cables", "{\"text\":\"" + text + "\",\"confirm\":true}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("designator").get("text").asText();
  }

  /** The receipts of a cable as its originator sees them: reader and kind. */
  private List<String> receipts(String series, int serial) {
    Http.Answer a =
        haig.get("/api/exchanges/OCT72/cables/" + series + "%20" + serial + "/receipts");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    List<String> kinds = new ArrayList<>();
    for (JsonNode r : a.json()) {
      kinds.add(r.get("reader").asText() + " " + r.get("kind").asText());
    }
    return kinds;
  }

  private List<String> awaitReceipt(String series, int serial, String expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<String> now = receipts(series, serial);
    while (!now.contains(expected) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      now = receipts(series, serial);
    }
    return now;
  }

  @Test
  void thePrincipalSeesATohakArriveLiveAndReadingItToTheEndRecordsReadInFull() throws Exception {
    Page kissinger = chromium.loggedIn("kissinger", TestStation.PASSWORD);
    assertThat(kissinger.locator("text=Nothing has reached you yet.").isVisible()).isTrue();

    List<String> paragraphs = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      paragraphs.add("PARAGRAPH " + i + " OF THE ANSWER ON LAGGING COMMUNICATIONS.");
    }
    String designator = release("IMMEDIATE", paragraphs);

    // no reload: the row comes over the page's event stream
    Locator row = kissinger.locator("tr.envelope[data-designator='" + designator + "']");
    row.waitFor();
    assertThat(row.locator(".state").innerText()).startsWith("unread");
    Chromium.screenshot(kissinger, "inbox");
    row.getByRole(com.microsoft.playwright.options.AriaRole.LINK).click();
    kissinger.locator("article.cable").waitFor();
    assertThat(awaitReceipt("Tohak", 1, "kissinger OPENED")).contains("kissinger OPENED");
    assertThat(receipts("Tohak", 1)).doesNotContain("kissinger READ_IN_FULL");
    Chromium.screenshot(kissinger, "cable");

    kissinger.locator("[data-para]").last().scrollIntoViewIfNeeded();
    assertThat(awaitReceipt("Tohak", 1, "kissinger READ_IN_FULL"))
        .contains("kissinger OPENED", "kissinger READ_IN_FULL");
    kissinger.locator("#my-state:text('read in full')").waitFor();
  }

  @Test
  void aLongCableOpenedAndLeftAtItsFirstScreenIsOpenedOnly() throws Exception {
    List<String> paragraphs = new ArrayList<>();
    for (int i = 1; i <= 80; i++) {
      paragraphs.add("LONG PARAGRAPH " + i + " WHICH THE PRINCIPAL NEVER SCROLLS DOWN TO.");
    }
    String designator = release("ROUTINE", paragraphs);
    Page kissinger = chromium.loggedIn("kissinger", TestStation.PASSWORD);
    kissinger.locator("tr.envelope[data-designator='" + designator + "'] a").click();
    kissinger.locator("article.cable").waitFor();
    assertThat(awaitReceipt("Tohak", 1, "kissinger OPENED")).contains("kissinger OPENED");

    kissinger.waitForTimeout(1_500);
    kissinger.navigate(kissinger.url().replaceAll("/exchanges/.*", "/inbox"));

    assertThat(receipts("Tohak", 1))
        .contains("kissinger OPENED")
        .doesNotContain("kissinger READ_IN_FULL");
  }
}
