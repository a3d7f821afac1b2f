package dev.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.backchannel.server.TestStation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading in the browser (G4, DESIGN 5.3): the deputy releases a Tohak, the principal sees it
 * arrive without a reload, opens it (OPENED) and scrolls to its end (READ_IN_FULL), and the
 * deputy's page shows both as they happen; a long cable opened and left at its first screen earns
 * OPENED only.
 */
class ReadingTest extends OctoberTest {
  private static List<String> paragraphs(int n, String words) {
    List<String> p = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      p.add("PARAGRAPH " + i + " " + words);
    }
    return p;
  }

  @Test
  void thePrincipalSeesATohakArriveLiveAndReadingItToTheEndRecordsReadInFull() throws Exception {
    Page kissinger = october.chromium.loggedIn("kissinger", TestStation.PASSWORD);
    assertThat(kissinger.locator("text=Nothing has reached you yet.").isVisible()).isTrue();

    String designator =
        october.release(
            october.haig, "IMMEDIATE", paragraphs(12, "OF THE ANSWER ON LAGGING COMMUNICATIONS."));

    // the deputy watches who has read it, from before it is opened
    Page deputy = october.chromium.loggedIn("haig", TestStation.PASSWORD);
    deputy.navigate(october.base() + "/exchanges/OCT72/cables/TOHAK%201");
    Locator kissingersSteps = deputy.locator("li.reader[data-reader='kissinger'] li.step");
    kissingersSteps.first().waitFor();
    assertThat(kissingersSteps.allInnerTexts()).hasSize(1).allMatch(t -> t.startsWith("DELIVERED"));

    // no reload: the row comes over the page's event stream
    Locator row = kissinger.locator("tr.envelope[data-designator='" + designator + "']");
    row.waitFor();
    assertThat(row.locator(".state").innerText()).startsWith("unread");
    Chromium.screenshot(kissinger, "inbox");
    row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(designator)).click();
    kissinger.locator("article.cable").waitFor();
    assertThat(october.awaitReceipt(october.haig, "Tohak", 1, "kissinger OPENED"))
        .contains("kissinger OPENED")
        .doesNotContain("kissinger READ_IN_FULL");
    Chromium.screenshot(kissinger, "cable");

    kissinger.locator("[data-para]").last().scrollIntoViewIfNeeded();
    assertThat(october.awaitReceipt(october.haig, "Tohak", 1, "kissinger READ_IN_FULL"))
        .contains("kissinger OPENED", "kissinger READ_IN_FULL");
    kissinger.locator("#my-state:text('read in full')").waitFor();

    // and the deputy saw both arrive, without reloading his page
    deputy
        .locator("li.reader[data-reader='kissinger'] li.step[data-kind='READ_IN_FULL']")
        .waitFor();
    assertThat(kissingersSteps.evaluateAll("steps => steps.map(s => s.dataset.kind)").toString())
        .isEqualTo("[DELIVERED, OPENED, READ_IN_FULL]");
    Chromium.screenshot(deputy, "timeline");

    // each receipt's proof downloads from its step, with the deputy's session
    String proof =
        deputy
            .locator("li.reader[data-reader='kissinger'] li.step[data-kind='READ_IN_FULL'] a.proof")
            .getAttribute("href");
    com.microsoft.playwright.APIResponse answer = deputy.request().get(october.base() + proof);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    assertThat(answer.text()).contains("\"checkpoint\"").contains("READ_IN_FULL");
  }

  @Test
  void aLongCableOpenedAndLeftAtItsFirstScreenIsOpenedOnly() throws Exception {
    String designator =
        october.release(
            october.haig, "ROUTINE", paragraphs(80, "WHICH THE PRINCIPAL NEVER SCROLLS DOWN TO."));
    Page kissinger = october.chromium.loggedIn("kissinger", TestStation.PASSWORD);
    kissinger.locator("tr.envelope[data-designator='" + designator + "'] a").first().click();
    kissinger.locator("article.cable").waitFor();
    assertThat(october.awaitReceipt(october.haig, "Tohak", 1, "kissinger OPENED"))
        .contains("kissinger OPENED");

    kissinger.waitForTimeout(1_500);
    kissinger.navigate(october.base() + "/inbox");

    assertThat(october.receipts(october.haig, "Tohak", 1))
        .contains("kissinger OPENED")
        .doesNotContain("kissinger READ_IN_FULL");
  }
}
