package dev.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import dev.backchannel.server.TestStation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every page scanned by axe-core (from the npm registry, {@code scripts/axe-core}), injected into
 * the page: no serious or critical violation, at a desktop width, at 390 pixels (where no page may
 * scroll sideways either) and in the dark theme.
 */
class AccessibilityTest extends OctoberTest {
  private String axe;

  @BeforeEach
  void setUp() throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(Path.of("..", "scripts", "axe-core").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String file = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).as("scripts/axe-core").isZero();
    axe = Files.readString(Path.of(file));
  }

  /** The serious and critical violations axe finds on the page, one line each. */
  private List<String> violations(Page page) {
    page.addScriptTag(new Page.AddScriptTagOptions().setContent(axe));
    Object result =
        page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', '))");
    List<String> out = new ArrayList<>();
    ((List<?>) result).forEach(v -> out.add(String.valueOf(v)));
    return out;
  }

  @Test
  void noPageHasASeriousOrCriticalViolationWideOrNarrow() {
    october.station.store.holdEnd("BC", "WH", "admin");
    october.release(october.kissinger, "FLASH", List.of("WHY NO WORD FROM YOU?"));
    october.release(october.haig, "ROUTINE", List.of("THE PRESIDENT HAS YOUR CABLES."));
    october.station.store.resumeEnd("BC", "WH", "admin");
    String base = october.base();
    List<String> pages =
        List.of(
            "/inbox",
            "/exchanges/OCT72/cables/HAKTO%201",
            "/exchanges/OCT72/cables/HAKTO%201/print",
            "/exchanges/OCT72",
            "/exchanges/OCT72/compose",
            "/drafts",
            "/exchanges/OCT72/cables/HAKTO%2099");
    Map<String, List<String>> found = new java.util.TreeMap<>();
    for (String look : List.of("1280 light", "390 light", "1280 dark")) {
      int width = Integer.parseInt(look.split(" ")[0]);
      Browser.NewContextOptions options =
          new Browser.NewContextOptions()
              .setViewportSize(width, 800)
              .setColorScheme(
                  look.endsWith("dark")
                      ? com.microsoft.playwright.options.ColorScheme.DARK
                      : com.microsoft.playwright.options.ColorScheme.LIGHT)
              .setBypassCSP(true);
      Page login = october.chromium.anonymous(options);
      login.navigate(base + "/login");
      found.put(look + " /login", violations(login));
      Page haig = october.chromium.loggedIn("haig", TestStation.PASSWORD, options);
      for (String path : pages) {
        haig.navigate(base + path);
        found.put(look + " " + path, violations(haig));
        if (look.startsWith("390")) {
          Object wide = haig.evaluate("() => document.documentElement.scrollWidth");
          if (((Number) wide).intValue() > 390) {
            found.put(look + " " + path + " width", List.of("scrolls sideways: " + wide + " px"));
          }
          Chromium.screenshot(haig, "narrow" + path.replaceAll("[^A-Za-z0-9]+", "-"));
        }
      }
      haig.navigate(base + "/exchanges/OCT72/compose");
      haig.locator("form.compose button.primary").click();
      found.put(look + " compose with errors", violations(haig));
    }
    found.values().removeIf(List::isEmpty);
    assertThat(found).as(new Gson().toJson(found)).isEmpty();
  }
}
