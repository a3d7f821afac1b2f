package dev.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.backchannel.cable.Classification;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.Role;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Administration in the browser: an administrator creates a user, who sets his first password with
 * the set-up token; a duty officer holds his end, a cable waits, and resuming delivers it.
 */
class AdminTest extends OctoberTest {
  @BeforeEach
  void setUp() {
    october.station.user("kennedy", Classification.TOP_SECRET, Set.of(), Role.DUTY_OFFICER);
    october.station.store.putMember("BC", "WH", "kennedy", false, "admin");
  }

  private static Page.GetByRoleOptions named(String name) {
    return new Page.GetByRoleOptions().setName(name);
  }

  @Test
  void anAdministratorCreatesAUserWhoSetsHisFirstPasswordWithTheSetupToken() {
    Page admin = october.chromium.loggedIn("admin", TestStation.PASSWORD);
    admin.navigate(october.base() + "/admin");
    admin.locator("#new-name").fill("eagleburger");
    admin.getByLabel("Clearance").selectOption("SECRET");
    admin.getByLabel("Staff").check();
    admin.getByRole(AriaRole.BUTTON, named("Create user")).click();
    String notice = admin.locator("#notice").innerText();
    assertThat(notice).startsWith("Created eagleburger; the set-up token for the first password");
    String token = notice.substring(notice.lastIndexOf(' ') + 1);
    assertThat(admin.locator("tr[data-user='eagleburger']").count()).isEqualTo(1);
    admin.getByRole(AriaRole.BUTTON, named("Require for WH")).click();
    assertThat(
            admin
                .locator("section[aria-labelledby=ends-title] tr[data-end='BC/WH'] td")
                .nth(2)
                .innerText())
        .startsWith("required");
    assertThat(october.station.store.ends("BC").get(1).secondApproval()).isTrue();

    Page newcomer =
        october.chromium.anonymous(new com.microsoft.playwright.Browser.NewContextOptions());
    newcomer.navigate(october.base() + "/setup?name=eagleburger");
    newcomer.locator("#token").fill(token);
    newcomer.locator("#password").fill("a long first password");
    newcomer.locator("#again").fill("a long first password");
    newcomer.getByRole(AriaRole.BUTTON, named("Set password and log in")).click();
    newcomer.waitForURL(october.base() + "/inbox");
    assertThat(newcomer.locator(".who").innerText()).isEqualTo("eagleburger");
  }

  @Test
  void aDutyOfficerHoldsHisEndAndResumingItDeliversWhatWaited() throws Exception {
    Page kennedy = october.chromium.loggedIn("kennedy", TestStation.PASSWORD);
    kennedy.navigate(october.base() + "/admin");
    assertThat(kennedy.locator("#users-title").count())
        .as("users are the administrator's")
        .isZero();
    kennedy.getByRole(AriaRole.BUTTON, named("Hold WH")).click();
    assertThat(kennedy.locator("tr[data-end='BC/WH']").innerText()).contains("held since");

    october.release(october.kissinger, "ROUTINE", List.of("WAITING AT THE HOLD."));
    assertThat(october.receipts(october.kissinger, "Hakto", 1)).doesNotContain("haig DELIVERED");

    kennedy.getByRole(AriaRole.BUTTON, named("Resume WH")).click();
    assertThat(kennedy.locator("tr[data-end='BC/WH']").innerText()).contains("on the air");
    assertThat(october.awaitReceipt(october.kissinger, "Hakto", 1, "haig DELIVERED"))
        .contains("haig DELIVERED");
    Chromium.screenshot(kennedy, "admin-holds");
  }
}
