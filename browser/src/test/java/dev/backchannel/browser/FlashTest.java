package dev.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.Escalation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A FLASH acknowledged in the browser (G4, G7): the reader presses Acknowledge, ACKNOWLEDGED is
 * recorded, and the escalation that would have fired at the FLASH's objective does not.
 */
class FlashTest extends OctoberTest {
  @Test
  void aFlashAcknowledgedWithTheButtonRaisesNoEscalation() throws Exception {
    Page haig = october.chromium.loggedIn("haig", TestStation.PASSWORD);
    october.release(october.kissinger, "FLASH", List.of("ACKNOWLEDGE ON RECEIPT."));
    haig.locator("tr.envelope.awaiting[data-designator^='Hakto 1']").waitFor();
    // announced to screen readers too (aria-live)
    haig.waitForFunction(
        "() => document.getElementById('announce').textContent.startsWith('FLASH arrived: Hakto 1')");
    assertThat(haig.locator("#announce").getAttribute("aria-live")).isEqualTo("assertive");

    haig.locator("tr.envelope[data-designator^='Hakto 1'] a").first().click();
    haig.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Acknowledge")).click();
    haig.locator("#my-state:text('acknowledged')").waitFor();
    assertThat(
            haig.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Acknowledge"))
                .count())
        .isZero();
    assertThat(october.receipts(october.kissinger, "Hakto", 1)).contains("haig ACKNOWLEDGED");

    october.station.clock.advance(Duration.ofHours(1));
    List<Escalation> raised = october.station.store.escalate(october.station.clock.instant());
    assertThat(raised).isEmpty();

    // the control: one not acknowledged escalates at the same point
    october.release(october.kissinger, "FLASH", List.of("A SECOND, NOT ACKNOWLEDGED."));
    october.station.clock.advance(Duration.ofHours(1));
    assertThat(october.station.store.escalate(october.station.clock.instant()))
        .extracting(e -> e.cable().designatorText())
        .isNotEmpty()
        .allMatch(d -> d.startsWith("Hakto 2/"));
  }
}
