package dev.backchannel.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's Chromium driven by Playwright, as shared/STACK.md says it works here: the system
 * browser, headless, without the background traffic this machine's closed network refuses. Each
 * user gets a browser context of his own (his own cookies and storage).
 */
final class Chromium implements AutoCloseable {
  private static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

  private final Playwright playwright;
  private final Browser browser;
  private final String base;

  Chromium(String base) {
    if (!Files.isExecutable(EXECUTABLE)) {
      throw new IllegalStateException(
          "no Chromium at " + EXECUTABLE + ": run scripts/chromium (run-tests does)");
    }
    this.base = base;
    this.playwright = Playwright.create();
    this.browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE)
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-quic",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run")));
  }

  /** A user's own browser context, with one page, logged in through the login page. */
  Page loggedIn(String user, String password) {
    return loggedIn(user, password, new Browser.NewContextOptions().setViewportSize(1280, 720));
  }

  /** As {@link #loggedIn(String, String)}, in a context made with these options. */
  Page loggedIn(String user, String password, Browser.NewContextOptions options) {
    BrowserContext context = browser.newContext(options);
    context.setDefaultTimeout(10_000);
    Page page = context.newPage();
    page.navigate(base + "/inbox");
    page.getByLabel("Name").fill(user);
    page.getByLabel("Password").fill(password);
    page.getByRole(
            com.microsoft.playwright.options.AriaRole.BUTTON,
            new Page.GetByRoleOptions().setName("Log in"))
        .click();
    page.waitForURL(base + "/inbox");
    liveStreamOpen(page);
    return page;
  }

  /**
   * Waits until the page's live stream is open: a cable released before would reach the page only
   * on its next load.
   */
  static void liveStreamOpen(Page page) {
    page.locator("html[data-live=open]")
        .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
  }

  /** A page of a new context with these options, not logged in. */
  Page anonymous(Browser.NewContextOptions options) {
    return browser.newContext(options).newPage();
  }

  /** Saves a screenshot under target/screenshots, a test artifact. */
  static void screenshot(Page page, String name) {
    Path dir = Path.of(System.getProperty("backchannel.screenshots", "target/screenshots"));
    page.screenshot(
        new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(true));
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
