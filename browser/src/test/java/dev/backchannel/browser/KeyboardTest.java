package dev.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.backchannel.server.TestStation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The web UI by keyboard alone: from the inbox to a cable and its acknowledgement, and along the
 * ladder's arrows, with Tab and Enter only.
 */
class KeyboardTest extends OctoberTest {
  /** Presses Tab until the focused element matches {@code selector}; fails after 40 presses. */
  private static void tabTo(Page page, String selector) {
    for (int i = 0; i < 40; i++) {
      page.keyboard().press("Tab");
      Object focused =
          page.evaluate(
              "s => document.activeElement && document.activeElement.matches(s)", selector);
      if (Boolean.TRUE.equals(focused)) {
        return;
      }
    }
    throw new AssertionError("Tab never reached " + selector);
  }

  @Test
  void aReaderOpensAndAcknowledgesAFlashAndFollowsTheLadderWithTheKeyboardAlone() {
    october.release(october.kissinger, "FLASH", List.of("ACKNOWLEDGE BY KEYBOARD."));
    Page haig = october.chromium.loggedIn("haig", TestStation.PASSWORD);

    tabTo(haig, "tr.envelope a[href*='/cables/']");
    haig.keyboard().press("Enter");
    haig.waitForURL("**/cables/**");
    haig.locator("article.cable").waitFor();
    tabTo(haig, "form.ack button");
    haig.keyboard().press("Enter");
    haig.locator("#my-state:text('acknowledged')").waitFor();
    haig.waitForLoadState();
    assertThat(october.receipts(october.kissinger, "Hakto", 1)).contains("haig ACKNOWLEDGED");

    tabTo(haig, "a[href='/exchanges/OCT72']");
    haig.keyboard().press("Enter");
    haig.waitForURL(october.base() + "/exchanges/OCT72");
    haig.locator("svg.ladder").waitFor();
    tabTo(haig, "svg.ladder a.rung");
    assertThat(haig.evaluate("() => document.activeElement.getAttribute('aria-label')"))
        .asString()
        .startsWith("Hakto 1: released at HAK");
    haig.keyboard().press("Enter");
    haig.locator("article.cable").waitFor();
    assertThat(haig.url()).endsWith("/exchanges/OCT72/cables/HAKTO%201");
  }
}
