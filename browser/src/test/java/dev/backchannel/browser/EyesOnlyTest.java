package dev.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.backchannel.cable.Classification;
import dev.backchannel.server.Http;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cable sealed to the head of government (G3): the deputy's staff member at its end sees its
 * envelope and never its content, in the page, its HTML, any fragment htmx fetched or any live
 * event; the President opens it, and its originator sees that he did.
 */
class EyesOnlyTest extends OctoberTest {
  private static final String SECRET = "GOLDFINCH";

  /**
   * Wraps EventSource before any page script runs, so that every live message any of the staff
   * member's pages receives is handed to the test ({@code __keep}).
   */
  private static final String KEEP_LIVE_EVENTS =
      "(() => { const Native = window.EventSource;"
          + " window.EventSource = function (url, opts) { const s = new Native(url, opts);"
          + " ['delivered', 'receipt', 'notify', 'escalation', 'message'].forEach(n =>"
          + " s.addEventListener(n, e => window.__keep(n + ' ' + e.data))); return s; }; })();";

  @BeforeEach
  void setUp() {
    october.station.user("scowcroft", Classification.TOP_SECRET, Set.of(), Role.STAFF);
    october.station.user("president", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    october.station.store.putMember("BC", "WH", "scowcroft", false, "admin");
  }

  @Test
  void theStaffSeesTheEnvelopeNeverTheContentAndThePresidentsOpeningReachesTheOriginator()
      throws Exception {
    Page staff = october.chromium.loggedIn("scowcroft", TestStation.PASSWORD);
    List<String> live = new java.util.concurrent.CopyOnWriteArrayList<>();
    staff.exposeFunction(
        "__keep",
        args -> {
          live.add(String.valueOf(args[0]));
          return null;
        });
    staff.addInitScript(KEEP_LIVE_EVENTS);
    // every page and fragment the staff member's browser asks for (the live stream aside: its
    // events are kept by KEEP_LIVE_EVENTS), fetched again below with his session to read its body
    List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    staff.onRequest(
        r -> {
          if (r.method().equals("GET") && !r.url().contains("/api/events/stream")) {
            asked.add(r.url());
          }
        });
    staff.reload();
    Chromium.liveStreamOpen(staff);

    Http.Answer released =
        october.kissinger.post(
            "/api/exchanges/OCT72/cables",
            "{\"text\":\"PRIORITY\\nTOP SECRET\\nFROM: KISSINGER\\nTO: HAIG\\nPASS TO: PRESIDENT\\n"
                + "HANDLING: DELIVER IN SEALED ENVELOPE MARKED EYES ONLY TO THE PRESIDENT\\n\\n"
                + "1. MR. PRESIDENT, THE CODE WORD IS "
                + SECRET
                + ".\\n\",\"confirm\":true}");
    assertThat(released.status()).as(released.body()).isEqualTo(201);
    String sha256 = released.json().get("sha256").asText();
    assertThat(
            october
                .haig
                .post("/api/exchanges/OCT72/cables/Hakto%201/pass", "{\"to\":\"PRESIDENT\"}")
                .status())
        .isEqualTo(200);

    // the staff member's inbox shows the envelope, live
    staff.locator("tr.envelope[data-designator^='Hakto 1']").waitFor();
    staff.navigate(october.base() + "/exchanges/OCT72/cables/HAKTO%201");
    assertThat(staff.locator(".sealed").innerText())
        .isEqualTo("You may see this cable's envelope, not its text.");
    staff.navigate(october.base() + "/exchanges/OCT72/cables/HAKTO%201/print");
    staff.navigate(october.base() + "/exchanges/OCT72");
    staff.navigate(october.base() + "/inbox");
    staff.waitForTimeout(500);
    Chromium.screenshot(staff, "sealed-envelope");

    assertThat(asked)
        .as("the inbox's live refresh among them")
        .anyMatch(u -> u.endsWith("/inbox/list"));
    List<String> fetched = new ArrayList<>();
    for (String url : new java.util.LinkedHashSet<>(asked)) {
      fetched.add(url + "\n" + staff.request().get(url).text());
    }
    assertThat(fetched)
        .as("pages and fragments the staff member's browser asked for")
        .noneMatch(b -> b.contains(SECRET) || b.contains(sha256));
    assertThat(staff.content()).doesNotContain(SECRET);
    assertThat(String.join("\n", live))
        .as("the live events that reached the page")
        .contains("delivered ")
        .doesNotContain(SECRET)
        .doesNotContain(sha256);

    // the President opens it; the originator's page shows that he did
    Page president = october.chromium.loggedIn("president", TestStation.PASSWORD);
    president.navigate(october.base() + "/exchanges/OCT72/cables/HAKTO%201");
    assertThat(president.locator(".text").innerText()).contains(SECRET);
    Page kissinger = october.chromium.loggedIn("kissinger", TestStation.PASSWORD);
    kissinger.navigate(october.base() + "/exchanges/OCT72/cables/HAKTO%201");
    kissinger.locator("li.reader[data-reader='president'] li.step[data-kind='OPENED']").waitFor();
    assertThat(
            kissinger
                .locator("li.reader[data-reader='scowcroft'] li.step[data-kind='OPENED']")
                .count())
        .isZero();
  }
}
