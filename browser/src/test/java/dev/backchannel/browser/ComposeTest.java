package dev.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.backchannel.server.TestStation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Composing in the browser (G9): a malformed form shows each error next to its field and stores
 * nothing; a good one is released, numbered, and reaches the other end.
 */
class ComposeTest extends OctoberTest {
  private Page compose() {
    Page haig = october.chromium.loggedIn("haig", TestStation.PASSWORD);
    haig.navigate(october.base() + "/exchanges/OCT72/compose");
    return haig;
  }

  private int events() {
    return october.station.store.events(0, 1_000_000).size();
  }

  @Test
  void aMalformedComposeShowsEachErrorNextToItsFieldAndStoresNothing() {
    Page haig = compose();
    int before = events();
    haig.getByLabel("Precedence").selectOption("IMMEDIATE");
    haig.locator("#to").fill("KISSINGER");
    haig.locator("#references").fill("TOHAK 99");
    haig.locator("#paragraphs").fill("THE PRESIDENT HAS READ YOUR CABLE.");
    haig.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Release")).click();

    assertThat(haig.locator("#err-classification").innerText())
        .isEqualTo("Choose a classification.");
    assertThat(haig.locator("#err-references").innerText())
        .isEqualTo("REF TOHAK 99 names no cable in OCT72");
    assertThat(haig.locator("#classification").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(haig.locator("#references").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(haig.locator("#to").getAttribute("aria-invalid")).isEqualTo("false");
    assertThat(haig.locator("#to").inputValue()).isEqualTo("KISSINGER");
    Chromium.screenshot(haig, "compose-errors");

    assertThat(events()).as("nothing stored").isEqualTo(before);
    assertThat(october.haig.get("/api/drafts").json()).isEmpty();
    assertThat(october.haig.get("/api/cables").json()).isEmpty();
  }

  @Test
  void aCableComposedInTheBrowserIsReleasedNumberedAndReachesTheOtherEnd() {
    Page haig = compose();
    haig.getByLabel("Precedence").selectOption("IMMEDIATE");
    haig.getByLabel("Classification").selectOption("TOP SECRET");
    haig.locator("#to").fill("KISSINGER");
    haig.locator("#subject").fill("LAGGING COMMUNICATIONS");
    haig.locator("#paragraphs")
        .fill("YOUR CABLES REACH THE PRESIDENT IN FULL.\n\nHE READS THEM HIMSELF.");
    haig.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Release")).click();

    haig.locator("article.cable").waitFor();
    assertThat(haig.locator("h1").innerText()).contains("Tohak 1");
    assertThat(haig.locator("[data-para] .para-num").allInnerTexts()).containsExactly("1.", "2.");
    assertThat(haig.locator("[data-para] p").allInnerTexts())
        .containsExactly("YOUR CABLES REACH THE PRESIDENT IN FULL.", "HE READS THEM HIMSELF.");
    assertThat(
            october
                .kissinger
                .get("/api/inbox")
                .json()
                .get(0)
                .get("designator")
                .get("text")
                .asText())
        .startsWith("Tohak 1");
    List<String> banners = haig.locator(".banner").allInnerTexts();
    assertThat(banners).containsExactly("TOP SECRET", "TOP SECRET");
  }

  @Test
  void anEndThatNeedsASecondApprovalReleasesADraftOnlyOnceAnotherApprovedIt() {
    october.station.user(
        "scowcroft",
        dev.backchannel.cable.Classification.TOP_SECRET,
        java.util.Set.of(),
        dev.backchannel.store.Role.STAFF);
    october.station.store.putMember("BC", "WH", "scowcroft", true, "admin");
    assertThat(
            october
                .station
                .token("admin")
                .patch("/api/channels/BC/ends/WH", "{\"secondApproval\":true}")
                .status())
        .isEqualTo(200);

    Page haig = compose();
    haig.getByLabel("Precedence").selectOption("PRIORITY");
    haig.getByLabel("Classification").selectOption("SECRET");
    haig.locator("#to").fill("KISSINGER");
    haig.locator("#paragraphs").fill("APPROVED BY TWO.");
    haig.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Release")).click();
    assertThat(haig.locator("#notice").innerText()).contains("needs a second person to approve");
    haig.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save draft")).click();
    haig.locator("tr[data-draft] a").first().click();
    haig.waitForURL("**/drafts/*");
    String draft = haig.url();
    haig.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Release")).click();
    assertThat(haig.locator("#notice").innerText()).contains("needs a second person to approve");

    Page scowcroft = october.chromium.loggedIn("scowcroft", TestStation.PASSWORD);
    scowcroft.navigate(draft);
    scowcroft.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve")).click();
    assertThat(scowcroft.locator("#approved-by").innerText()).isEqualTo("scowcroft");

    haig.navigate(draft);
    haig.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Release")).click();
    haig.locator("article.cable").waitFor();
    assertThat(haig.locator("h1").innerText()).contains("Tohak 1");
  }
}
