package dev.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.backchannel.server.TestStation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Cables that cross (G5) in the browser: both ends are warned in plain words, and the exchange's
 * ladder draws the two arrows crossing, exactly the crossings the facts API names.
 */
class CrossingTest extends OctoberTest {
  @Test
  void twoCablesThatCrossAreWarnedOfAtBothEndsAndCrossOnTheLadder() {
    // the White House end is off the air while both are written, as in October 1972
    october.station.store.holdEnd("BC", "WH", "admin");
    october.release(october.kissinger, "IMMEDIATE", List.of("I HAVE HAD NO WORD FROM YOU."));
    october.station.clock.advance(Duration.ofMinutes(20));
    october.release(october.haig, "IMMEDIATE", List.of("THE PRESIDENT HAS ASKED FOR NEWS."));
    october.station.clock.advance(Duration.ofHours(2));
    october.station.store.resumeEnd("BC", "WH", "admin");

    Page kissinger = october.chromium.loggedIn("kissinger", TestStation.PASSWORD);
    kissinger.navigate(october.base() + "/exchanges/OCT72/cables/HAKTO%201");
    assertThat(kissinger.locator(".warning").allInnerTexts())
        .anyMatch(w -> w.startsWith("Crossed Tohak 1: each was written before the other"));
    Page haig = october.chromium.loggedIn("haig", TestStation.PASSWORD);
    haig.navigate(october.base() + "/exchanges/OCT72/cables/TOHAK%201");
    assertThat(haig.locator(".warning").allInnerTexts())
        .anyMatch(w -> w.startsWith("Crossed Hakto 1: each was written before the other"));

    kissinger.navigate(october.base() + "/exchanges/OCT72");
    Locator arrows = kissinger.locator("svg.ladder a.rung");
    assertThat(arrows.count()).isEqualTo(2);
    Set<String> drawn = new TreeSet<>();
    for (Locator a : arrows.all()) {
      String crosses = a.getAttribute("data-crosses");
      if (!crosses.isEmpty()) {
        for (String other : crosses.split(", ")) {
          drawn.add(pair(a.getAttribute("data-designator"), other));
        }
      }
    }
    Set<String> facts = new TreeSet<>();
    JsonNode answer = october.kissinger.get("/api/exchanges/OCT72/facts").json();
    answer.get("crossings").forEach(c -> facts.add(pair(c.get("a").asText(), c.get("b").asText())));
    assertThat(drawn).isEqualTo(facts).containsExactly("Hakto 1 × Tohak 1");

    // the two arrows really cross on the page
    Map<String, double[]> line =
        Map.of(
            "Hakto 1",
            coordinates(kissinger, "Hakto 1"),
            "Tohak 1",
            coordinates(kissinger, "Tohak 1"));
    assertThat(intersect(line.get("Hakto 1"), line.get("Tohak 1"))).isTrue();
    assertThat(kissinger.locator("svg.ladder .pause-text").allInnerTexts())
        .as("the hold shows as a gap in time")
        .isNotEmpty();
    Chromium.screenshot(kissinger, "exchange");
  }

  private static String pair(String a, String b) {
    return a.compareTo(b) < 0 ? a + " × " + b : b + " × " + a;
  }

  private static double[] coordinates(Page page, String designator) {
    Locator l = page.locator("svg.ladder a.rung[data-designator='" + designator + "'] line");
    return new double[] {
      Double.parseDouble(l.getAttribute("x1")),
      Double.parseDouble(l.getAttribute("y1")),
      Double.parseDouble(l.getAttribute("x2")),
      Double.parseDouble(l.getAttribute("y2"))
    };
  }

  /** Whether two segments cross: each one's ends lie on either side of the other. */
  private static boolean intersect(double[] p, double[] q) {
    return side(p, q[0], q[1]) * side(p, q[2], q[3]) < 0
        && side(q, p[0], p[1]) * side(q, p[2], p[3]) < 0;
  }

  private static double side(double[] s, double x, double y) {
    return Math.signum((s[2] - s[0]) * (y - s[1]) - (s[3] - s[1]) * (x - s[0]));
  }
}
