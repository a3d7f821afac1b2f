package dev.backchannel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.OfficeHours;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.NewUser;
import dev.backchannel.store.Role;
import dev.backchannel.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traffic commands of DESIGN 5.1 ({@code draft}, {@code release} through a station, {@code
 * inbox}, {@code read}, {@code ack}, {@code pass}, {@code receipts}, {@code crossings}, {@code
 * gaps}, {@code end hold} and {@code end resume}) run in-process against a real station served over
 * HTTP on a real SQLite file, set up with the October exchange: channel BC with ends HAK
 * (kissinger, release authority) and WH (haig, release authority; scowcroft, duty officer;
 * eagleburger, cleared SECRET only), exchange OCT72 with HAKTO from HAK and TOHAK from WH. Each
 * user logs in with his own config folder. Their lines on stdout and stderr and their exit codes
 * are the CLI's API.
 */
class TrafficCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The test station's clock stands at 2026-11-25T09:00:00Z and does not move. */
  private static final String NOW = "2026-11-25T09:00:00Z";

  private static final String DTG = "250900Z NOV 26";

  private static final String INBOX_FORMAT = "%-10s  %-13s  %-8s  %-14s  %-20s  %-9s  %s";

  private static final String INBOX_HEADER =
      "PRECEDENCE  DESIGNATOR  EXCHANGE  DTG  LABEL  FROM  RECEIPTS";

  @TempDir Path dir;

  private TestStation station;
  private String url;
  private Path passwordFile;
  private Map<String, String> kissinger;
  private Map<String, String> haig;
  private Map<String, String> scowcroft;
  private Map<String, String> eagleburger;
  private Map<String, String> president;
  private int files;

  @BeforeEach
  void startTheOctoberStationAndLogEveryoneIn() throws IOException {
    station = TestStation.start(Files.createDirectories(dir.resolve("station")));
    url = "http://127.0.0.1:" + station.server.port();
    passwordFile = file("password.txt", TestStation.PASSWORD + "\n");
    Store s = station.store;
    station.october();
    station.user("kissinger", Classification.TOP_SECRET, Set.of("SENSITIVE"), Role.PRINCIPAL);
    station.user("haig", Classification.TOP_SECRET, Set.of("SENSITIVE"), Role.PRINCIPAL);
    station.user("scowcroft", Classification.TOP_SECRET, Set.of("SENSITIVE"), Role.DUTY_OFFICER);
    station.user("eagleburger", Classification.SECRET, Set.of(), Role.STAFF);
    s.createUser(
        new NewUser(
            "president",
            "THE PRESIDENT",
            new Clearance(
                Classification.TOP_SECRET, Set.of(new dev.backchannel.cable.Caveat("SENSITIVE"))),
            ZoneId.of("UTC"),
            OfficeHours.DEFAULT,
            Set.of(Role.PRINCIPAL),
            Optional.of(TestStation.HASHER.hash(TestStation.PASSWORD.toCharArray())),
            Optional.empty()),
        "admin");
    s.putMember("BC", "HAK", "kissinger", true, "admin");
    s.putMember("BC", "WH", "haig", true, "admin");
    s.putMember("BC", "WH", "scowcroft", false, "admin");
    s.putMember("BC", "WH", "eagleburger", false, "admin");
    kissinger = loggedInAs("kissinger");
    haig = loggedInAs("haig");
    scowcroft = loggedInAs("scowcroft");
    eagleburger = loggedInAs("eagleburger");
    president = loggedInAs("president");
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
    e.put("XDG_DATA_HOME", dir.resolve("data").toString());
    e.put("BACKCHANNEL_ARGON2_MEMORY_KIB", "64");
    e.put("BACKCHANNEL_ARGON2_ITERATIONS", "1");
    return e;
  }

  /** The environment of a user logged in with the test password in his own config folder. */
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

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  /** A draft file of its own for each draft. */
  private Path draftFile(String text) throws IOException {
    return file("draft-" + ++files + ".txt", text);
  }

  /** An IMMEDIATE draft with a label, one numbered paragraph and any further header lines. */
  private static String draft(String label, String from, String to, String more, String text) {
    return "IMMEDIATE\n"
        + label
        + "\nFROM: "
        + from
        + "\nTO: "
        + to
        + "\n"
        + more
        + "\n1. "
        + text
        + "\n";
  }

  private static String hakto(String text) {
    return draft("TOP SECRET SENSITIVE", "KISSINGER", "HAIG", "", text);
  }

  private static String tohak(String text) {
    return draft("TOP SECRET SENSITIVE", "HAIG", "KISSINGER", "", text);
  }

  /** Drafts and releases a file through the station, past any release warning. */
  private CliRun release(Map<String, String> who, String text) throws IOException {
    CliRun run = CliRun.of(who, "release", draftFile(text).toString(), "--confirm");
    assertDone(run);
    return run;
  }

  /** Saves a draft through the station and returns the id it printed. */
  private String saveDraft(Map<String, String> who, String text) throws IOException {
    String saved = line(CliRun.of(who, "draft", draftFile(text).toString()));
    assertThat(saved).matches("Draft \\d+ saved for [A-Z]+ in OCT72; release it with .*");
    return saved.replaceAll("^Draft (\\d+) .*", "$1");
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

  /** The single line a successful run printed. */
  private static String line(CliRun run) {
    assertDone(run);
    return run.out().lines().collect(java.util.stream.Collectors.joining("\n"));
  }

  private static String sha256(String text) throws NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  // ---- draft ----

  @Test
  void draftFilePrintsTheDraftIdItsSeriesAndExchangeAndHowToReleaseIt() throws IOException {
    CliRun run = CliRun.of(kissinger, "draft", draftFile(hakto("FIRST.")).toString());

    assertDone(run);
    assertThat(run.out().lines())
        .containsExactly(
            "Draft 1 saved for HAKTO in OCT72; release it with backchannel release --draft 1");
  }

  @Test
  void draftFileFromTheOtherEndIsSavedForItsOwnSeries() throws IOException {
    CliRun run = CliRun.of(haig, "draft", draftFile(tohak("REPLY.")).toString());

    assertDone(run);
    assertThat(run.out().lines())
        .containsExactly(
            "Draft 1 saved for TOHAK in OCT72; release it with backchannel release --draft 1");
  }

  @Test
  void aMalformedDraftFileExitsTwoWithAnInvalidLineNamingTheProblem() throws IOException {
    CliRun run =
        CliRun.of(kissinger, "draft", draftFile("IMMEDIATE\nTOP SECRET SENSITIVE\n").toString());

    assertFailed(
        run,
        2,
        "INVALID: 3:1: HEADER_EXPECTED: expected the FROM: line here, found the end of the text");
  }

  @Test
  void aDraftFromSomeoneNotOfTheSendingEndExitsTwoNamingHim() throws IOException {
    CliRun run =
        CliRun.of(
            kissinger,
            "draft",
            draftFile(draft("TOP SECRET SENSITIVE", "NIXON", "HAIG", "", "NO.")).toString());

    assertFailed(run, 2, "INVALID: NIXON is not a member of the HAK end this draft is sent from");
  }

  @Test
  void draftOfAMissingFileExitsThreeWithNotFound() {
    Path missing = dir.resolve("no-such-draft.txt");

    assertFailed(
        CliRun.of(kissinger, "draft", missing.toString()),
        3,
        "NOT_FOUND: " + missing + ": no such file");
  }

  // ---- release ----

  @Test
  void releaseDraftPrintsTheDesignatorExchangeDtgAndTheHashOfTheCanonicalText() throws Exception {
    assertDone(CliRun.of(kissinger, "draft", draftFile(hakto("FIRST.")).toString()));

    CliRun run = CliRun.of(kissinger, "release", "--draft", "1");

    assertDone(run);
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .matches("Released Hakto 1/WHS 1 in OCT72, DTG " + DTG + ", SHA-256 [0-9a-f]{64}")
        .endsWith(", SHA-256 " + sha256(CliRun.of(haig, "read", "Hakto 1").out()));
  }

  @Test
  void releaseFileDraftsAndReleasesInOneGo() throws IOException {
    CliRun run = CliRun.of(haig, "release", file("tohak.txt", tohak("REPLY.")).toString());

    assertDone(run);
    assertThat(run.out()).startsWith("Released Tohak 1/WHS 1 in OCT72, DTG " + DTG + ", SHA-256 ");
  }

  @Test
  void releaseWithNeitherFileNorDraftExitsTwoWithAUsageLine() {
    assertFailed(
        CliRun.of(kissinger, "release"), 2, "USAGE: give a draft FILE or --draft ID, one of them");
  }

  @Test
  void releaseOfAnUnknownDraftExitsThreeWithNotFound() {
    assertFailed(
        CliRun.of(kissinger, "release", "--draft", "99"), 3, "NOT_FOUND: there is no draft 99");
  }

  @Test
  void releaseWhileACableIsUnreadExitsFourWithAReleaseWarningAndKeepsTheDraftForConfirm()
      throws IOException {
    release(kissinger, hakto("FIRST."));
    String id = saveDraft(haig, tohak("REPLY."));

    CliRun warned = CliRun.of(haig, "release", "--draft", id);

    assertFailed(
        warned,
        4,
        "RELEASE_WARNING: confirm the release: not yet opened here: Hakto 1; draft "
            + id
            + " is kept: backchannel release --draft "
            + id
            + " --confirm");
    CliRun confirmed = CliRun.of(haig, "release", "--draft", id, "--confirm");
    assertDone(confirmed);
    assertThat(confirmed.out()).startsWith("Released Tohak 1/WHS 2 in OCT72, DTG " + DTG);
  }

  @Test
  void releaseAfterTheCableWasReadNeedsNoConfirmation() throws IOException {
    release(kissinger, hakto("FIRST."));
    assertDone(CliRun.of(haig, "read", "Hakto 1"));
    String id = saveDraft(haig, tohak("REPLY."));

    CliRun run = CliRun.of(haig, "release", "--draft", id);

    assertDone(run);
    assertThat(run.out()).startsWith("Released Tohak 1/WHS 2 in OCT72");
  }

  @Test
  void releaseWithoutReleaseAuthorityExitsThree() throws IOException {
    CliRun run =
        CliRun.of(
            scowcroft,
            "release",
            draftFile(draft("TOP SECRET SENSITIVE", "SCOWCROFT", "KISSINGER", "", "NO."))
                .toString());

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).singleElement().asString().startsWith("FORBIDDEN: ");
  }

  // ---- inbox, read, ack, receipts ----

  @Test
  void inboxPrintsATableOfTheCablesDeliveredWithTheReadersOwnReceipts() throws IOException {
    release(kissinger, hakto("FIRST."));

    CliRun run = CliRun.of(haig, "inbox");

    assertDone(run);
    assertThat(run.out().lines())
        .containsExactly(
            String.format(
                INBOX_FORMAT,
                "PRECEDENCE",
                "DESIGNATOR",
                "EXCHANGE",
                "DTG",
                "LABEL",
                "FROM",
                "RECEIPTS"),
            String.format(
                INBOX_FORMAT,
                "IMMEDIATE",
                "Hakto 1/WHS 1",
                "OCT72",
                DTG,
                "TOP SECRET SENSITIVE",
                "KISSINGER",
                "DELIVERED"));
  }

  @Test
  void inboxOfAReaderWithNothingDeliveredIsTheHeaderAlone() {
    CliRun run = CliRun.of(haig, "inbox");

    assertDone(run);
    assertThat(run.out().lines()).containsExactly(INBOX_HEADER);
  }

  @Test
  void inboxShowsOpenedAfterRead() throws IOException {
    release(kissinger, hakto("FIRST."));
    assertDone(CliRun.of(haig, "read", "Hakto 1"));

    CliRun run = CliRun.of(haig, "inbox");

    assertDone(run);
    assertThat(run.out().lines().toList().get(1)).endsWith("  KISSINGER  DELIVERED, OPENED");
  }

  @Test
  void readPrintsExactlyTheCanonicalTextAndRecordsOpenedButNotReadInFullWithoutATerminal()
      throws IOException {
    release(kissinger, hakto("FIRST."));

    CliRun run = CliRun.of(haig, "read", "Hakto 1");

    assertDone(run);
    assertThat(run.out())
        .isEqualTo(
            "IMMEDIATE\n"
                + "TOP SECRET SENSITIVE\n"
                + "FROM: KISSINGER\n"
                + "TO: HAIG\n"
                + "DTG: "
                + DTG
                + "\n"
                + "HAKTO 1/WHS 1\n"
                + "\n"
                + "1. FIRST.\n");
    CliRun receipts = CliRun.of(haig, "receipts", "Hakto 1");
    assertDone(receipts);
    assertThat(receipts.out()).contains("OPENED").doesNotContain("READ_IN_FULL");
  }

  @Test
  void readOfAnUnknownCableExitsThreeWithNotFound() {
    assertFailed(
        CliRun.of(haig, "read", "Hakto 9"), 3, "NOT_FOUND: no cable Hakto 9 in exchange OCT72");
  }

  @Test
  void readByAReaderWhoMaySeeOnlyTheEnvelopeExitsThreeWithNotAllowed() throws IOException {
    release(kissinger, draft("SECRET SENSITIVE", "KISSINGER", "HAIG", "", "NOT FOR ALL."));

    CliRun run = CliRun.of(eagleburger, "read", "Hakto 1");

    assertFailed(
        run,
        3,
        "NOT_ALLOWED: you may see the envelope of Hakto 1/WHS 1 but not its text (SECRET"
            + " SENSITIVE)");
  }

  @Test
  void ackThenReceiptsShowsTheReadersOpenedAndAcknowledgedFromTheCli() throws IOException {
    release(kissinger, hakto("FIRST."));
    assertDone(CliRun.of(haig, "read", "Hakto 1"));

    CliRun ack = CliRun.of(haig, "ack", "Hakto 1");

    assertDone(ack);
    assertThat(ack.out().lines()).containsExactly("Acknowledged Hakto 1 at " + NOW + ".");
    CliRun receipts = CliRun.of(haig, "receipts", "Hakto 1");
    assertDone(receipts);
    List<String> lines = receipts.out().lines().toList();
    assertThat(lines.get(0)).startsWith("READER").contains("KIND", "AT", "CLIENT", "BY");
    assertThat(lines.subList(1, lines.size()))
        .extracting(l -> l.replaceAll(" +", " ").strip())
        .contains("haig OPENED " + NOW + " cli", "haig ACKNOWLEDGED " + NOW + " cli")
        .allMatch(l -> l.startsWith("haig "));
  }

  @Test
  void ackBeforeReadExitsFourWithNotOpened() throws IOException {
    release(kissinger, hakto("FIRST."));

    assertFailed(
        CliRun.of(haig, "ack", "Hakto 1"),
        4,
        "NOT_OPENED: ACKNOWLEDGED comes only after haig opened Hakto 1/WHS 1");
  }

  @Test
  void receiptsShowTheSenderEveryReadersReceipts() throws IOException {
    release(kissinger, hakto("FIRST."));
    assertDone(CliRun.of(haig, "read", "Hakto 1"));

    CliRun run = CliRun.of(kissinger, "receipts", "Hakto 1");

    assertDone(run);
    assertThat(run.out().lines().skip(1).map(l -> l.replaceAll(" +", " ").strip()).toList())
        .contains("haig OPENED " + NOW + " cli")
        .anyMatch(l -> l.startsWith("haig DELIVERED " + NOW))
        .anyMatch(l -> l.startsWith("scowcroft DELIVERED " + NOW));
  }

  // ---- pass ----

  @Test
  void passSendsTheCableToAPassToReaderOnceAndSaysSoTheSecondTime() throws IOException {
    release(
        kissinger,
        draft("TOP SECRET SENSITIVE", "KISSINGER", "HAIG", "PASS TO: THE PRESIDENT\n", "FOR HIM."));
    assertFailed(
        CliRun.of(president, "read", "Hakto 1", "--exchange", "OCT72"),
        3,
        "NOT_FOUND: no cable Hakto 1 in exchange OCT72");

    CliRun pass = CliRun.of(haig, "pass", "Hakto 1", "--to", "THE PRESIDENT");

    assertDone(pass);
    assertThat(pass.out().lines()).containsExactly("Passed Hakto 1/WHS 1 to president.");
    CliRun read = CliRun.of(president, "read", "Hakto 1", "--exchange", "OCT72");
    assertDone(read);
    assertThat(read.out()).isEqualTo(CliRun.of(haig, "read", "Hakto 1").out());
    CliRun again = CliRun.of(haig, "pass", "Hakto 1", "--to", "THE PRESIDENT");
    assertDone(again);
    assertThat(again.out().lines())
        .containsExactly("Hakto 1/WHS 1 was passed to president before.");
    assertThat(
            CliRun.of(kissinger, "receipts", "Hakto 1")
                .out()
                .lines()
                .map(l -> l.replaceAll(" +", " ").strip()))
        .anyMatch(l -> l.startsWith("president PASSED " + NOW) && l.endsWith(" haig"));
  }

  @Test
  void aPassToReaderWhoIsNoMemberOfAnEndReadsTheCablePassedToHimWithoutNamingTheExchange()
      throws IOException {
    release(
        kissinger,
        draft("TOP SECRET SENSITIVE", "KISSINGER", "HAIG", "PASS TO: THE PRESIDENT\n", "FOR HIM."));
    assertDone(CliRun.of(haig, "pass", "Hakto 1", "--to", "THE PRESIDENT"));

    CliRun read = CliRun.of(president, "read", "Hakto 1");

    assertDone(read);
    assertThat(read.out()).isEqualTo(CliRun.of(haig, "read", "Hakto 1").out());
  }

  @Test
  void passToAReaderTheCableDoesNotNameExitsTwo() throws IOException {
    release(kissinger, hakto("FIRST."));

    assertFailed(
        CliRun.of(haig, "pass", "Hakto 1", "--to", "THE PRESIDENT"),
        2,
        "INVALID: THE PRESIDENT is not a reader the originator allows this cable to be passed to;"
            + " give his login name or the name the PASS TO line addresses him by");
  }

  // ---- hold and resume ----

  @Test
  void endHoldKeepsCablesFromTheInboxAndEndResumeDeliversThem() throws IOException {
    CliRun hold = CliRun.of(scowcroft, "end", "hold", "BC", "WH");
    assertDone(hold);
    assertThat(hold.out().lines()).containsExactly("Delivery to BC / WH held since " + NOW + ".");

    release(kissinger, hakto("WHILE HELD."));

    CliRun held = CliRun.of(haig, "inbox");
    assertDone(held);
    assertThat(held.out().lines()).containsExactly(INBOX_HEADER);

    CliRun resume = CliRun.of(scowcroft, "end", "resume", "BC", "WH");
    assertDone(resume);
    assertThat(resume.out().lines())
        .containsExactly("Delivery to BC / WH resumed; delivered Hakto 1/WHS 1");
    CliRun inbox = CliRun.of(haig, "inbox");
    assertDone(inbox);
    assertThat(inbox.out().lines()).hasSize(2);
    assertThat(inbox.out().lines().toList().get(1)).contains("Hakto 1/WHS 1");
  }

  @Test
  void endResumeWithNothingHeldSaysResumedAlone() {
    assertDone(CliRun.of(scowcroft, "end", "hold", "BC", "WH"));

    CliRun run = CliRun.of(scowcroft, "end", "resume", "BC", "WH");

    assertDone(run);
    assertThat(run.out().lines()).containsExactly("Delivery to BC / WH resumed.");
  }

  @Test
  void endHoldByAPrincipalWhoIsNoDutyOfficerExitsThree() {
    CliRun run = CliRun.of(haig, "end", "hold", "BC", "WH");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).singleElement().asString().startsWith("FORBIDDEN: ");
  }

  // ---- crossings and gaps ----

  @Test
  void crossingsSaysThereAreNoneBeforeAnyCableCrossed() throws IOException {
    release(kissinger, hakto("FIRST."));

    CliRun run = CliRun.of(haig, "crossings");

    assertDone(run);
    assertThat(run.out().lines()).containsExactly("No crossings in OCT72.");
  }

  @Test
  void crossingsShowsTwoCablesReleasedWhileEachWasHeldFromTheOtherOnceBothAreDelivered()
      throws IOException {
    assertDone(CliRun.of(scowcroft, "end", "hold", "BC", "WH"));
    release(kissinger, hakto("FIRST."));
    release(haig, tohak("MEANWHILE."));
    assertThat(line(CliRun.of(kissinger, "crossings")))
        .as("not while Hakto 1 is held")
        .isEqualTo("No crossings in OCT72.");

    assertDone(CliRun.of(scowcroft, "end", "resume", "BC", "WH"));

    assertThat(line(CliRun.of(kissinger, "crossings"))).isEqualTo("Hakto 1 crossed Tohak 1");
    assertThat(line(CliRun.of(haig, "crossings"))).isEqualTo("Hakto 1 crossed Tohak 1");
  }

  @Test
  void gapsPrintsEachSeriesWithItsMissingSerialsAndHowManyAreHeld() throws IOException {
    release(kissinger, hakto("ONE."));
    release(kissinger, draft("SECRET", "KISSINGER", "HAIG", "", "TWO."));

    CliRun haigs = CliRun.of(haig, "gaps");
    CliRun eagleburgers = CliRun.of(eagleburger, "gaps");

    assertDone(haigs);
    assertThat(haigs.out().lines())
        .containsExactly("Gaps in HAKTO: none (2 held)", "Gaps in TOHAK: none (0 held)");
    assertDone(eagleburgers);
    assertThat(eagleburgers.out().lines())
        .as("a TOP SECRET cable is one he may not know of")
        .containsExactly("Gaps in HAKTO: 1 (1 held)", "Gaps in TOHAK: none (0 held)");
  }

  // ---- the CLI as a full client (issue 21) ----

  /** A line of {@code list}, as both modes print it. */
  private static String listLine(String designator, String label, String to) {
    return String.format(
            "%-10s %-20s %-15s %-15s %-45s %-20s %s",
            "OCT72", designator, DTG, "IMMEDIATE", label, "KISSINGER", to)
        .stripTrailing();
  }

  private static final String LIST_HEADER =
      String.format(
          "%-10s %-20s %-15s %-15s %-45s %-20s %s",
          "EXCHANGE", "DESIGNATOR", "DTG", "PRECEDENCE", "LABEL", "FROM", "TO");

  @Test
  void listWhenLoggedInPrintsTheCablesHeMayKnowOfInTheTableOfDirectMode() throws IOException {
    release(kissinger, hakto("ONE."));
    release(kissinger, draft("SECRET", "KISSINGER", "HAIG", "", "TWO."));

    CliRun haigs = CliRun.of(haig, "list");
    CliRun eagleburgers = CliRun.of(eagleburger, "list");

    assertDone(haigs);
    assertThat(haigs.out().lines().map(String::stripTrailing))
        .containsExactly(
            LIST_HEADER.stripTrailing(),
            listLine("Hakto 2/WHS 2", "SECRET", "HAIG"),
            listLine("Hakto 1/WHS 1", "TOP SECRET SENSITIVE", "HAIG"));
    assertDone(eagleburgers);
    assertThat(eagleburgers.out().lines().map(String::stripTrailing))
        .as("a TOP SECRET cable is one he may not know of (G3)")
        .containsExactly(LIST_HEADER.stripTrailing(), listLine("Hakto 2/WHS 2", "SECRET", "HAIG"));
  }

  @Test
  void listWithJsonAndAnExchangeHeMayNotKnowOfAnswersAsOnTheStationFile() throws IOException {
    release(kissinger, hakto("ONE."));

    CliRun json = CliRun.of(haig, "list", "--json", "--exchange", "oct72");
    CliRun unknown = CliRun.of(president, "list", "--exchange", "OCT72");

    assertThat(line(json))
        .isEqualTo(
            "{\"exchange\":\"OCT72\",\"designator\":\"Hakto 1/WHS 1\",\"dtg\":\""
                + DTG
                + "\",\"precedence\":\"IMMEDIATE\",\"label\":\"TOP SECRET SENSITIVE\","
                + "\"from\":\"KISSINGER\",\"to\":[\"HAIG\"],\"origin\":\"RELEASED\"}");
    assertFailed(unknown, 3, "NOT_FOUND: no exchange named OCT72");
  }

  @Test
  void showWhenLoggedInPrintsTheCanonicalTextAndNothingOfACableHeMayNotKnowOf() throws IOException {
    release(kissinger, hakto("ONE."));

    CliRun show = CliRun.of(haig, "show", "Hakto 1");

    assertDone(show);
    assertThat(show.out()).isEqualTo(CliRun.of(kissinger, "read", "Hakto 1").out());
    assertThat(show.out()).startsWith("IMMEDIATE\nTOP SECRET SENSITIVE\nFROM: KISSINGER\n");
    assertFailed(
        CliRun.of(eagleburger, "show", "Hakto 1"),
        3,
        "NOT_FOUND: no cable Hakto 1 in exchange OCT72");
  }

  @Test
  void showWithJsonWhenLoggedInPrintsTheCableJsonWithoutWhatOnlyTheStationAnswerCarries()
      throws IOException {
    release(kissinger, hakto("ONE."));

    JsonNode cable = JSON.readTree(line(CliRun.of(haig, "show", "Hakto 1", "--json")));

    assertThat(cable.path("designator").path("text").asText()).isEqualTo("Hakto 1/WHS 1");
    assertThat(cable.path("exchange").asText()).isEqualTo("OCT72");
    assertThat(cable.path("sha256").asText()).hasSize(64);
    assertThat(cable.has("canonical") || cable.has("access") || cable.has("receipts")).isFalse();
  }

  @Test
  void releaseFileWhenLoggedInGoesThroughTheStationEvenWithBackchannelStoreSet()
      throws IOException {
    Map<String, String> withStore = new HashMap<>(kissinger);
    withStore.put("BACKCHANNEL_STORE", dir.resolve("no-such-station.db").toString());

    CliRun run = CliRun.of(withStore, "release", draftFile(hakto("ONE.")).toString());

    assertThat(line(run)).startsWith("Released Hakto 1/WHS 1 in OCT72, DTG " + DTG + ", SHA-256 ");
  }

  @Test
  void passTakesTheReadersLoginNameOrHisAddressedAsNameInAnyCase() throws IOException {
    release(
        kissinger,
        draft("TOP SECRET SENSITIVE", "KISSINGER", "HAIG", "PASS TO: THE PRESIDENT\n", "ONE."));
    release(
        kissinger,
        draft("TOP SECRET SENSITIVE", "KISSINGER", "HAIG", "PASS TO: THE PRESIDENT\n", "TWO."));

    assertThat(line(CliRun.of(haig, "pass", "Hakto 1", "--to", "president")))
        .isEqualTo("Passed Hakto 1/WHS 1 to president.");
    assertThat(line(CliRun.of(haig, "pass", "Hakto 2", "--to", "the President")))
        .isEqualTo("Passed Hakto 2/WHS 2 to president.");
    assertFailed(
        CliRun.of(haig, "pass", "Hakto 2", "--to", "kissinger"),
        2,
        "INVALID: kissinger is not a reader the originator allows this cable to be passed to;"
            + " give his login name or the name the PASS TO line addresses him by");
  }

  @Test
  void anAdministratorWhoIsNoMemberGetsTheFactsOfAnExchangeHeListsButNoneOfItsCables()
      throws IOException {
    Map<String, String> admin = loggedInAs("admin");
    assertDone(CliRun.of(scowcroft, "end", "hold", "BC", "WH"));
    release(kissinger, hakto("FIRST."));
    release(haig, tohak("MEANWHILE."));
    assertDone(CliRun.of(scowcroft, "end", "resume", "BC", "WH"));
    assertThat(line(CliRun.of(haig, "crossings"))).isEqualTo("Hakto 1 crossed Tohak 1");

    assertThat(CliRun.of(admin, "exchange", "list").out()).contains("OCT72");
    assertThat(line(CliRun.of(admin, "crossings"))).isEqualTo("No crossings in OCT72.");
    assertThat(CliRun.of(admin, "gaps").out().lines())
        .as("he may know of the exchange, not of its cables (G3)")
        .containsExactly("Gaps in HAKTO: none (0 held)", "Gaps in TOHAK: none (0 held)");
    assertThat(line(CliRun.of(admin, "list")))
        .isEqualTo(LIST_HEADER.stripTrailing() + "\n(no cables)");
  }

  @Test
  void aNewUsersSessionWithTwoLoginsPrintsAsTheTranscriptOfTheIssueNote() throws IOException {
    Map<String, String> me = environment(dir.resolve("config-new"));
    Path hakto =
        file(
            "hakto.txt",
            draft("TOP SECRET SENSITIVE", "KISSINGER", "HAIG", "PASS TO: THE PRESIDENT\n", "ONE."));
    Path pw = passwordFile;
    StringBuilder transcript = new StringBuilder();
    for (String[] args :
        List.of(
            new String[] {"inbox"},
            new String[] {"login", "--url", url, "--user", "kissinger", "--password-file", "pw"},
            new String[] {"login", "--user", "haig", "--password-file", "pw"},
            new String[] {"login"},
            new String[] {"release", "hakto.txt", "--as", "kissinger"},
            new String[] {"list"},
            new String[] {"show", "Hakto 1"},
            new String[] {"pass", "Hakto 1", "--to", "president"},
            new String[] {"receipts", "Hakto 1", "--as", "kissinger"},
            new String[] {"crossings"},
            new String[] {"logout"},
            new String[] {"inbox"},
            new String[] {"login", "--as", "kissinger"},
            new String[] {"login"})) {
      String[] real =
          Stream.of(args)
              .map(
                  a ->
                      a.equals("pw") ? pw.toString() : a.equals("hakto.txt") ? hakto.toString() : a)
              .toArray(String[]::new);
      CliRun run = CliRun.of(me, real);
      transcript
          .append("$ backchannel ")
          .append(
              Stream.of(args)
                  .map(a -> a.contains(" ") ? "\"" + a + "\"" : a)
                  .collect(Collectors.joining(" ")))
          .append('\n')
          .append(run.out())
          .append(run.err())
          .append(run.exit() == 0 ? "" : "(exit " + run.exit() + ")\n");
    }
    String text =
        transcript.toString().replace(url, "http://127.0.0.1:8080").replace(dir.toString(), "~");
    // kept beside the build for the issue's note, which quotes the session as it prints
    Files.writeString(Path.of("target", "two-logins-transcript.txt"), text, StandardCharsets.UTF_8);

    assertThat(text).isEqualTo(TWO_LOGINS);
  }

  /** The transcript of the issue's note, the station's port and the temporary folder replaced. */
  private static final String TWO_LOGINS =
      """
      $ backchannel inbox
      UNAUTHENTICATED: not logged in; run backchannel login --user NAME --url URL
      (exit 3)
      $ backchannel login --url http://127.0.0.1:8080 --user kissinger --password-file pw
      Logged in to http://127.0.0.1:8080 as kissinger until 2026-12-25T09:00:00Z; token kept in ~/config-new/backchannel/login.json
      $ backchannel login --user haig --password-file pw
      Logged in to http://127.0.0.1:8080 as haig until 2026-12-25T09:00:00Z; token kept in ~/config-new/backchannel/login.json
      $ backchannel login
        kissinger at http://127.0.0.1:8080 until 2026-12-25T09:00:00Z
      * haig at http://127.0.0.1:8080 until 2026-12-25T09:00:00Z
      $ backchannel release hakto.txt --as kissinger
      Released Hakto 1/WHS 1 in OCT72, DTG 250900Z NOV 26, SHA-256 ebb3d7106f51a2acd67014e61ee4d625cd5ce2dae97257a0dfbbd370217d4615
      $ backchannel list
      EXCHANGE   DESIGNATOR           DTG             PRECEDENCE      LABEL                                         FROM                 TO
      OCT72      Hakto 1/WHS 1        250900Z NOV 26  IMMEDIATE       TOP SECRET SENSITIVE                          KISSINGER            HAIG
      $ backchannel show "Hakto 1"
      IMMEDIATE
      TOP SECRET SENSITIVE
      FROM: KISSINGER
      TO: HAIG
      PASS TO: THE PRESIDENT
      DTG: 250900Z NOV 26
      HAKTO 1/WHS 1

      1. ONE.
      $ backchannel pass "Hakto 1" --to president
      Passed Hakto 1/WHS 1 to president.
      $ backchannel receipts "Hakto 1" --as kissinger
      READER     KIND       AT                    CLIENT   BY
      haig       DELIVERED  2026-11-25T09:00:00Z  station
      haig       OPENED     2026-11-25T09:00:00Z  cli
      president  DELIVERED  2026-11-25T09:00:00Z  station
      president  PASSED     2026-11-25T09:00:00Z  station  haig
      scowcroft  DELIVERED  2026-11-25T09:00:00Z  station
      $ backchannel crossings
      No crossings in OCT72.
      $ backchannel logout
      Logged out haig at http://127.0.0.1:8080.
      $ backchannel inbox
      UNAUTHENTICATED: not logged in; run backchannel login --user NAME --url URL, or act as a kept login with --as NAME (kept: kissinger at http://127.0.0.1:8080)
      (exit 3)
      $ backchannel login --as kissinger
      Now acting as kissinger at http://127.0.0.1:8080 (logged in until 2026-12-25T09:00:00Z)
      $ backchannel login
      * kissinger at http://127.0.0.1:8080 until 2026-12-25T09:00:00Z
      """;

  // ---- JSON ----

  @Test
  void jsonOutputsParseAsJson() throws IOException {
    assertDone(CliRun.of(scowcroft, "end", "hold", "BC", "WH"));
    CliRun released =
        CliRun.of(kissinger, "release", draftFile(hakto("FIRST.")).toString(), "--json");
    release(haig, tohak("MEANWHILE."));
    assertDone(CliRun.of(scowcroft, "end", "resume", "BC", "WH"));
    assertDone(CliRun.of(haig, "read", "Hakto 1"));

    assertDone(released);
    JsonNode cable = JSON.readTree(released.out());
    assertThat(cable.path("designator").path("text").asText()).isEqualTo("Hakto 1/WHS 1");
    assertThat(cable.path("exchange").asText()).isEqualTo("OCT72");

    CliRun inbox = CliRun.of(haig, "inbox", "--json");
    assertDone(inbox);
    JsonNode envelopes = JSON.readTree(inbox.out());
    assertThat(envelopes).hasSize(1);
    assertThat(envelopes.get(0).path("designator").path("text").asText())
        .isEqualTo("Hakto 1/WHS 1");
    assertThat(envelopes.get(0).path("receipts"))
        .extracting(JsonNode::asText)
        .containsExactly("DELIVERED", "OPENED");

    CliRun read = CliRun.of(haig, "read", "Hakto 1", "--json");
    assertDone(read);
    assertThat(JSON.readTree(read.out()).path("access").asText()).isEqualTo("CONTENT");

    CliRun receipts = CliRun.of(haig, "receipts", "Hakto 1", "--json");
    assertDone(receipts);
    assertThat(JSON.readTree(receipts.out()))
        .extracting(r -> r.path("kind").asText())
        .containsExactly("DELIVERED", "OPENED");

    CliRun crossings = CliRun.of(haig, "crossings", "--json");
    assertDone(crossings);
    JsonNode crossed = JSON.readTree(crossings.out());
    assertThat(crossed).hasSize(1);
    assertThat(crossed.get(0).path("a").asText()).isEqualTo("Hakto 1");
    assertThat(crossed.get(0).path("b").asText()).isEqualTo("Tohak 1");

    CliRun gaps = CliRun.of(haig, "gaps", "--json");
    assertDone(gaps);
    assertThat(JSON.readTree(gaps.out()))
        .extracting(s -> s.path("name").asText() + " " + s.path("held").asInt())
        .containsExactly("HAKTO 1", "TOHAK 1");
  }
}
