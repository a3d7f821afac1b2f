package dev.backchannel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.Classification;
import dev.backchannel.store.EndInfo;
import dev.backchannel.store.Role;
import dev.backchannel.store.StoredEvent;
import dev.backchannel.store.UserInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Logins, sessions, tokens and the administration of users, channels, exchanges and caveats through
 * the real HTTP API of a station on a SQLite file (DESIGN 5.1, 5.6, G3, G9).
 *
 * <p>Groups whose tests only add what they name share one station (each test uses names of its
 * own); groups that move the clock, count login attempts or read the whole event log or registry
 * get a fresh station per test.
 */
class AccountsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = TestStation.PASSWORD;
  private static final String WRONG = "not the right password";
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static final String LOGIN_FAILED =
      "{'code':'LOGIN_FAILED','message':'the name or the password is wrong','field':''}";
  private static final String UNAUTHENTICATED =
      "{'code':'UNAUTHENTICATED','message':'log in first: no valid session or token came with"
          + " the request','field':''}";
  private static final String FORBIDDEN =
      "{'code':'FORBIDDEN','message':'this needs the role ADMINISTRATOR','field':''}";
  private static final String CSRF =
      "{'code':'CSRF','message':'a browser session\\u0027s change needs the header X-CSRF-Token"
          + " with the session\\u0027s CSRF token','field':'X-CSRF-Token'}";

  TestStation station;

  @Nested
  @TestInstance(Lifecycle.PER_CLASS)
  class Login {
    @BeforeAll
    void start(@TempDir Path dir) {
      station = TestStation.start(dir);
    }

    @AfterAll
    void stop() {
      station.close();
    }

    @Test
    void aTokenLoginAnswersUserKindExpiryAndTheToken() {
      Http.Answer a = login("admin", PASSWORD, "token");

      assertThat(a.status()).as(a.body()).isEqualTo(200);
      JsonNode n = a.json();
      assertThat(n.get("user").get("name").asText()).isEqualTo("admin");
      assertThat(n.get("user").get("roles")).isEqualTo(json("['ADMINISTRATOR']"));
      assertThat(n.get("kind").asText()).isEqualTo("token");
      assertThat(n.get("expiresAt").asText()).isEqualTo("2026-12-25T09:00:00Z");
      assertThat(n.get("token").asText()).hasSizeGreaterThanOrEqualTo(43);
      assertThat(n.has("csrfToken")).isFalse();
      assertThat(a.header("Set-Cookie")).isEmpty();
    }

    @Test
    void theBearerTokenOpensTheApi() {
      String token = login("admin", PASSWORD, "token").json().get("token").asText();

      Http.Answer me = station.anonymous().with("Authorization", "Bearer " + token).get("/api/me");

      assertThat(me.status()).as(me.body()).isEqualTo(200);
      assertThat(me.json().get("name").asText()).isEqualTo("admin");
      assertThat(me.json().get("ends")).isEqualTo(json("[]"));
    }

    @Test
    void aSessionLoginSetsAStrictHttpOnlyCookieAndAnswersACsrfToken() {
      Http.Answer a = login("admin", PASSWORD, "session");

      assertThat(a.status()).as(a.body()).isEqualTo(200);
      assertThat(a.json().get("kind").asText()).isEqualTo("session");
      assertThat(a.json().get("expiresAt").asText()).isEqualTo("2026-11-25T21:00:00Z");
      assertThat(a.json().get("csrfToken").asText()).hasSizeGreaterThanOrEqualTo(43);
      assertThat(a.json().has("token")).isFalse();
      String cookie = a.header("Set-Cookie").orElseThrow();
      assertThat(cookie).startsWith(StationServer.SESSION_COOKIE + "=");
      assertThat(cookie.split(";\\s*"))
          .contains("HttpOnly", "SameSite=Strict", "Path=/")
          .doesNotContain("Secure");
    }

    @Test
    void theSessionCookieOpensTheApi() {
      Http.Answer a = login("admin", PASSWORD, "session");
      String cookie = a.header("Set-Cookie").orElseThrow().split(";", 2)[0];

      Http.Answer me = station.anonymous().with("Cookie", cookie).get("/api/me");

      assertThat(me.status()).as(me.body()).isEqualTo(200);
      assertThat(me.json().get("name").asText()).isEqualTo("admin");
    }

    @Test
    void theSessionCookieLivesAsLongAsTheSessionByTheStationsClock() {
      // session.ttl is PT12H and the station's clock stands still: the cookie must say so too
      Http.Answer a = login("admin", PASSWORD, "session");

      assertThat(a.header("Set-Cookie").orElseThrow().split(";\\s*")).contains("Max-Age=43200");
    }

    @Test
    void aSessionIsTheDefaultKind() {
      Http.Answer a =
          station
              .anonymous()
              .post("/api/login", j("{'name':'admin','password':'" + PASSWORD + "'}"));

      assertThat(a.status()).as(a.body()).isEqualTo(200);
      assertThat(a.json().get("kind").asText()).isEqualTo("session");
      assertThat(a.header("Set-Cookie")).isPresent();
    }

    @Test
    void anUnknownKindIsRefused() {
      assertError(
          login("admin", PASSWORD, "cookie"),
          400,
          "INVALID",
          "kind",
          "kind must be session or token, not \"cookie\"");
    }

    @Test
    void anUnknownFieldOfALoginIsRefused() {
      assertError(
          station
              .anonymous()
              .post(
                  "/api/login",
                  j("{'name':'admin','password':'" + PASSWORD + "','remember':true}")),
          400,
          "INVALID",
          "remember",
          "unknown field remember; this request takes kind, name, password");
    }

    @Test
    void aSessionSecretIsNoBearerToken() {
      Http.Answer a = login("admin", PASSWORD, "session");
      String secret = a.header("Set-Cookie").orElseThrow().split(";", 2)[0].split("=", 2)[1];

      Http.Answer me = station.anonymous().with("Authorization", "Bearer " + secret).get("/api/me");

      assertThat(me.json()).isEqualTo(json(UNAUTHENTICATED));
    }
  }

  @Nested
  @TestInstance(Lifecycle.PER_CLASS)
  class SameAnswer {
    @BeforeAll
    void start(@TempDir Path dir) {
      station = TestStation.start(dir);
    }

    @AfterAll
    void stop() {
      station.close();
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
      String haig = user(Classification.SECRET);

      Http.Answer wrong = login(haig, WRONG, "token");
      Http.Answer unknown = login("nobody", WRONG, "token");

      assertThat(wrong.status()).isEqualTo(401);
      assertThat(unknown.status()).isEqualTo(401);
      assertThat(unknown.body()).isEqualTo(wrong.body());
      assertThat(wrong.json()).isEqualTo(json(LOGIN_FAILED));
    }

    @Test
    void aDisabledUserGetsTheSameAnswerEvenWithHisPassword() {
      String haig = user(Classification.SECRET);
      Http.Answer wrong = login(haig, WRONG, "token");
      Http.Answer disabling =
          station.token("admin").patch("/api/users/" + haig, j("{'disabled':true}"));
      assertThat(disabling.status()).as(disabling.body()).isEqualTo(200);

      Http.Answer disabled = login(haig, PASSWORD, "token");

      assertThat(disabled.status()).isEqualTo(401);
      assertThat(disabled.body()).isEqualTo(wrong.body());
    }

    @Test
    void aUserStillToSetHisPasswordGetsTheSameAnswer() {
      String kissinger = unique("kissinger");
      Http.Answer created =
          station
              .token("admin")
              .post("/api/users", j("{'name':'" + kissinger + "','clearance':'TOP SECRET'}"));
      assertThat(created.status()).as(created.body()).isEqualTo(201);

      Http.Answer pending = login(kissinger, PASSWORD, "token");

      assertThat(pending.status()).isEqualTo(401);
      assertThat(pending.json()).isEqualTo(json(LOGIN_FAILED));
    }

    @Test
    void theNameIsNotCaseSensitiveButThePasswordIs() {
      String haig = user(Classification.SECRET);

      assertThat(login(haig.toUpperCase(Locale.ROOT), PASSWORD, "token").status()).isEqualTo(200);
      assertThat(login(haig, PASSWORD.toUpperCase(Locale.ROOT), "token").json())
          .isEqualTo(json(LOGIN_FAILED));
    }
  }

  @Nested
  class RateLimits {
    @BeforeEach
    void start(@TempDir Path dir) {
      station = TestStation.start(dir, Map.of("login.attempts-per-minute", "5"));
      station.user("haig", Classification.SECRET, Set.of());
    }

    @AfterEach
    void stop() {
      station.close();
    }

    @Test
    void theSixthAttemptForAnAccountInAMinuteIsRefusedEvenWithTheRightPassword() {
      for (int i = 0; i < 5; i++) {
        assertThat(login("haig", WRONG, "token").status()).isEqualTo(401);
      }

      assertError(
          login("haig", PASSWORD, "token"),
          429,
          "RATE_LIMITED",
          "",
          "too many login attempts; try again in 60 s");
    }

    @Test
    void successfulLoginsCountToo() {
      for (int i = 0; i < 5; i++) {
        assertThat(login("haig", PASSWORD, "token").status()).isEqualTo(200);
      }

      assertThat(login("haig", PASSWORD, "token").status()).isEqualTo(429);
    }

    @Test
    void theWaitShrinksAsTheMinuteGoesBy() {
      for (int i = 0; i < 5; i++) {
        login("haig", WRONG, "token");
      }
      station.clock.advance(Duration.ofSeconds(45));

      assertError(
          login("haig", PASSWORD, "token"),
          429,
          "RATE_LIMITED",
          "",
          "too many login attempts; try again in 15 s");
    }

    @Test
    void anAddressIsLimitedAcrossAccounts() {
      for (int i = 1; i <= 5; i++) {
        station.user("user" + i, Classification.SECRET, Set.of());
        assertThat(login("user" + i, WRONG, "token").status()).isEqualTo(401);
      }

      assertError(
          login("haig", PASSWORD, "token"),
          429,
          "RATE_LIMITED",
          "",
          "too many login attempts; try again in 60 s");
    }

    @Test
    void aForwardedForHeaderDoesNotEscapeTheAddressLimit() {
      for (int i = 1; i <= 5; i++) {
        login("user" + i, WRONG, "token");
      }

      Http.Answer a =
          station
              .anonymous()
              .with("X-Forwarded-For", "203.0.113.9")
              .post("/api/login", loginBody("haig", PASSWORD, "token"));

      assertThat(a.status()).isEqualTo(429);
    }

    @Test
    void afterTheMinuteLoginWorksAgain() {
      for (int i = 0; i < 5; i++) {
        login("haig", WRONG, "token");
      }
      assertThat(login("haig", PASSWORD, "token").status()).isEqualTo(429);

      station.clock.advance(Duration.ofSeconds(61));

      assertThat(login("haig", PASSWORD, "token").status()).isEqualTo(200);
    }

    @Test
    void anUnknownAccountIsLimitedTheSameWay() {
      for (int i = 0; i < 5; i++) {
        assertThat(login("nobody", WRONG, "token").status()).isEqualTo(401);
      }
      Http.Answer unknown = login("nobody", WRONG, "token");
      station.clock.advance(Duration.ofSeconds(61));
      for (int i = 0; i < 5; i++) {
        login("haig", WRONG, "token");
      }
      Http.Answer known = login("haig", WRONG, "token");

      assertThat(unknown.status()).isEqualTo(429);
      assertThat(unknown.body()).isEqualTo(known.body());
    }

    @Test
    void setUpAttemptsAreLimitedLikeLogins() {
      for (int i = 0; i < 5; i++) {
        login("haig", WRONG, "token");
      }

      Http.Answer a =
          station
              .anonymous()
              .post(
                  "/api/setup",
                  j(
                      "{'name':'haig','setupToken':'guess','password':'a long new password',"
                          + "'kind':'token'}"));

      assertError(a, 429, "RATE_LIMITED", "", "too many login attempts; try again in 60 s");
    }
  }

  @Nested
  @TestInstance(Lifecycle.PER_CLASS)
  class Csrf {
    Http browser;

    @BeforeAll
    void start(@TempDir Path dir) {
      station = TestStation.start(dir);
      browser = station.browser("admin");
    }

    @AfterAll
    void stop() {
      station.close();
    }

    @Test
    void aLogoutWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
      Http own = station.browser("admin");
      long before = lastEventId();

      Http.Answer a = own.without(StationServer.CSRF_HEADER).post("/api/logout", null);

      assertThat(a.status()).isEqualTo(403);
      assertThat(a.json()).isEqualTo(json(CSRF));
      assertThat(own.get("/api/me").status()).isEqualTo(200);
      assertThat(station.store.events(before, 1000)).isEmpty();
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
      String haig = unique("haig");
      long before = lastEventId();

      Http.Answer a =
          browser
              .without(StationServer.CSRF_HEADER)
              .post("/api/users", j("{'name':'" + haig + "','clearance':'SECRET'}"));

      assertThat(a.status()).isEqualTo(403);
      assertThat(a.json()).isEqualTo(json(CSRF));
      assertThat(station.store.user(haig)).isEmpty();
      assertThat(station.store.events(before, 1000)).isEmpty();
    }

    @Test
    void aChangeWithAWrongCsrfTokenIsRefused() {
      String haig = unique("haig");

      Http.Answer a =
          browser
              .with(StationServer.CSRF_HEADER, "not-the-token")
              .post("/api/users", j("{'name':'" + haig + "','clearance':'SECRET'}"));

      assertThat(a.status()).isEqualTo(403);
      assertThat(a.json()).isEqualTo(json(CSRF));
      assertThat(station.store.user(haig)).isEmpty();
    }

    @Test
    void theCsrfTokenOfAnotherSessionIsAWrongOne() {
      String haig = unique("haig");
      String otherToken = login("admin", PASSWORD, "session").json().get("csrfToken").asText();

      Http.Answer a =
          browser
              .with(StationServer.CSRF_HEADER, otherToken)
              .post("/api/users", j("{'name':'" + haig + "','clearance':'SECRET'}"));

      assertThat(a.status()).isEqualTo(403);
      assertThat(station.store.user(haig)).isEmpty();
    }

    @Test
    void aChangeWithTheCsrfTokenSucceeds() {
      String haig = unique("haig");

      Http.Answer a = browser.post("/api/users", j("{'name':'" + haig + "','clearance':'SECRET'}"));

      assertThat(a.status()).as(a.body()).isEqualTo(201);
      assertThat(station.store.user(haig)).isPresent();
    }

    @Test
    void readsNeedNoCsrfToken() {
      assertThat(browser.without(StationServer.CSRF_HEADER).get("/api/users").status())
          .isEqualTo(200);
    }

    @Test
    void bearerTokensNeedNoCsrfToken() {
      String haig = unique("haig");
      Http token = station.token("admin");

      Http.Answer a = token.post("/api/users", j("{'name':'" + haig + "','clearance':'SECRET'}"));

      assertThat(a.status()).as(a.body()).isEqualTo(201);
      assertThat(token.post("/api/logout", null).status()).isEqualTo(204);
    }
  }

  @Nested
  @TestInstance(Lifecycle.PER_CLASS)
  class Logout {
    @BeforeAll
    void start(@TempDir Path dir) {
      station = TestStation.start(dir);
    }

    @AfterAll
    void stop() {
      station.close();
    }

    @Test
    void aLoggedOutTokenOpensNothing() {
      Http token = station.token("admin");

      assertThat(token.post("/api/logout", null).status()).isEqualTo(204);

      Http.Answer me = token.get("/api/me");
      assertThat(me.status()).isEqualTo(401);
      assertThat(me.json()).isEqualTo(json(UNAUTHENTICATED));
      assertThat(token.post("/api/logout", null).json()).isEqualTo(json(UNAUTHENTICATED));
    }

    @Test
    void aLoggedOutSessionCookieOpensNothing() {
      Http browser = station.browser("admin");

      Http.Answer out = browser.post("/api/logout", null);

      assertThat(out.status()).isEqualTo(204);
      assertThat(out.header("Set-Cookie").orElseThrow())
          .startsWith(StationServer.SESSION_COOKIE + "=;")
          .contains("Expires=Thu, 01 Jan 1970 00:00:00 GMT");
      Http.Answer me = browser.get("/api/me");
      assertThat(me.status()).isEqualTo(401);
      assertThat(me.json()).isEqualTo(json(UNAUTHENTICATED));
    }

    @Test
    void loggingOutEndsOnlyThatToken() {
      Http first = station.token("admin");
      Http second = station.token("admin");

      first.post("/api/logout", null);

      assertThat(first.get("/api/me").status()).isEqualTo(401);
      assertThat(second.get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void aMadeUpTokenOrCookieOpensNothing() {
      assertThat(station.anonymous().with("Authorization", "Bearer made-up").get("/api/me").json())
          .isEqualTo(json(UNAUTHENTICATED));
      assertThat(
              station
                  .anonymous()
                  .with("Cookie", StationServer.SESSION_COOKIE + "=made-up")
                  .get("/api/me")
                  .json())
          .isEqualTo(json(UNAUTHENTICATED));
      assertThat(station.anonymous().get("/api/me").json()).isEqualTo(json(UNAUTHENTICATED));
    }
  }

  @Nested
  class Expiry {
    @AfterEach
    void stop() {
      station.close();
    }

    @Test
    void aTokenExpiresAfterTheTokenTtl(@TempDir Path dir) {
      station = TestStation.start(dir);
      Http token = station.token("admin");

      station.clock.advance(Duration.ofDays(30).minusSeconds(1));
      assertThat(token.get("/api/me").status()).isEqualTo(200);

      station.clock.advance(Duration.ofSeconds(1));
      Http.Answer me = token.get("/api/me");
      assertThat(me.status()).isEqualTo(401);
      assertThat(me.json()).isEqualTo(json(UNAUTHENTICATED));
    }

    @Test
    void aSessionExpiresAfterTheSessionTtl(@TempDir Path dir) {
      station = TestStation.start(dir);
      Http browser = station.browser("admin");

      station.clock.advance(Duration.ofHours(12).minusSeconds(1));
      assertThat(browser.get("/api/me").status()).isEqualTo(200);

      station.clock.advance(Duration.ofSeconds(1));
      Http.Answer me = browser.get("/api/me");
      assertThat(me.status()).isEqualTo(401);
      assertThat(me.json()).isEqualTo(json(UNAUTHENTICATED));
    }

    @Test
    void theTtlsAreConfigurable(@TempDir Path dir) {
      station = TestStation.start(dir, Map.of("session.ttl", "PT10M", "token.ttl", "PT1H"));
      Http token = station.token("admin");
      Http browser = station.browser("admin");

      station.clock.advance(Duration.ofMinutes(10));

      assertThat(browser.get("/api/me").status()).isEqualTo(401);
      assertThat(token.get("/api/me").status()).isEqualTo(200);
      station.clock.advance(Duration.ofMinutes(50));
      assertThat(token.get("/api/me").status()).isEqualTo(401);
    }
  }

  @Nested
  @TestInstance(Lifecycle.PER_CLASS)
  class SetUp {
    Http admin;

    @BeforeAll
    void start(@TempDir Path dir) {
      station = TestStation.start(dir);
      admin = station.token("admin");
    }

    @AfterAll
    void stop() {
      station.close();
    }

    private String createWithoutPassword(String name) {
      Http.Answer a = admin.post("/api/users", j("{'name':'" + name + "','clearance':'SECRET'}"));
      assertThat(a.status()).as(a.body()).isEqualTo(201);
      return a.json().get("setupToken").asText();
    }

    private Http.Answer setUp(String name, String token, String password) {
      ObjectNode o = JSON.createObjectNode();
      o.put("name", name).put("setupToken", token).put("password", password).put("kind", "token");
      return station.anonymous().post("/api/setup", o.toString());
    }

    @Test
    void aUserCreatedWithoutAPasswordGetsAOneTimeSetUpToken() {
      String kissinger = unique("kissinger");

      String token = createWithoutPassword(kissinger);

      assertThat(token).hasSizeGreaterThanOrEqualTo(43);
      assertThat(admin.get("/api/users/" + kissinger).json().has("setupToken")).isFalse();
    }

    @Test
    void theSetUpTokenSetsThePasswordAndLogsIn() {
      String kissinger = unique("kissinger");
      String token = createWithoutPassword(kissinger);

      Http.Answer a = setUp(kissinger, token, "a long new password");

      assertThat(a.status()).as(a.body()).isEqualTo(200);
      assertThat(a.json().get("user").get("name").asText()).isEqualTo(kissinger);
      assertThat(a.json().get("kind").asText()).isEqualTo("token");
      Http own =
          station.anonymous().with("Authorization", "Bearer " + a.json().get("token").asText());
      assertThat(own.get("/api/me").status()).isEqualTo(200);
      assertThat(login(kissinger, "a long new password", "token").status()).isEqualTo(200);
    }

    @Test
    void theSetUpTokenWorksOnce() {
      String kissinger = unique("kissinger");
      String token = createWithoutPassword(kissinger);
      assertThat(setUp(kissinger, token, "a long new password").status()).isEqualTo(200);

      Http.Answer again = setUp(kissinger, token, "another long password");

      assertThat(again.status()).isEqualTo(401);
      assertThat(again.json()).isEqualTo(json(LOGIN_FAILED));
      assertThat(login(kissinger, "a long new password", "token").status()).isEqualTo(200);
      assertThat(login(kissinger, "another long password", "token").status()).isEqualTo(401);
    }

    @Test
    void aWrongSetUpTokenGetsTheLoginAnswer() {
      String kissinger = unique("kissinger");
      String token = createWithoutPassword(kissinger);

      Http.Answer wrong = setUp(kissinger, token + "x", "a long new password");
      Http.Answer unknown = setUp("nobody", token, "a long new password");

      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.json()).isEqualTo(json(LOGIN_FAILED));
      assertThat(unknown.body()).isEqualTo(wrong.body());
      assertThat(setUp(kissinger, token, "a long new password").status()).isEqualTo(200);
    }

    @Test
    void anotherUsersSetUpTokenIsAWrongOne() {
      String kissinger = unique("kissinger");
      String scowcroft = unique("scowcroft");
      String kissingersToken = createWithoutPassword(kissinger);
      createWithoutPassword(scowcroft);

      assertThat(setUp(scowcroft, kissingersToken, "a long new password").json())
          .isEqualTo(json(LOGIN_FAILED));
    }

    @Test
    void aUserWithAPasswordHasNoSetUpToken() {
      assertThat(setUp("admin", "any token", "a long new password").json())
          .isEqualTo(json(LOGIN_FAILED));
      assertThat(login("admin", PASSWORD, "token").status()).isEqualTo(200);
    }

    @Test
    void aShortPasswordIsRefusedAndTheTokenStaysGood() {
      String kissinger = unique("kissinger");
      String token = createWithoutPassword(kissinger);

      assertError(
          setUp(kissinger, token, "short"),
          400,
          "INVALID",
          "password",
          "a password must be 12 to 1024 characters; this one has 5");
      assertThat(setUp(kissinger, token, "a long new password").status()).isEqualTo(200);
    }

    @Test
    void aUserCreatedWithAPasswordGetsNoSetUpTokenAndCanLogIn() {
      String kissinger = unique("kissinger");

      Http.Answer a =
          admin.post(
              "/api/users",
              j(
                  "{'name':'"
                      + kissinger
                      + "','clearance':'SECRET','password':'a long first password'}"));

      assertThat(a.status()).as(a.body()).isEqualTo(201);
      assertThat(a.json().has("setupToken")).isFalse();
      assertThat(login(kissinger, "a long first password", "token").status()).isEqualTo(200);
    }

    @Test
    void aUserCreatedWithAShortPasswordIsNotCreated() {
      String kissinger = unique("kissinger");

      assertError(
          admin.post(
              "/api/users",
              j("{'name':'" + kissinger + "','clearance':'SECRET','password':'short'}")),
          400,
          "INVALID",
          "password",
          "a password must be 12 to 1024 characters; this one has 5");
      assertThat(station.store.user(kissinger)).isEmpty();
    }
  }

  @Nested
  @TestInstance(Lifecycle.PER_CLASS)
  class AdministratorsOnly {
    Http haig;

    @BeforeAll
    void start(@TempDir Path dir) {
      station = TestStation.start(dir);
      station.user("haig", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL, Role.STAFF);
      station.token("admin").post("/api/channels", j("{'name':'backchannel','ends':['HAK','WH']}"));
      haig = station.token("haig");
    }

    @AfterAll
    void stop() {
      station.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
        delimiter = '|',
        quoteCharacter = '`',
        nullValues = "-",
        value = {
          "GET    | /api/users                                      | -",
          "POST   | /api/users                                      |"
              + " {'name':'kissinger','clearance':'SECRET'}",
          "GET    | /api/users/admin                                | -",
          "PATCH  | /api/users/admin                                | {'disabled':true}",
          "PATCH  | /api/users/haig                                 | {'roles':['ADMINISTRATOR']}",
          "GET    | /api/channels                                   | -",
          "POST   | /api/channels                                   |"
              + " {'name':'other','ends':['A','B']}",
          "PATCH  | /api/channels/backchannel/ends/HAK              | {'secondApproval':true}",
          "PUT    | /api/channels/backchannel/ends/HAK/members/haig | {'releaseAuthority':true}",
          "PUT    | /api/channels/nowhere/ends/X/members/nobody     | -",
          "DELETE | /api/channels/backchannel/ends/HAK/members/haig | -",
          "POST   | /api/exchanges                                  |"
              + " {'name':'X','channel':'backchannel','series':['HAKTO:HAK','TOHAK:WH']}",
          "POST   | /api/caveats                                    | {'name':'TALENT KEYHOLE'}"
        })
    void aNonAdministratorIsForbiddenAndAnonymousUnauthenticated(
        String method, String path, String body) {
      long before = lastEventId();
      String requestBody = body == null ? null : j(body);

      Http.Answer user = haig.send(method, path, requestBody);
      Http.Answer anonymous = station.anonymous().send(method, path, requestBody);

      assertThat(user.status()).as(user.body()).isEqualTo(403);
      assertThat(user.json()).isEqualTo(json(FORBIDDEN));
      assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(401);
      assertThat(anonymous.json()).isEqualTo(json(UNAUTHENTICATED));
      assertThat(station.store.events(before, 1000)).isEmpty();
      assertThat(station.store.user("admin").orElseThrow().disabled()).isFalse();
      assertThat(station.store.user("haig").orElseThrow().has(Role.ADMINISTRATOR)).isFalse();
    }

    @Test
    void aBrowserSessionOfANonAdministratorIsForbiddenToo() {
      Http.Answer a =
          station.browser("haig").post("/api/users", j("{'name':'x','clearance':'SECRET'}"));

      assertThat(a.status()).isEqualTo(403);
      assertThat(a.json()).isEqualTo(json(FORBIDDEN));
    }

    @Test
    void anyUserMayReadTheCaveatsAndHisExchangesButAnonymousNot() {
      assertThat(haig.get("/api/caveats").status()).isEqualTo(200);
      assertThat(haig.get("/api/exchanges").status()).isEqualTo(200);
      assertThat(haig.get("/api/me").status()).isEqualTo(200);
      assertThat(station.anonymous().get("/api/caveats").json()).isEqualTo(json(UNAUTHENTICATED));
      assertThat(station.anonymous().get("/api/exchanges").json()).isEqualTo(json(UNAUTHENTICATED));
      assertThat(station.anonymous().post("/api/logout", null).json())
          .isEqualTo(json(UNAUTHENTICATED));
    }
  }

  @Nested
  @TestInstance(Lifecycle.PER_CLASS)
  class Users {
    Http admin;

    @BeforeAll
    void start(@TempDir Path dir) {
      station = TestStation.start(dir);
      admin = station.token("admin");
      station.user("haig", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    }

    @AfterAll
    void stop() {
      station.close();
    }

    private String fullUser(String name) {
      return j(
          "{'name':'"
              + name
              + "','addressedAs':'Al "
              + name
              + "','clearance':'top secret',"
              + "'caveats':['sensitive','NODIS'],'roles':['principal','duty officer'],"
              + "'timeZone':'America/New_York','officeHours':'09:00-17:00 mon,wed',"
              + "'password':'a long first password'}");
    }

    private JsonNode fullUserAnswer(String name) {
      return json(
          "{'name':'"
              + name
              + "','addressedAs':'AL "
              + name.toUpperCase(Locale.ROOT)
              + "','clearance':'TOP SECRET',"
              + "'caveats':['NODIS','SENSITIVE'],'timeZone':'America/New_York',"
              + "'officeHours':'09:00-17:00 MON,WED','roles':['DUTY_OFFICER','PRINCIPAL'],"
              + "'disabled':false}");
    }

    @Test
    void anAdministratorCreatesAUserWithAllHisSettings() {
      String name = unique("alexander");

      Http.Answer a = admin.post("/api/users", fullUser(name));

      assertThat(a.status()).as(a.body()).isEqualTo(201);
      assertThat(a.json()).isEqualTo(fullUserAnswer(name));
      UserInfo stored = station.store.user(name).orElseThrow();
      assertThat(stored.addressedAs()).isEqualTo("AL " + name.toUpperCase(Locale.ROOT));
      assertThat(stored.clearance().level()).isEqualTo(Classification.TOP_SECRET);
      assertThat(stored.clearance().caveats())
          .containsExactlyInAnyOrder(new Caveat("NODIS"), new Caveat("SENSITIVE"));
      assertThat(stored.roles()).containsExactlyInAnyOrder(Role.PRINCIPAL, Role.DUTY_OFFICER);
      assertThat(stored.timeZone().getId()).isEqualTo("America/New_York");
      assertThat(stored.officeHours().text()).isEqualTo("09:00-17:00 MON,WED");
    }

    @Test
    void aUserCreatedWithTheLeastHasTheDefaults() {
      String name = unique("kissinger");

      Http.Answer a = admin.post("/api/users", j("{'name':'" + name + "','clearance':'SECRET'}"));

      ObjectNode expected =
          (ObjectNode)
              json(
                  "{'name':'"
                      + name
                      + "','addressedAs':'"
                      + name.toUpperCase(Locale.ROOT)
                      + "','clearance':'SECRET','caveats':[],'timeZone':'UTC',"
                      + "'officeHours':'08:00-18:00 MON-FRI','roles':[],'disabled':false}");
      expected.set("setupToken", a.json().get("setupToken"));
      assertThat(a.json()).isEqualTo(expected);
    }

    @Test
    void theUsersAreListedByNameWithoutSecrets() {
      String zed = unique("zed");
      String abe = unique("abe");
      admin.post("/api/users", j("{'name':'" + zed + "','clearance':'SECRET'}"));
      admin.post(
          "/api/users",
          j("{'name':'" + abe + "','clearance':'SECRET','password':'a long first password'}"));

      Http.Answer a = admin.get("/api/users");

      assertThat(a.status()).isEqualTo(200);
      List<String> names = a.json().findValuesAsText("name");
      assertThat(names).contains("admin", "haig", zed, abe).isSorted();
      assertThat(a.body()).doesNotContain("password", "Hash", "setupToken", "$argon2");
    }

    @Test
    void oneUserIsShownByName() {
      String name = unique("alexander");
      admin.post("/api/users", fullUser(name));

      assertThat(admin.get("/api/users/" + name.toUpperCase(Locale.ROOT)).json())
          .isEqualTo(fullUserAnswer(name));
      assertError(
          admin.get("/api/users/nobody"), 404, "NOT_FOUND", "name", "there is no user nobody");
    }

    @Test
    void patchChangesClearanceAndDisabledAndKeepsTheRest() {
      String name = unique("haig");
      station.user(name, Classification.TOP_SECRET, Set.of("NODIS"), Role.PRINCIPAL);

      Http.Answer a =
          admin.patch("/api/users/" + name, j("{'clearance':'SECRET','disabled':true}"));

      assertThat(a.status()).as(a.body()).isEqualTo(200);
      assertThat(a.json())
          .isEqualTo(
              json(
                  "{'name':'"
                      + name
                      + "','addressedAs':'"
                      + name.toUpperCase(Locale.ROOT)
                      + "','clearance':'SECRET','caveats':['NODIS'],"
                      + "'timeZone':'UTC','officeHours':'08:00-18:00 MON-FRI',"
                      + "'roles':['PRINCIPAL'],'disabled':true}"));
      UserInfo stored = station.store.user(name).orElseThrow();
      assertThat(stored.clearance().level()).isEqualTo(Classification.SECRET);
      assertThat(stored.disabled()).isTrue();
    }

    @Test
    void patchChangesTheOtherSettings() {
      String name = unique("haig");
      station.user(name, Classification.TOP_SECRET, Set.of("NODIS"), Role.PRINCIPAL);

      Http.Answer a =
          admin.patch(
              "/api/users/" + name,
              j(
                  "{'caveats':['UMBRA'],'roles':['STAFF'],'timeZone':'Asia/Ho_Chi_Minh',"
                      + "'officeHours':'07:00-19:00 MON-SAT','addressedAs':'Al "
                      + name
                      + "'}"));

      assertThat(a.json())
          .isEqualTo(
              json(
                  "{'name':'"
                      + name
                      + "','addressedAs':'AL "
                      + name.toUpperCase(Locale.ROOT)
                      + "','clearance':'TOP SECRET',"
                      + "'caveats':['UMBRA'],'timeZone':'Asia/Ho_Chi_Minh',"
                      + "'officeHours':'07:00-19:00 MON-SAT','roles':['STAFF'],"
                      + "'disabled':false}"));
    }

    @Test
    void disablingAUserEndsHisSessionsForGood() {
      String name = user(Classification.SECRET);
      Http token = station.token(name);
      Http browser = station.browser(name);

      admin.patch("/api/users/" + name, j("{'disabled':true}"));

      assertThat(token.get("/api/me").json()).isEqualTo(json(UNAUTHENTICATED));
      assertThat(browser.get("/api/me").json()).isEqualTo(json(UNAUTHENTICATED));

      admin.patch("/api/users/" + name, j("{'disabled':false}"));

      assertThat(token.get("/api/me").status()).isEqualTo(401);
      assertThat(browser.get("/api/me").status()).isEqualTo(401);
      assertThat(login(name, PASSWORD, "token").status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{3}: {4}")
    @CsvSource(
        delimiter = '|',
        quoteCharacter = '`',
        value = {
          "{'name':'kissinger','clearance':'COSMIC'}"
              + "| 400 | INVALID | clearance"
              + "| \"COSMIC\" is not a classification: UNCLASSIFIED, CONFIDENTIAL, SECRET or TOP"
              + " SECRET",
          "{'name':'kissinger','clearance':'SECRET','roles':['STAFF','KING']}"
              + "| 400 | INVALID | roles"
              + "| \"KING\" is not a role; the roles are [PRINCIPAL, STAFF, DUTY_OFFICER,"
              + " RECORDS_OFFICER, ADMINISTRATOR]",
          "{'name':'kissinger','clearance':'SECRET','timeZone':'Mars/Olympus'}"
              + "| 400 | INVALID | timeZone"
              + "| \"Mars/Olympus\" is not a time zone such as UTC or America/New_York",
          "{'name':'kissinger','clearance':'SECRET','officeHours':'9 to 5'}"
              + "| 400 | INVALID | officeHours"
              + "| officeHours: \"9 to 5\" is not office hours like 08:00-18:00 MON-FRI or"
              + " 09:00-17:00 MON,WED",
          "{'name':'kissinger','clearance':'SECRET','officeHours':'18:00-08:00 MON-FRI'}"
              + "| 400 | INVALID | officeHours"
              + "| officeHours: the start 18:00 must be before the end 08:00",
          "{'name':'kissinger','clearance':'SECRET','email':'hak@example.org'}"
              + "| 400 | INVALID | email"
              + "| unknown field email; this request takes addressedAs, caveats, clearance,"
              + " disabled, name, officeHours, password, roles, timeZone",
          "{'name':'kissinger','clearance':'SECRET','disabled':true}"
              + "| 400 | INVALID | disabled | a new user cannot be created disabled",
          "{'name':'kissinger'} | 400 | INVALID | clearance | clearance is required",
          "{'clearance':'SECRET'} | 400 | INVALID | name | name is required",
          "{'name':'kissinger','clearance':'SECRET','roles':'STAFF'}"
              + "| 400 | INVALID | roles | roles must be an array of strings, not \"STAFF\"",
          "{'name':'HAIG','clearance':'SECRET'}"
              + "| 409 | CONFLICT | name | a user named HAIG exists already",
          "{'name':' kissinger','clearance':'SECRET'}"
              + "| 400 | INVALID | name"
              + "| a user name must be 1 to 100 characters without surrounding spaces:"
              + " \" kissinger\""
        })
    void aBadNewUserIsRefusedNamingTheFieldAndStoresNothing(
        String body, int status, String code, String field, String message) {
      int users = station.store.users().size();
      long before = lastEventId();

      assertError(admin.post("/api/users", j(body)), status, code, field, message);
      assertThat(station.store.user("kissinger")).isEmpty();
      assertThat(station.store.users()).hasSize(users);
      assertThat(station.store.events(before, 1000)).isEmpty();
    }

    @Test
    void anUnknownCaveatIsRefusedNamingTheCaveatsTheStationKnows() {
      Http.Answer a =
          admin.post(
              "/api/users",
              j("{'name':'kissinger','clearance':'SECRET','caveats':['NODIS','TALENT']}"));

      assertThat(a.status()).isEqualTo(400);
      assertThat(a.json().get("code").asText()).isEqualTo("INVALID");
      assertThat(a.json().get("field").asText()).isEqualTo("caveats");
      assertThat(a.json().get("message").asText())
          .startsWith("\"TALENT\" is not a caveat of this station; it knows ")
          .contains("NODIS", "OUTSIDE THE SYSTEM", "UMBRA")
          // the station's vocabulary, not a Java object's toString
          .doesNotContain("CaveatRegistry");
      assertThat(station.store.user("kissinger")).isEmpty();
    }

    @Test
    void aMalformedCaveatIsReportedAgainstTheCaveatsField() {
      Http.Answer a =
          admin.post(
              "/api/users", j("{'name':'kissinger','clearance':'SECRET','caveats':['NO-DIS']}"));

      assertThat(a.status()).isEqualTo(400);
      assertThat(a.json().get("code").asText()).isEqualTo("INVALID");
      assertThat(a.json().get("field").asText()).isEqualTo("caveats");
      assertThat(station.store.user("kissinger")).isEmpty();
    }

    @ParameterizedTest(name = "{1}: {4}")
    @CsvSource(
        delimiter = '|',
        quoteCharacter = '`',
        value = {
          "haig   | {'clearance':'COSMIC'} | 400 | INVALID | clearance"
              + "| \"COSMIC\" is not a classification: UNCLASSIFIED, CONFIDENTIAL, SECRET or TOP"
              + " SECRET",
          "haig   | {'disabled':'yes'} | 400 | INVALID | disabled"
              + "| disabled must be true or false, not \"yes\"",
          "haig   | {'password':'a long new password'} | 400 | INVALID | password"
              + "| a user's name and password cannot be changed here",
          "haig   | {'name':'alexander'} | 400 | INVALID | name"
              + "| a user's name and password cannot be changed here",
          "haig   | {'timeZone':'Nowhere/Else'} | 400 | INVALID | timeZone"
              + "| \"Nowhere/Else\" is not a time zone such as UTC or America/New_York",
          "haig   | {'officeHours':'08:00-18:00 FRI-MON'} | 400 | INVALID | officeHours"
              + "| officeHours: the days FRI-MON in \"08:00-18:00 FRI-MON\" run backwards",
          "haig   | {'roles':['EMPEROR']} | 400 | INVALID | roles"
              + "| \"EMPEROR\" is not a role; the roles are [PRINCIPAL, STAFF, DUTY_OFFICER,"
              + " RECORDS_OFFICER, ADMINISTRATOR]",
          "haig   | {'clearance':'SECRET','shoeSize':44} | 400 | INVALID | shoeSize"
              + "| unknown field shoeSize; this request takes addressedAs, caveats, clearance,"
              + " disabled, name, officeHours, password, roles, timeZone",
          "nobody | {'clearance':'SECRET'} | 404 | NOT_FOUND | name | there is no user nobody"
        })
    void aBadChangeIsRefusedNamingTheFieldAndChangesNothing(
        String user, String body, int status, String code, String field, String message) {
      UserInfo before = station.store.user("haig").orElseThrow();
      long lastEvent = lastEventId();

      assertError(admin.patch("/api/users/" + user, j(body)), status, code, field, message);
      assertThat(station.store.user("haig")).contains(before);
      assertThat(station.store.events(lastEvent, 1000)).isEmpty();
    }

    @Test
    void twoUsersCannotBeAddressedByTheSameName() {
      // the access policy takes the name cables address a user by as his identity as a named
      // reader (G3): a second user addressed alike would read the first one's cables
      String haig = user(Classification.SECRET);
      String other = unique("alexander");
      String third = user(Classification.SECRET);
      long before = lastEventId();

      Http.Answer created =
          admin.post(
              "/api/users",
              j("{'name':'" + other + "','clearance':'SECRET','addressedAs':'" + haig + "'}"));
      Http.Answer changed = admin.patch("/api/users/" + third, j("{'addressedAs':'" + haig + "'}"));

      assertThat(created.status()).as(created.body()).isEqualTo(409);
      assertThat(created.json().get("code").asText()).isEqualTo("CONFLICT");
      assertThat(created.json().get("field").asText()).isEqualTo("addressedAs");
      assertThat(changed.status()).as(changed.body()).isEqualTo(409);
      assertThat(changed.json().get("field").asText()).isEqualTo("addressedAs");
      assertThat(station.store.user(other)).isEmpty();
      assertThat(station.store.user(third).orElseThrow().addressedAs())
          .isEqualTo(third.toUpperCase(Locale.ROOT));
      assertThat(station.store.events(before, 1000)).isEmpty();
    }

    @Test
    void anEmptyChangeIsRefused() {
      Http.Answer a = admin.patch("/api/users/haig", "{}");

      assertThat(a.status()).isEqualTo(400);
      assertThat(a.json().get("code").asText()).isEqualTo("INVALID");
      assertThat(a.json().get("message").asText()).isEqualTo("nothing to change for user haig");
    }
  }

  @Nested
  @TestInstance(Lifecycle.PER_CLASS)
  class Channels {
    Http admin;

    @BeforeAll
    void start(@TempDir Path dir) {
      station = TestStation.start(dir);
      admin = station.token("admin");
    }

    @AfterAll
    void stop() {
      station.close();
    }

    private String channel() {
      String name = unique("backchannel");
      Http.Answer a = admin.post("/api/channels", j("{'name':'" + name + "','ends':['HAK','WH']}"));
      assertThat(a.status()).as(a.body()).isEqualTo(201);
      return name;
    }

    private String member(String channel, String end, String user) {
      return "/api/channels/" + channel + "/ends/" + end + "/members/" + user;
    }

    @Test
    void anAdministratorCreatesAChannelWithItsTwoEnds() {
      String name = unique("backchannel");

      Http.Answer a = admin.post("/api/channels", j("{'name':'" + name + "','ends':['HAK','WH']}"));

      assertThat(a.status()).as(a.body()).isEqualTo(201);
      JsonNode expected =
          json(
              "{'name':'"
                  + name
                  + "','ends':[{'channel':'"
                  + name
                  + "','name':'HAK','secondApproval':false,'members':[]},{'channel':'"
                  + name
                  + "','name':'WH','secondApproval':false,'members':[]}]}");
      assertThat(a.json()).isEqualTo(expected);
      assertThat(admin.get("/api/channels").json()).contains(expected);
    }

    @Test
    void aChannelNeedsTwoEndsOfTwoNamesAndAFreeName() {
      String taken = channel();

      assertError(
          admin.post("/api/channels", j("{'name':'other','ends':['HAK']}")),
          400,
          "INVALID",
          "ends",
          "a channel has exactly two ends, not 1");
      assertError(
          admin.post(
              "/api/channels",
              j("{'name':'" + taken.toUpperCase(Locale.ROOT) + "','ends':['A','B']}")),
          409,
          "CONFLICT",
          "name",
          "a channel named " + taken.toUpperCase(Locale.ROOT) + " exists already");
      assertError(
          admin.post("/api/channels", j("{'name':'other','ends':['HAK','hak']}")),
          400,
          "INVALID",
          "ends",
          "the two ends of a channel need two names; both are HAK");
      assertThat(station.store.channel("other")).isEmpty();
    }

    @Test
    void aMemberIsPutWithReleaseAuthority() {
      String channel = channel();
      String kissinger = user(Classification.TOP_SECRET);

      Http.Answer a = admin.put(member(channel, "HAK", kissinger), j("{'releaseAuthority':true}"));

      assertThat(a.status()).as(a.body()).isEqualTo(200);
      assertThat(a.json())
          .isEqualTo(
              json(
                  "{'channel':'"
                      + channel
                      + "','name':'HAK','secondApproval':false,"
                      + "'members':[{'user':'"
                      + kissinger
                      + "','releaseAuthority':true}]}"));
      assertThat(station.token(kissinger).get("/api/me").json().get("ends"))
          .isEqualTo(json("[{'channel':'" + channel + "','end':'HAK','releaseAuthority':true}]"));
    }

    @Test
    void aMemberPutWithoutABodyHasNoReleaseAuthority() {
      String channel = channel();
      String scowcroft = user(Classification.SECRET);

      Http.Answer a = admin.put(member(channel, "WH", scowcroft), null);

      assertThat(a.status()).as(a.body()).isEqualTo(200);
      assertThat(a.json().get("members"))
          .isEqualTo(json("[{'user':'" + scowcroft + "','releaseAuthority':false}]"));
    }

    @Test
    void aUserCannotBeAMemberOfBothEnds() {
      String channel = channel();
      String kissinger = user(Classification.TOP_SECRET);
      admin.put(member(channel, "HAK", kissinger), null);

      assertError(
          admin.put(member(channel, "WH", kissinger), null),
          409,
          "CONFLICT",
          "user",
          kissinger
              + " is a member of the other end HAK of channel "
              + channel
              + "; a user belongs to one end of a channel");
      assertThat(station.store.ends(channel))
          .extracting(EndInfo::name, e -> e.members().size())
          .containsExactly(tuple("HAK", 1), tuple("WH", 0));
    }

    @Test
    void aMemberIsRemovedAndMayThenJoinTheOtherEnd() {
      String channel = channel();
      String kissinger = user(Classification.TOP_SECRET);
      admin.put(member(channel, "HAK", kissinger), null);

      Http.Answer a = admin.delete(member(channel, "HAK", kissinger));

      assertThat(a.status()).as(a.body()).isEqualTo(200);
      assertThat(a.json().get("members")).isEqualTo(json("[]"));
      assertError(
          admin.delete(member(channel, "HAK", kissinger)),
          404,
          "NOT_FOUND",
          "user",
          kissinger + " is not a member of end HAK of channel " + channel);
      assertThat(admin.put(member(channel, "WH", kissinger), null).status()).isEqualTo(200);
    }

    @Test
    void unknownChannelsEndsAndUsersAreNotFound() {
      String channel = channel();
      String kissinger = user(Classification.TOP_SECRET);

      assertError(
          admin.put(member("nowhere", "HAK", kissinger), null),
          404,
          "NOT_FOUND",
          "channel",
          "there is no channel nowhere");
      assertError(
          admin.put(member(channel, "MOSCOW", kissinger), null),
          404,
          "NOT_FOUND",
          "end",
          "channel " + channel + " has no end MOSCOW; its ends are HAK and WH");
      assertError(
          admin.put(member(channel, "HAK", "nobody"), null),
          404,
          "NOT_FOUND",
          "user",
          "there is no user nobody");
    }

    @Test
    void anEndIsSetToNeedASecondApproval() {
      String channel = channel();

      Http.Answer a =
          admin.patch("/api/channels/" + channel + "/ends/WH", j("{'secondApproval':true}"));

      assertThat(a.status()).as(a.body()).isEqualTo(200);
      assertThat(a.json())
          .isEqualTo(
              json("{'channel':'" + channel + "','name':'WH','secondApproval':true,'members':[]}"));
      assertThat(station.store.ends(channel))
          .extracting(EndInfo::name, EndInfo::secondApproval)
          .containsExactly(tuple("HAK", false), tuple("WH", true));
      assertError(
          admin.patch("/api/channels/" + channel + "/ends/WH", "{}"),
          400,
          "INVALID",
          "secondApproval",
          "secondApproval is required");
    }

    @Test
    void anExchangeIsCreatedAndListedToMembersOnly() {
      String channel = channel();
      String kissinger = user(Classification.TOP_SECRET);
      String haig = user(Classification.TOP_SECRET);
      String scowcroft = user(Classification.TOP_SECRET);
      admin.put(member(channel, "HAK", kissinger), null);
      admin.put(member(channel, "WH", haig), null);
      String name = unique("HAKTO-TOHAK");

      Http.Answer a =
          admin.post(
              "/api/exchanges",
              j(
                  "{'name':'"
                      + name
                      + "','channel':'"
                      + channel
                      + "','series':['HAKTO:HAK','TOHAK:WH']}"));

      assertThat(a.status()).as(a.body()).isEqualTo(201);
      JsonNode exchange =
          json(
              "{'name':'"
                  + name
                  + "','channel':'"
                  + channel
                  + "','series':["
                  + "{'name':'HAKTO','sendingEnd':'HAK'},{'name':'TOHAK','sendingEnd':'WH'}]}");
      assertThat(a.json()).isEqualTo(exchange);
      assertThat(station.token(kissinger).get("/api/exchanges").json())
          .isEqualTo(JSON.createArrayNode().add(exchange));
      assertThat(station.token(haig).get("/api/exchanges").json())
          .isEqualTo(JSON.createArrayNode().add(exchange));
      assertThat(station.token(scowcroft).get("/api/exchanges").json()).isEqualTo(json("[]"));
      assertThat(admin.get("/api/exchanges").json()).contains(exchange);
    }

    @Test
    void aBadExchangeIsRefused() {
      String channel = channel();
      int exchanges = station.store.exchanges().size();

      assertError(
          admin.post(
              "/api/exchanges",
              j("{'name':'X','channel':'" + channel + "','series':['HAKTO:HAK']}")),
          400,
          "INVALID",
          "series",
          "an exchange has two series written SERIES:END (HAKTO:HAK), not 1");
      assertError(
          admin.post(
              "/api/exchanges",
              j("{'name':'X','channel':'" + channel + "','series':['HAKTO','TOHAK:WH']}")),
          400,
          "INVALID",
          "series",
          "\"HAKTO\" is not SERIES:END, the series and the end that sends it");
      assertError(
          admin.post(
              "/api/exchanges",
              j("{'name':'X','channel':'" + channel + "','series':['HAKTO:HAK','TOHAK:HAK']}")),
          400,
          "INVALID",
          "sendingEnd",
          "each end sends one series; both series are sent by HAK");
      assertError(
          admin.post(
              "/api/exchanges",
              j("{'name':'X','channel':'nowhere','series':['HAKTO:HAK','TOHAK:WH']}")),
          404,
          "NOT_FOUND",
          "channel",
          "no channel named nowhere");
      assertThat(station.store.exchanges()).hasSize(exchanges);
    }
  }

  @Nested
  class Caveats {
    Http admin;

    @BeforeEach
    void start(@TempDir Path dir) {
      station = TestStation.start(dir);
      admin = station.token("admin");
    }

    @AfterEach
    void stop() {
      station.close();
    }

    @Test
    void aCaveatIsAddedAndListedToEveryUser() {
      station.user("scowcroft", Classification.SECRET, Set.of());

      Http.Answer a = admin.post("/api/caveats", j("{'name':'talent keyhole'}"));

      assertThat(a.status()).as(a.body()).isEqualTo(201);
      JsonNode registry =
          json(
              "['CHEROKEE','EXDIS','LIMDIS','NODIS','NOFORN','ORCON','OUTSIDE THE SYSTEM',"
                  + "'SENSITIVE','SPECAT','TALENT KEYHOLE','UMBRA']");
      assertThat(a.json()).isEqualTo(registry);
      assertThat(station.token("scowcroft").get("/api/caveats").json()).isEqualTo(registry);
      assertThat(
              admin
                  .post(
                      "/api/users",
                      j("{'name':'brzezinski','clearance':'SECRET','caveats':['TALENT KEYHOLE']}"))
                  .status())
          .isEqualTo(201);
    }

    @Test
    void aCaveatThatIsAWordPrefixOfAnotherIsRefused() {
      admin.post("/api/caveats", j("{'name':'TALENT KEYHOLE'}"));
      long before = lastEventId();

      Http.Answer shorter = admin.post("/api/caveats", j("{'name':'TALENT'}"));
      Http.Answer longer = admin.post("/api/caveats", j("{'name':'TALENT KEYHOLE RUFF'}"));

      assertThat(shorter.status()).isEqualTo(400);
      assertThat(shorter.json().get("code").asText()).isEqualTo("INVALID");
      assertThat(shorter.json().get("message").asText())
          .isEqualTo("caveat TALENT is a word-prefix of caveat TALENT KEYHOLE: ambiguous labels");
      assertThat(longer.status()).isEqualTo(400);
      assertThat(longer.json().get("message").asText())
          .isEqualTo(
              "caveat TALENT KEYHOLE is a word-prefix of caveat TALENT KEYHOLE RUFF:"
                  + " ambiguous labels");
      assertThat(station.store.caveats().contains(new Caveat("TALENT"))).isFalse();
      assertThat(station.store.caveats().contains(new Caveat("TALENT KEYHOLE RUFF"))).isFalse();
      assertThat(admin.get("/api/caveats").json()).hasSize(11);
      assertThat(station.store.events(before, 1000)).isEmpty();
    }

    @Test
    void aCaveatRegisteredAlreadyIsAConflict() {
      assertError(
          admin.post("/api/caveats", j("{'name':'nodis'}")),
          409,
          "CONFLICT",
          "caveat",
          "the caveat NODIS is registered already");
    }
  }

  @Nested
  class Events {
    @BeforeEach
    void start(@TempDir Path dir) {
      station = TestStation.start(dir);
    }

    @AfterEach
    void stop() {
      station.close();
    }

    @Test
    void everyChangeIsAnEventWithTheActingUserAsActor() {
      long before = lastEventId();
      Http admin = station.token("admin");
      admin.post(
          "/api/users", j("{'name':'haig','clearance':'SECRET','password':'a long password'}"));
      admin.patch("/api/users/haig", j("{'clearance':'TOP SECRET'}"));
      String setupToken =
          admin
              .post("/api/users", j("{'name':'kissinger','clearance':'TOP SECRET'}"))
              .json()
              .get("setupToken")
              .asText();
      Http.Answer setUp =
          station
              .anonymous()
              .post(
                  "/api/setup",
                  j(
                      "{'name':'kissinger','setupToken':'"
                          + setupToken
                          + "','password':'a long password','kind':'token'}"));
      Http kissinger =
          station.anonymous().with("Authorization", "Bearer " + setUp.json().get("token").asText());
      admin.post("/api/caveats", j("{'name':'TALENT KEYHOLE'}"));
      admin.post("/api/channels", j("{'name':'backchannel','ends':['HAK','WH']}"));
      admin.put("/api/channels/backchannel/ends/HAK/members/kissinger", null);
      admin.put("/api/channels/backchannel/ends/WH/members/haig", null);
      admin.patch("/api/channels/backchannel/ends/WH", j("{'secondApproval':true}"));
      admin.post(
          "/api/exchanges",
          j("{'name':'HAKTO-TOHAK','channel':'backchannel','series':['HAKTO:HAK','TOHAK:WH']}"));
      admin.delete("/api/channels/backchannel/ends/WH/members/haig");
      // refused requests leave no event
      assertThat(admin.post("/api/users", j("{'name':'HAIG','clearance':'SECRET'}")).status())
          .isEqualTo(409);
      assertThat(admin.post("/api/caveats", j("{'name':'TALENT'}")).status()).isEqualTo(400);
      assertThat(login("haig", WRONG, "token").status()).isEqualTo(401);
      assertThat(kissinger.post("/api/logout", null).status()).isEqualTo(204);
      assertThat(admin.post("/api/logout", null).status()).isEqualTo(204);

      assertThat(station.store.events(before, 1000))
          .extracting(StoredEvent::kind, StoredEvent::actor)
          .containsExactly(
              tuple("LOGIN", "admin"),
              tuple("USER_CREATED", "admin"),
              tuple("USER_CHANGED", "admin"),
              tuple("USER_CREATED", "admin"),
              tuple("PASSWORD_SET", "kissinger"),
              tuple("LOGIN", "kissinger"),
              tuple("CAVEAT_ADDED", "admin"),
              tuple("CHANNEL_CREATED", "admin"),
              tuple("MEMBER_PUT", "admin"),
              tuple("MEMBER_PUT", "admin"),
              tuple("END_CHANGED", "admin"),
              tuple("EXCHANGE_CREATED", "admin"),
              tuple("MEMBER_REMOVED", "admin"),
              tuple("LOGOUT", "kissinger"),
              tuple("LOGOUT", "admin"));
    }

    @Test
    void eventsHoldNoSecrets() {
      long before = lastEventId();
      Http admin = station.token("admin");
      String setupToken =
          admin
              .post("/api/users", j("{'name':'kissinger','clearance':'TOP SECRET'}"))
              .json()
              .get("setupToken")
              .asText();
      Http.Answer setUp =
          station
              .anonymous()
              .post(
                  "/api/setup",
                  j(
                      "{'name':'kissinger','setupToken':'"
                          + setupToken
                          + "','password':'a long password','kind':'token'}"));
      String token = setUp.json().get("token").asText();

      assertThat(station.store.events(before, 1000))
          .extracting(StoredEvent::data)
          .hasSize(4)
          .allSatisfy(
              data ->
                  assertThat(data).doesNotContain(setupToken, token, "a long password", PASSWORD));
    }
  }

  // ---- helpers ----

  /** A name no other test of the shared station uses. */
  private static String unique(String base) {
    return base + NAMES.incrementAndGet();
  }

  /** A new user with the test password and no roles. */
  private String user(Classification level) {
    String name = unique("user");
    station.user(name, level, Set.of());
    return name;
  }

  private Http.Answer login(String name, String password, String kind) {
    return station.anonymous().post("/api/login", loginBody(name, password, kind));
  }

  private static String loginBody(String name, String password, String kind) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", name).put("password", password).put("kind", kind);
    return o.toString();
  }

  private long lastEventId() {
    List<StoredEvent> all = station.store.events(0, 100_000);
    return all.isEmpty() ? 0 : all.getLast().id();
  }

  /** JSON written with single quotes, for readability. */
  private static String j(String text) {
    return text.replace('\'', '"');
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(j(text));
    } catch (JsonProcessingException e) {
      throw new AssertionError("bad JSON in the test: " + text, e);
    }
  }

  private static void assertError(
      Http.Answer a, int status, String code, String field, String message) {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    ObjectNode expected = JSON.createObjectNode();
    expected.put("code", code).put("message", message).put("field", field);
    assertThat(a.json()).isEqualTo(expected);
  }
}
