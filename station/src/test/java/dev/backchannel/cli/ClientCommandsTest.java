package dev.backchannel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.cable.Classification;
import dev.backchannel.server.Http;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.EndInfo;
import dev.backchannel.store.Role;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoredEvent;
import dev.backchannel.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands of DESIGN 5.1 ({@code login}, {@code logout}, {@code user}, {@code end},
 * {@code caveat}, {@code channel list}, {@code exchange list}, and {@code channel create} and
 * {@code exchange create} through a station) run in-process against a real station served over HTTP
 * on a real SQLite file: their lines on stdout and stderr, their exit codes (0 done; 1 unreachable;
 * 2 bad input; 3 not logged in, not allowed or not found; 4 conflict), the login file they keep,
 * and what they leave in the station.
 */
class ClientCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The test station's clock stands at 2026-11-25T09:00:00Z; a token lasts 30 days. */
  private static final String TOKEN_EXPIRY = "2026-12-25T09:00:00Z";

  private static final String LOGIN_FAILED = "LOGIN_FAILED: the name or the password is wrong";

  private static final String FORBIDDEN = "FORBIDDEN: this needs the role ADMINISTRATOR";

  private static final String UNAUTHENTICATED =
      "UNAUTHENTICATED: log in first: no valid session or token came with the request";

  private static final String UNREACHABLE = "http://127.0.0.1:1";

  @TempDir Path dir;

  private TestStation station;
  private String url;
  private Path config;
  private Path data;
  private Path passwordFile;
  private Map<String, String> env;

  @BeforeEach
  void startAStationAndATemporaryHome() throws IOException {
    station = TestStation.start(Files.createDirectories(dir.resolve("station")));
    url = "http://127.0.0.1:" + station.server.port();
    config = dir.resolve("config");
    data = dir.resolve("data");
    passwordFile = file("password.txt", TestStation.PASSWORD + "\n");
    env = environment(config);
  }

  @AfterEach
  void stopTheStation() {
    station.close();
  }

  // ---- helpers ----

  /** A user's environment: a temporary home, his own config folder, a cheap Argon2id. */
  private Map<String, String> environment(Path configHome) throws IOException {
    Map<String, String> e = new HashMap<>();
    e.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
    e.put("XDG_CONFIG_HOME", configHome.toString());
    e.put("XDG_DATA_HOME", data.toString());
    e.put("BACKCHANNEL_ARGON2_MEMORY_KIB", "64");
    e.put("BACKCHANNEL_ARGON2_ITERATIONS", "1");
    return e;
  }

  /** Runs the command line with the administrator's environment. */
  private CliRun run(String... args) {
    return CliRun.of(env, args);
  }

  private CliRun runWith(Map<String, String> extra, String... args) {
    Map<String, String> e = new HashMap<>(env);
    e.putAll(extra);
    return CliRun.of(e, args);
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private Path loginFile() {
    return config.resolve("backchannel").resolve("login.json");
  }

  private static void assertDone(CliRun run) {
    assertThat(run.err()).as("stderr").isEmpty();
    assertThat(run.exit()).as("exit code").isZero();
  }

  private static void assertFailed(CliRun run, int exit, String errorLine) {
    assertThat(run.err()).as("stderr").isEqualTo(errorLine + "\n");
    assertThat(run.out()).as("stdout").isEmpty();
    assertThat(run.exit()).as("exit code").isEqualTo(exit);
  }

  /** Logs the administrator in with his password file and keeps his token. */
  private void loginAsAdmin() {
    assertDone(
        run("login", "--url", url, "--user", "admin", "--password-file", passwordFile.toString()));
  }

  /**
   * The environment of another user logged in with the test password in his own config folder, so
   * that the administrator's login stays.
   */
  private Map<String, String> loggedInAs(String name) throws IOException {
    Map<String, String> his = environment(dir.resolve("config-" + name));
    assertDone(
        CliRun.of(
            his,
            "login",
            "--url",
            url,
            "--user",
            name,
            "--password-file",
            passwordFile.toString()));
    return his;
  }

  /** The current login kept in the login file. */
  private JsonNode saved() throws IOException {
    JsonNode file = JSON.readTree(Files.readString(loginFile(), StandardCharsets.UTF_8));
    for (JsonNode login : file.path("logins")) {
      if (login.path("user").equals(file.path("current").path("user"))
          && login.path("url").equals(file.path("current").path("url"))) {
        return login;
      }
    }
    throw new AssertionError("no current login in " + file);
  }

  /** The station's answer to {@code GET /api/me} with a bearer token. */
  private int meWith(String token) {
    Http http = station.anonymous().with("Authorization", "Bearer " + token);
    return http.get("/api/me").status();
  }

  /** Adds kissinger without a password and returns his one-time set-up token. */
  private String addKissingerWithASetupToken() {
    CliRun run = run("user", "add", "kissinger", "--clearance", "TOP SECRET");
    assertDone(run);
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(3);
    return lines.get(2);
  }

  private List<StoredEvent> events(Store store, String kind) {
    return store.events(0, 10_000).stream().filter(e -> e.kind().equals(kind)).toList();
  }

  /** Channel BC with ends HAK and WH, made through the station by the logged-in administrator. */
  private void channelBc() {
    assertDone(run("channel", "create", "BC", "HAK", "WH"));
  }

  // ---- login ----

  @Test
  void loginWithUrlUserAndPasswordFilePrintsTheStationUserExpiryAndWhereTheTokenIsKept() {
    CliRun run =
        run("login", "--url", url, "--user", "admin", "--password-file", passwordFile.toString());

    assertDone(run);
    assertThat(run.out().lines())
        .containsExactly(
            "Logged in to "
                + url
                + " as admin until "
                + TOKEN_EXPIRY
                + "; token kept in "
                + loginFile());
  }

  @Test
  void loginWithJsonPrintsTheStationUserExpiryAndTokenFileButNotTheToken() {
    CliRun run =
        run(
            "login",
            "--url",
            url,
            "--user",
            "admin",
            "--password-file",
            passwordFile.toString(),
            "--json");

    assertDone(run);
    assertThat(run.out())
        .isEqualTo(
            "{\"url\":\""
                + url
                + "\",\"user\":\"admin\",\"expiresAt\":\""
                + TOKEN_EXPIRY
                + "\",\"tokenFile\":\""
                + loginFile()
                + "\"}\n");
  }

  @Test
  void loginKeepsTheUrlUserAndAWorkingTokenButNotThePasswordInAnOwnerOnlyFile() throws Exception {
    loginAsAdmin();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(loginFile())))
        .isEqualTo("rw-------");
    JsonNode saved = saved();
    assertThat(saved.path("url").asText()).isEqualTo(url);
    assertThat(saved.path("user").asText()).isEqualTo("admin");
    assertThat(saved.path("expiresAt").asText()).isEqualTo(TOKEN_EXPIRY);
    assertThat(saved.path("token").asText()).matches("[A-Za-z0-9_-]{43}");
    assertThat(meWith(saved.path("token").asText())).isEqualTo(200);
    assertThat(Files.readString(loginFile(), StandardCharsets.UTF_8))
        .doesNotContain(TestStation.PASSWORD);
    assertThat(loginFile().resolveSibling("login.json.new")).doesNotExist();
  }

  @Test
  void loginTakesThePasswordFromBackchannelPasswordAndTheUserFromBackchannelUser() {
    CliRun run =
        runWith(
            Map.of("BACKCHANNEL_USER", "admin", "BACKCHANNEL_PASSWORD", TestStation.PASSWORD),
            "login",
            "--url",
            url);

    assertDone(run);
    assertThat(run.out()).startsWith("Logged in to " + url + " as admin until ");
    assertThat(loginFile()).exists();
  }

  @Test
  void loginWithAWrongPasswordExitsThreeWithLoginFailedAndWritesNoFile() throws IOException {
    Path wrong = file("wrong.txt", "not the password at all\n");

    CliRun run = run("login", "--url", url, "--user", "admin", "--password-file", wrong.toString());

    assertFailed(run, 3, LOGIN_FAILED);
    assertThat(loginFile()).doesNotExist();
    assertThat(config.resolve("backchannel").resolve("login.json.new")).doesNotExist();
  }

  @Test
  void loginAsAnUnknownUserAnswersTheSameAsAWrongPassword() {
    CliRun run =
        run("login", "--url", url, "--user", "nobody", "--password-file", passwordFile.toString());

    assertFailed(run, 3, LOGIN_FAILED);
    assertThat(loginFile()).doesNotExist();
  }

  @Test
  void loginWithoutUserExitsTwoWithAUsageLine() {
    CliRun run = run("login", "--url", url, "--password-file", passwordFile.toString());

    assertFailed(run, 2, "USAGE: give --user NAME (or set BACKCHANNEL_USER)");
    assertThat(loginFile()).doesNotExist();
  }

  @Test
  void loginWithAMissingPasswordFileExitsTwoWithAUsageLine() {
    CliRun run =
        run(
            "login",
            "--url",
            url,
            "--user",
            "admin",
            "--password-file",
            dir.resolve("no-such-file").toString());

    assertFailed(
        run,
        2,
        "USAGE: no password: give --password-file, set BACKCHANNEL_PASSWORD, or type it on a"
            + " terminal");
  }

  @Test
  void loginToAnUnreachableStationExitsOneWithUnavailableAndWritesNoFile() {
    CliRun run =
        run(
            "login",
            "--url",
            UNREACHABLE,
            "--user",
            "admin",
            "--password-file",
            passwordFile.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("UNAVAILABLE: cannot reach the station at " + UNREACHABLE);
    assertThat(loginFile()).doesNotExist();
  }

  // ---- set-up tokens ----

  @Test
  void userAddWithoutAPasswordPrintsTheUserAndAOneTimeSetupToken() {
    loginAsAdmin();

    CliRun run = run("user", "add", "kissinger", "--clearance", "TOP SECRET");

    assertDone(run);
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .isEqualTo("User kissinger created: TOP SECRET; no roles; UTC; 08:00-18:00 MON-FRI");
    assertThat(lines.get(1))
        .isEqualTo(
            "One-time set-up token (shown once; backchannel login --user kissinger --setup-token"
                + " TOKEN):");
    assertThat(lines.get(2)).matches("[A-Za-z0-9_-]{43}");
  }

  @Test
  void loginWithTheSetupTokenSetsTheNewPasswordLogsInAndUsesTheTokenUp() throws IOException {
    loginAsAdmin();
    String token = addKissingerWithASetupToken();
    Map<String, String> his = environment(dir.resolve("config-kissinger"));
    his.put("BACKCHANNEL_PASSWORD", "his own new password");
    Path hisLogin = dir.resolve("config-kissinger").resolve("backchannel").resolve("login.json");

    CliRun first =
        CliRun.of(his, "login", "--url", url, "--user", "kissinger", "--setup-token", token);

    assertDone(first);
    assertThat(first.out().lines())
        .containsExactly(
            "Logged in to "
                + url
                + " as kissinger until "
                + TOKEN_EXPIRY
                + "; token kept in "
                + hisLogin);
    Files.delete(hisLogin);
    assertDone(CliRun.of(his, "login", "--url", url, "--user", "kissinger"));

    CliRun second =
        CliRun.of(his, "login", "--url", url, "--user", "kissinger", "--setup-token", token);

    assertFailed(second, 3, LOGIN_FAILED);
  }

  @Test
  void loginWithTheSetupTokenRefusesAShortPasswordWithExitTwoAndKeepsTheToken() throws IOException {
    loginAsAdmin();
    String token = addKissingerWithASetupToken();
    Map<String, String> his = environment(dir.resolve("config-kissinger"));

    CliRun shortOne =
        CliRun.of(
            his,
            "login",
            "--url",
            url,
            "--user",
            "kissinger",
            "--setup-token",
            token,
            "--password-file",
            file("short.txt", "hunter2\n").toString());

    assertFailed(shortOne, 2, "INVALID: a password must be 12 to 1024 characters; this one has 7");
    his.put("BACKCHANNEL_PASSWORD", "his own new password");
    assertDone(
        CliRun.of(his, "login", "--url", url, "--user", "kissinger", "--setup-token", token));
  }

  // ---- users ----

  @Test
  void userAddWithAPasswordFileCreatesAUserWhoCanLogInAndPrintsNoToken() throws IOException {
    loginAsAdmin();

    CliRun run =
        run(
            "user",
            "add",
            "haig",
            "--clearance",
            "secret",
            "--caveats",
            "SENSITIVE,NODIS",
            "--roles",
            "principal,staff",
            "--time-zone",
            "America/New_York",
            "--office-hours",
            "09:00-17:00 MON,WED",
            "--password-file",
            passwordFile.toString());

    assertDone(run);
    assertThat(run.out().lines())
        .containsExactly(
            "User haig created: SECRET; NODIS,SENSITIVE; PRINCIPAL,STAFF; America/New_York;"
                + " 09:00-17:00 MON,WED");
    assertThat(station.store.user("haig")).isPresent();
    loggedInAs("haig");
  }

  @Test
  void userListPrintsATableOfTheUsers() {
    loginAsAdmin();
    addKissingerWithASetupToken();

    CliRun run = run("user", "list");

    assertDone(run);
    String format = "%-9s  %-12s  %-12s  %-7s  %-13s  %-9s  %-19s  %s";
    assertThat(run.out().lines())
        .containsExactly(
            String.format(
                format,
                "NAME",
                "ADDRESSED AS",
                "CLEARANCE",
                "CAVEATS",
                "ROLES",
                "TIME ZONE",
                "HOURS",
                "STATE"),
            String.format(
                format,
                "admin",
                "ADMIN",
                "UNCLASSIFIED",
                "",
                "ADMINISTRATOR",
                "UTC",
                "08:00-18:00 MON-FRI",
                "active"),
            String.format(
                format,
                "kissinger",
                "KISSINGER",
                "TOP SECRET",
                "",
                "",
                "UTC",
                "08:00-18:00 MON-FRI",
                "active"));
  }

  @Test
  void userListWithJsonPrintsAnArrayOfTheUsersWithoutTheirSecrets() throws IOException {
    loginAsAdmin();
    addKissingerWithASetupToken();

    CliRun run = run("user", "list", "--json");

    assertDone(run);
    JsonNode users = JSON.readTree(run.out());
    assertThat(users.isArray()).isTrue();
    assertThat(users)
        .extracting(u -> u.path("name").asText())
        .containsExactly("admin", "kissinger");
    assertThat(users.get(1).path("clearance").asText()).isEqualTo("TOP SECRET");
    assertThat(run.out()).doesNotContain("setupToken").doesNotContain("password");
  }

  @Test
  void userSetChangesTheClearanceAndDisablingHimEndsHisTokenAndRefusesHisLogin()
      throws IOException {
    loginAsAdmin();
    station.user("kissinger", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    Map<String, String> his = loggedInAs("kissinger");

    CliRun run = run("user", "set", "kissinger", "--clearance", "SECRET", "--disabled", "true");

    assertDone(run);
    assertThat(run.out().lines())
        .containsExactly(
            "User kissinger now: SECRET; PRINCIPAL; UTC; 08:00-18:00 MON-FRI; disabled");
    assertThat(station.store.user("kissinger").orElseThrow().disabled()).isTrue();
    assertFailed(CliRun.of(his, "caveat", "list"), 3, UNAUTHENTICATED);
    assertFailed(
        CliRun.of(
            his,
            "login",
            "--url",
            url,
            "--user",
            "kissinger",
            "--password-file",
            passwordFile.toString()),
        3,
        LOGIN_FAILED);
  }

  @Test
  void userSetEnablesADisabledUserAgain() throws IOException {
    loginAsAdmin();
    station.user("kissinger", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    assertDone(run("user", "set", "kissinger", "--disabled", "true"));

    CliRun run = run("user", "set", "kissinger", "--disabled", "false");

    assertDone(run);
    assertThat(run.out().lines())
        .containsExactly("User kissinger now: TOP SECRET; PRINCIPAL; UTC; 08:00-18:00 MON-FRI");
    loggedInAs("kissinger");
  }

  @Test
  void userAddWithAnUnknownClearanceExitsTwoWithAnInvalidLine() {
    loginAsAdmin();

    CliRun run = run("user", "add", "nixon", "--clearance", "COSMIC");

    assertFailed(
        run,
        2,
        "INVALID: \"COSMIC\" is not a classification: UNCLASSIFIED, CONFIDENTIAL, SECRET or TOP"
            + " SECRET");
    assertThat(station.store.user("nixon")).isEmpty();
  }

  @Test
  void userSetWithBadValuesExitsTwoWithAnInvalidLineAndChangesNothing() {
    loginAsAdmin();
    station.user("kissinger", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);

    assertFailed(
        run("user", "set", "kissinger", "--time-zone", "Mars/Olympus_Mons"),
        2,
        "INVALID: \"Mars/Olympus_Mons\" is not a time zone such as UTC or America/New_York");
    assertFailed(
        run("user", "set", "kissinger", "--roles", "principal,king"),
        2,
        "INVALID: \"king\" is not a role; the roles are [PRINCIPAL, STAFF, DUTY_OFFICER,"
            + " RECORDS_OFFICER, ADMINISTRATOR]");
    assertFailed(
        run("user", "set", "kissinger", "--caveats", "COSMIC"),
        2,
        "INVALID: \"COSMIC\" is not a caveat of this station; it knows CHEROKEE, EXDIS, LIMDIS,"
            + " NODIS, NOFORN, ORCON, OUTSIDE THE SYSTEM, SENSITIVE, SPECAT, UMBRA");
    CliRun hours = run("user", "set", "kissinger", "--office-hours", "all day");
    assertThat(hours.exit()).isEqualTo(2);
    assertThat(hours.out()).isEmpty();
    assertThat(hours.err().lines())
        .singleElement()
        .asString()
        .startsWith("INVALID: ")
        .contains("\"all day\" is not office hours like 08:00-18:00 MON-FRI");

    assertThat(station.store.user("kissinger").orElseThrow().timeZone().getId()).isEqualTo("UTC");
    assertThat(station.store.user("kissinger").orElseThrow().roles())
        .containsExactly(Role.PRINCIPAL);
  }

  @Test
  void userAddWithoutClearanceOrUserSetWithoutASettingExitsTwoWithAUsageLine() {
    loginAsAdmin();

    assertFailed(run("user", "add", "nixon"), 2, "USAGE: give --clearance for a new user");
    assertFailed(
        run("user", "set", "admin"), 2, "USAGE: nothing to change: give at least one setting");
  }

  @Test
  void userSetOfAnUnknownUserExitsThreeWithNotFound() {
    loginAsAdmin();

    assertFailed(
        run("user", "set", "nixon", "--clearance", "SECRET"),
        3,
        "NOT_FOUND: there is no user nixon");
  }

  @Test
  void userAddOfAnExistingNameExitsFourWithAConflictLine() {
    loginAsAdmin();
    addKissingerWithASetupToken();

    assertFailed(
        run("user", "add", "kissinger", "--clearance", "SECRET"),
        4,
        "CONFLICT: a user named kissinger exists already");
  }

  @Test
  void aNonAdministratorIsRefusedUserListWithExitThreeAndForbidden() throws IOException {
    station.user("haig", Classification.SECRET, Set.of(), Role.PRINCIPAL);
    Map<String, String> his = loggedInAs("haig");

    assertFailed(CliRun.of(his, "user", "list"), 3, FORBIDDEN);
    assertFailed(CliRun.of(his, "channel", "create", "BC", "HAK", "WH"), 3, FORBIDDEN);
    assertThat(station.store.channel("BC")).isEmpty();
  }

  @Test
  void aClientCommandWithoutALoginExitsThreeAndSaysToLogIn() {
    assertFailed(run("user", "list", "--url", url), 3, UNAUTHENTICATED + "; run backchannel login");
  }

  @Test
  void aClientCommandToAnUnreachableStationExitsOneWithUnavailable() {
    CliRun run = run("user", "list", "--url", UNREACHABLE);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("UNAVAILABLE: cannot reach the station at " + UNREACHABLE);
  }

  // ---- channels, ends, exchanges, caveats ----

  @Test
  void channelCreateWithASavedLoginGoesThroughTheStationAsTheLoggedInUser() {
    loginAsAdmin();

    CliRun run = run("channel", "create", "BC", "HAK", "WH");

    assertDone(run);
    assertThat(run.out().lines()).containsExactly("Channel BC created with ends HAK and WH");
    assertThat(station.store.channel("BC").orElseThrow().ends()).containsExactly("HAK", "WH");
    assertThat(events(station.store, "CHANNEL_CREATED"))
        .singleElement()
        .extracting(StoredEvent::actor)
        .isEqualTo("admin");
  }

  @Test
  void channelCreateOfAnExistingChannelThroughTheStationExitsFourWithAConflictLine() {
    loginAsAdmin();
    channelBc();

    assertFailed(
        run("channel", "create", "BC", "HAK", "WH"),
        4,
        "CONFLICT: a channel named BC exists already");
  }

  @Test
  void endMemberMakesAUserAMemberAndPrintsTheEnd() {
    loginAsAdmin();
    station.user("kissinger", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    channelBc();

    CliRun run = run("end", "member", "BC", "HAK", "kissinger", "--release-authority");

    assertDone(run);
    assertThat(run.out().lines()).containsExactly("BC / HAK", "  kissinger (release authority)");
    assertThat(station.store.ends("BC").get(0).members())
        .containsExactly(new EndInfo.Member("kissinger", true));
  }

  @Test
  void endShowPrintsBothEndsWithTheirMembers() {
    loginAsAdmin();
    station.user("kissinger", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    station.user("haig", Classification.SECRET, Set.of(), Role.PRINCIPAL);
    channelBc();
    assertDone(run("end", "member", "BC", "HAK", "kissinger", "--release-authority"));
    assertDone(run("end", "member", "BC", "WH", "haig"));

    CliRun run = run("end", "show", "BC");

    assertDone(run);
    assertThat(run.out().lines())
        .containsExactly("BC / HAK", "  kissinger (release authority)", "BC / WH", "  haig");
  }

  @Test
  void endShowWithJsonPrintsTheEndsAsAnArray() throws IOException {
    loginAsAdmin();
    channelBc();

    CliRun run = run("end", "show", "BC", "--json");

    assertDone(run);
    JsonNode ends = JSON.readTree(run.out());
    assertThat(ends).extracting(e -> e.path("name").asText()).containsExactly("HAK", "WH");
  }

  @Test
  void endShowOfAnUnknownChannelExitsThreeWithNotFound() {
    loginAsAdmin();

    assertFailed(run("end", "show", "NOPE"), 3, "NOT_FOUND: there is no channel NOPE");
  }

  @Test
  void endMemberOfAUserOnTheOtherEndAlreadyExitsFourWithAConflictLine() {
    loginAsAdmin();
    station.user("kissinger", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    channelBc();
    assertDone(run("end", "member", "BC", "HAK", "kissinger"));

    CliRun run = run("end", "member", "BC", "WH", "kissinger");

    assertFailed(
        run,
        4,
        "CONFLICT: kissinger is a member of the other end HAK of channel BC; a user belongs to one"
            + " end of a channel");
    assertThat(station.store.ends("BC").get(1).members()).isEmpty();
  }

  @Test
  void endSetSecondApprovalMarksTheEnd() {
    loginAsAdmin();
    channelBc();

    CliRun run = run("end", "set", "BC", "WH", "--second-approval", "true");

    assertDone(run);
    assertThat(run.out().lines())
        .containsExactly("BC / WH (releases need a second approval)", "  no members");
    assertThat(station.store.ends("BC").get(1).secondApproval()).isTrue();
  }

  @Test
  void endRemoveTakesAUserOffTheEnd() {
    loginAsAdmin();
    station.user("kissinger", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    channelBc();
    assertDone(run("end", "member", "BC", "HAK", "kissinger", "--release-authority"));

    CliRun run = run("end", "remove", "BC", "HAK", "kissinger");

    assertDone(run);
    assertThat(run.out().lines()).containsExactly("BC / HAK", "  no members");
    assertThat(station.store.ends("BC").get(0).members()).isEmpty();
    assertThat(events(station.store, "MEMBER_REMOVED"))
        .singleElement()
        .extracting(StoredEvent::actor)
        .isEqualTo("admin");
  }

  @Test
  void endMemberOfAnUnknownUserExitsThreeWithNotFound() {
    loginAsAdmin();
    channelBc();

    CliRun run = run("end", "member", "BC", "HAK", "nixon");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).singleElement().asString().startsWith("NOT_FOUND: ");
  }

  @Test
  void channelListPrintsEveryEndOfEveryChannel() {
    loginAsAdmin();
    channelBc();

    CliRun run = run("channel", "list");

    assertDone(run);
    assertThat(run.out().lines())
        .containsExactly("BC / HAK", "  no members", "BC / WH", "  no members");
  }

  @Test
  void exchangeCreateWithASavedLoginGoesThroughTheStationAndExchangeListShowsIt() {
    loginAsAdmin();
    channelBc();

    CliRun create =
        run(
            "exchange",
            "create",
            "OCT72",
            "--channel",
            "BC",
            "--series",
            "HAKTO:HAK",
            "--series",
            "TOHAK:WH");

    assertDone(create);
    assertThat(create.out().lines())
        .containsExactly("Exchange OCT72 created on channel BC: HAKTO from HAK, TOHAK from WH");
    assertThat(station.store.exchange("OCT72")).isPresent();
    assertThat(events(station.store, "EXCHANGE_CREATED"))
        .singleElement()
        .extracting(StoredEvent::actor)
        .isEqualTo("admin");

    CliRun list = run("exchange", "list");

    assertDone(list);
    assertThat(list.out().lines())
        .containsExactly("Exchange OCT72 on channel BC: HAKTO from HAK, TOHAK from WH");
  }

  @Test
  void exchangeListShowsAMemberTheExchangesOfHisChannelsOnly() throws IOException {
    loginAsAdmin();
    station.user("haig", Classification.SECRET, Set.of(), Role.PRINCIPAL);
    channelBc();
    assertDone(run("channel", "create", "OTHER", "A", "B"));
    assertDone(
        run(
            "exchange",
            "create",
            "OCT72",
            "--channel",
            "BC",
            "--series",
            "HAKTO:HAK",
            "--series",
            "TOHAK:WH"));
    assertDone(
        run(
            "exchange",
            "create",
            "X1",
            "--channel",
            "OTHER",
            "--series",
            "AB:A",
            "--series",
            "BA:B"));
    assertDone(run("end", "member", "BC", "WH", "haig"));
    Map<String, String> his = loggedInAs("haig");

    CliRun list = CliRun.of(his, "exchange", "list");

    assertDone(list);
    assertThat(list.out().lines())
        .containsExactly("Exchange OCT72 on channel BC: HAKTO from HAK, TOHAK from WH");
  }

  @Test
  void caveatAddRegistersACaveatThatCaveatListThenShows() throws IOException {
    loginAsAdmin();

    CliRun add = run("caveat", "add", "TALENT KEYHOLE");

    assertDone(add);
    assertThat(add.out().lines()).containsExactly("Caveat TALENT KEYHOLE added.");
    CliRun list = run("caveat", "list");
    assertDone(list);
    assertThat(list.out().lines())
        .containsExactly(
            "CHEROKEE",
            "EXDIS",
            "LIMDIS",
            "NODIS",
            "NOFORN",
            "ORCON",
            "OUTSIDE THE SYSTEM",
            "SENSITIVE",
            "SPECAT",
            "TALENT KEYHOLE",
            "UMBRA");
    CliRun json = run("caveat", "list", "--json");
    assertDone(json);
    assertThat(JSON.readTree(json.out())).extracting(JsonNode::asText).contains("TALENT KEYHOLE");
  }

  @Test
  void caveatAddOfARegisteredCaveatExitsFourWithAConflictLine() {
    loginAsAdmin();

    assertFailed(
        run("caveat", "add", "NODIS"), 4, "CONFLICT: the caveat NODIS is registered already");
  }

  // ---- logout ----

  @Test
  void logoutRevokesTheTokenAtTheStationAndRemovesTheFile() throws IOException {
    loginAsAdmin();
    String token = saved().path("token").asText();

    CliRun run = run("logout");

    assertDone(run);
    assertThat(run.out().lines()).containsExactly("Logged out admin at " + url + ".");
    assertThat(loginFile()).doesNotExist();
    assertThat(meWith(token)).isEqualTo(401);
    assertFailed(
        runWith(Map.of("BACKCHANNEL_TOKEN", token), "user", "list", "--url", url),
        3,
        UNAUTHENTICATED);
  }

  @Test
  void logoutWhenNotLoggedInSaysSoAndExitsZero() {
    CliRun run = run("logout");

    assertDone(run);
    assertThat(run.out().lines()).containsExactly("Not logged in.");
  }

  @Test
  void logoutWithARevokedTokenStillForgetsTheLogin() throws IOException {
    loginAsAdmin();
    String token = saved().path("token").asText();
    assertThat(
            station
                .anonymous()
                .with("Authorization", "Bearer " + token)
                .post("/api/logout", null)
                .status())
        .isEqualTo(204);

    CliRun run = run("logout");

    assertDone(run);
    assertThat(run.out().lines()).containsExactly("Logged out admin at " + url + ".");
    assertThat(loginFile()).doesNotExist();
  }

  @Test
  void logoutFromAnUnreachableStationExitsOneAndKeepsTheLogin() throws IOException {
    loginAsAdmin();
    station.close();

    CliRun run = run("logout");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("UNAVAILABLE: cannot reach the station at " + url);
    assertThat(loginFile()).exists();
  }

  @Test
  void logoutWithTheUrlOfAnotherStationNeverForgetsATokenItDidNotRevoke() throws IOException {
    loginAsAdmin();
    String token = saved().path("token").asText();
    CliRun run;
    try (TestStation other = TestStation.start(Files.createDirectories(dir.resolve("other")))) {
      run = run("logout", "--url", "http://127.0.0.1:" + other.server.port());
    }

    boolean revoked = meWith(token) == 401;
    assertThat(revoked || Files.exists(loginFile()))
        .as(
            "the saved token is revoked at %s, or still kept in %s (logout printed %s%s)",
            url, loginFile(), run.out(), run.err())
        .isTrue();
  }

  // ---- several logins (issue 21) ----

  /** Logs the administrator in, then kissinger (made with a password) in the same config folder. */
  private void adminThenKissingerLoggedIn() {
    loginAsAdmin();
    assertDone(
        run(
            "user",
            "add",
            "kissinger",
            "--clearance",
            "TOP SECRET",
            "--password-file",
            passwordFile.toString()));
    assertDone(run("login", "--user", "kissinger", "--password-file", passwordFile.toString()));
  }

  @Test
  void loginWithoutArgumentsListsTheKeptLoginsAndMarksTheCurrentOne() {
    adminThenKissingerLoggedIn();

    CliRun run = run("login");

    assertDone(run);
    assertThat(run.out().lines())
        .containsExactly(
            "  admin at " + url + " until " + TOKEN_EXPIRY,
            "* kissinger at " + url + " until " + TOKEN_EXPIRY);
  }

  @Test
  void loginWithoutArgumentsAndNoLoginSaysHowToLogIn() {
    CliRun run = run("login");

    assertDone(run);
    assertThat(run.out().lines())
        .containsExactly("No logins kept; log in with backchannel login --user NAME --url URL");
  }

  @Test
  void asNameActsAsAnotherKeptLoginForOneCommandWithoutLoggingInAgain() {
    adminThenKissingerLoggedIn();

    assertFailed(run("user", "list"), 3, FORBIDDEN);
    assertDone(run("user", "list", "--as", "admin"));
    assertFailed(run("user", "list"), 3, FORBIDDEN);
  }

  @Test
  void loginAsNameMakesThatKeptLoginCurrent() {
    adminThenKissingerLoggedIn();

    CliRun run = run("login", "--as", "admin");

    assertDone(run);
    assertThat(run.out().lines())
        .containsExactly(
            "Now acting as admin at " + url + " (logged in until " + TOKEN_EXPIRY + ")");
    assertDone(run("user", "list"));
  }

  @Test
  void asANameWithNoKeptLoginExitsThreeNamingTheKeptOnes() {
    loginAsAdmin();

    assertFailed(
        run("user", "list", "--as", "haig"),
        3,
        "UNAUTHENTICATED: no kept login of haig (kept: admin at "
            + url
            + "); run backchannel login --user haig");
  }

  @Test
  void twoLoginsAreKeptInOneOwnerOnlyFile() throws IOException {
    adminThenKissingerLoggedIn();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(loginFile())))
        .isEqualTo("rw-------");
    JsonNode file = JSON.readTree(Files.readString(loginFile(), StandardCharsets.UTF_8));
    assertThat(file.path("logins").findValuesAsText("user")).containsExactly("admin", "kissinger");
    assertThat(file.path("current").path("user").asText()).isEqualTo("kissinger");
  }

  @Test
  void logoutForgetsTheCurrentLoginOnlyAndThenCommandsSayNotLoggedInWithExitThree() {
    adminThenKissingerLoggedIn();

    CliRun logout = run("logout");

    assertDone(logout);
    assertThat(logout.out().lines()).containsExactly("Logged out kissinger at " + url + ".");
    assertFailed(
        run("inbox"),
        3,
        "UNAUTHENTICATED: not logged in; run backchannel login --user NAME --url URL, or act as a"
            + " kept login with --as NAME (kept: admin at "
            + url
            + ")");
    assertDone(run("user", "list", "--as", "admin"));
  }

  @Test
  void afterTheLastLogoutAClientCommandSaysNotLoggedInRatherThanTryingADefaultStation() {
    loginAsAdmin();
    assertDone(run("logout"));

    assertFailed(
        run("inbox"),
        3,
        "UNAUTHENTICATED: not logged in; run backchannel login --user NAME --url URL");
    assertThat(loginFile()).doesNotExist();
  }

  // ---- direct or through the station ----

  @Test
  void channelCreateWithStoreWorksOnTheFileDirectlyEvenWhenALoginIsSaved() {
    loginAsAdmin();
    Path other = dir.resolve("other").resolve("station.db");
    assertDone(
        runWith(
            Map.of("BACKCHANNEL_ADMIN_PASSWORD", TestStation.PASSWORD),
            "init",
            "--prefix",
            "NSA",
            "--name",
            "National Security Agency",
            "--store",
            other.toString()));

    CliRun run = run("channel", "create", "BC", "HAK", "WH", "--store", other.toString());

    assertDone(run);
    assertThat(run.out().lines()).containsExactly("Channel BC created with ends HAK and WH");
    assertThat(station.store.channel("BC")).isEmpty();
    try (Store store = SqliteStore.open(other, Clock.systemUTC())) {
      assertThat(store.channel("BC")).isPresent();
      assertThat(events(store, "CHANNEL_CREATED"))
          .singleElement()
          .extracting(StoredEvent::actor)
          .isEqualTo("operator");
    }
  }

  @Test
  void exchangeCreateWithALoginGoesThroughTheStationEvenWhenBackchannelStoreNamesAFile() {
    loginAsAdmin();
    channelBc();
    Path other = dir.resolve("other").resolve("station.db");
    Map<String, String> store = Map.of("BACKCHANNEL_STORE", other.toString());
    assertDone(
        runWith(
            Map.of(
                "BACKCHANNEL_STORE",
                other.toString(),
                "BACKCHANNEL_ADMIN_PASSWORD",
                TestStation.PASSWORD),
            "init",
            "--prefix",
            "NSA",
            "--name",
            "National Security Agency"));

    CliRun run =
        runWith(
            store,
            "exchange",
            "create",
            "OCT72",
            "--channel",
            "BC",
            "--series",
            "HAKTO:HAK",
            "--series",
            "TOHAK:WH");

    assertDone(run);
    assertThat(run.out().lines())
        .containsExactly("Exchange OCT72 created on channel BC: HAKTO from HAK, TOHAK from WH");
    assertThat(station.store.exchange("OCT72")).isPresent();
    try (Store s = SqliteStore.open(other, Clock.systemUTC())) {
      assertThat(s.exchange("OCT72")).isEmpty();
    }
  }

  @Test
  void channelCreateWithoutStoreUrlOrLoginWorksOnTheDefaultStationFile() {
    CliRun run = run("channel", "create", "BC", "HAK", "WH");

    assertFailed(
        run,
        2,
        "NOT_INITIALISED: there is no station file at "
            + data.resolve("backchannel").resolve("station.db").toAbsolutePath()
            + "; run backchannel init first");
    assertThat(station.store.channel("BC")).isEmpty();
  }

  @Test
  void channelCreateWithBackchannelUrlAndNoLoginGoesToTheStationAndIsRefused() {
    CliRun run = runWith(Map.of("BACKCHANNEL_URL", url), "channel", "create", "BC", "HAK", "WH");

    assertFailed(run, 3, UNAUTHENTICATED + "; run backchannel login");
    assertThat(station.store.channel("BC")).isEmpty();
  }

  @Test
  void channelCreateWithUrlAndATokenFromTheEnvironmentGoesThroughTheStation() throws IOException {
    loginAsAdmin();
    String token = saved().path("token").asText();
    Files.delete(loginFile());

    CliRun run =
        runWith(
            Map.of("BACKCHANNEL_TOKEN", token),
            "channel",
            "create",
            "BC",
            "HAK",
            "WH",
            "--url",
            url);

    assertDone(run);
    assertThat(station.store.channel("BC")).isPresent();
  }
}
