package dev.backchannel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.accounts.PasswordHasher;
import dev.backchannel.accounts.Secrets;
import dev.backchannel.cable.Dtg;
import dev.backchannel.store.Store;
import dev.backchannel.store.sqlite.SqliteStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The direct-mode station commands of DESIGN 5.1 ({@code init}, {@code channel create}, {@code
 * exchange create}, {@code release}, {@code show}, {@code list}) run in-process on a station file
 * in a temporary folder: their lines on stdout and stderr, their exit codes (0 done; 2 bad input; 3
 * not found; 4 conflict; 1 other), and what they leave in the file (G1, G9).
 */
class StationCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NAME = "White House Situation Room";
  private static final String PASSWORD = "correct horse battery staple";

  /** A canonical draft: no DTG, no designator line. */
  private static final String DRAFT =
      """
      FLASH
      TOP SECRET SENSITIVE EXCLUSIVELY EYES ONLY
      FROM: KISSINGER (SAIGON)
      TO: HAIG (WASHINGTON)
      SUBJ: SECURITY SITUATION

      1. The situation is quiet.
      """;

  private static final String REPLY =
      """
      IMMEDIATE
      SECRET
      FROM: HAIG (WASHINGTON)
      TO: KISSINGER (SAIGON)

      1. Understood.
      """;

  private static final Pattern RELEASED =
      Pattern.compile(
          "Released (\\S+ [0-9]+/WHS [0-9]+) in (\\S+), DTG ([0-9]{6}Z [A-Z]{3} [0-9]{2}),"
              + " SHA-256 ([0-9a-f]{64})");

  private static final String LIST_FORMAT = "%-10s %-20s %-15s %-15s %-45s %-20s %s";

  @TempDir static Path template;

  @TempDir Path dir;

  private Path store;
  private Path home;
  private Map<String, String> env;

  @BeforeEach
  void cheapArgon2AndATemporaryHome() throws IOException {
    store = dir.resolve("station.db");
    home = Files.createDirectories(dir.resolve("home"));
    env = new HashMap<>();
    env.put("BACKCHANNEL_ARGON2_MEMORY_KIB", "64");
    env.put("BACKCHANNEL_ARGON2_ITERATIONS", "1");
    env.put("HOME", home.toString());
  }

  // ---- helpers ----

  /** Runs the command line on the test's store, with the test's environment. */
  private CliRun run(String... args) {
    return CliRun.of(env, withStore(args));
  }

  private CliRun runWith(Map<String, String> extra, String... args) {
    Map<String, String> e = new HashMap<>(env);
    e.putAll(extra);
    return CliRun.of(e, withStore(args));
  }

  private String[] withStore(String... args) {
    String[] all = Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--store";
    all[args.length + 1] = store.toString();
    return all;
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

  private Path keyFile() {
    return dir.resolve("station.db.key");
  }

  private void init() {
    assertDone(
        runWith(
            Map.of("BACKCHANNEL_ADMIN_PASSWORD", PASSWORD),
            "init",
            "--prefix",
            "WHS",
            "--name",
            NAME));
  }

  /**
   * Station WHS, channel BACKCHANNEL (HAK, WH), exchange OCT72 (HAKTO from HAK, TOHAK from WH): a
   * copy of the station file (and its key) that {@link #buildTemplateStation} set up once with the
   * same commands, to keep the class fast.
   */
  private void setUpStation() {
    try (Stream<Path> files = Files.list(template)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.startsWith("station.db") && !name.endsWith(".lock")) {
          Files.copy(f, dir.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @BeforeAll
  static void buildTemplateStation() throws IOException {
    Path store = template.resolve("station.db");
    Map<String, String> env =
        Map.of(
            "BACKCHANNEL_ARGON2_MEMORY_KIB",
            "64",
            "BACKCHANNEL_ARGON2_ITERATIONS",
            "1",
            "HOME",
            Files.createDirectories(template.resolve("home")).toString(),
            "BACKCHANNEL_ADMIN_PASSWORD",
            PASSWORD);
    assertDone(
        CliRun.of(env, "init", "--prefix", "WHS", "--name", NAME, "--store", store.toString()));
    assertDone(
        CliRun.of(
            env, "channel", "create", "BACKCHANNEL", "HAK", "WH", "--store", store.toString()));
    assertDone(
        CliRun.of(
            env,
            "exchange",
            "create",
            "OCT72",
            "--channel",
            "BACKCHANNEL",
            "--series",
            "HAKTO:HAK",
            "--series",
            "TOHAK:WH",
            "--store",
            store.toString()));
    Files.delete(template.resolve("home"));
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  /** Releases a draft and returns the parts of the line it printed. */
  private Matcher release(String text, String series, String... more) throws IOException {
    Path draft = file("draft-" + System.nanoTime() + ".txt", text);
    List<String> args = new ArrayList<>(List.of("release", draft.toString(), "--series", series));
    args.addAll(List.of(more));
    CliRun run = run(args.toArray(String[]::new));
    assertDone(run);
    assertThat(run.out().lines()).hasSize(1);
    Matcher m = RELEASED.matcher(run.out().strip());
    assertThat(m.matches()).as("release line: %s", run.out()).isTrue();
    return m;
  }

  /**
   * The draft's canonical text once released: the DTG and designator lines stand right after the TO
   * line (the drafts here have no INFO or PASS TO).
   */
  private static String released(String draft, String dtg, String designatorLine) {
    int to = draft.indexOf("\nTO: ");
    int afterTo = draft.indexOf('\n', to + 1) + 1;
    return draft.substring(0, afterTo)
        + "DTG: "
        + dtg
        + "\n"
        + designatorLine
        + "\n"
        + draft.substring(afterTo);
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private Connection sql() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + store);
  }

  private long count(String query) throws SQLException {
    try (Connection c = sql();
        PreparedStatement ps = c.prepareStatement(query);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private List<String> strings(String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = sql();
        PreparedStatement ps = c.prepareStatement(query);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  /** Whether any file in the test folder holds these bytes (the store, its WAL, lock, key). */
  private boolean anyFileHolds(String text) throws IOException {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] hay = Files.readAllBytes(f);
        if (indexOf(hay, needle) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  // ---- init ----

  @Test
  void initWithAPasswordFilePrintsStationKeyAndAdministratorLines() throws Exception {
    Path password = file("password.txt", PASSWORD + "\n");

    CliRun run =
        run(
            "init",
            "--prefix",
            "WHS",
            "--name",
            NAME,
            "--admin-password-file",
            password.toString());

    assertDone(run);
    assertThat(run.out().lines())
        .containsExactly(
            "Station WHS (" + NAME + ") set up in " + store,
            "Signing key: " + keyFile() + " (owner-only)",
            "Administrator: admin (password as given)");
  }

  @Test
  void initStoresAnArgon2HashOfTheFilePasswordThatVerifiesAndNoToken() throws Exception {
    Path password = file("password.txt", PASSWORD + "\n");

    assertDone(
        run(
            "init",
            "--prefix",
            "WHS",
            "--name",
            NAME,
            "--admin-password-file",
            password.toString()));

    Files.delete(password);
    List<String> hashes =
        strings(
            "SELECT password_hash FROM user_account WHERE name = 'admin' AND roles LIKE '%AD%'");
    assertThat(hashes).hasSize(1);
    assertThat(hashes.get(0)).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
    assertThat(PasswordHasher.standard().verify(PASSWORD.toCharArray(), hashes.get(0))).isTrue();
    assertThat(PasswordHasher.standard().verify("wrong".toCharArray(), hashes.get(0))).isFalse();
    assertThat(strings("SELECT setup_token_hash FROM user_account")).containsExactly((String) null);
    assertThat(anyFileHolds(PASSWORD)).as("the password in clear in a file").isFalse();
  }

  @Test
  void initTakesThePasswordFromBackchannelAdminPassword() throws Exception {
    CliRun run =
        runWith(
            Map.of("BACKCHANNEL_ADMIN_PASSWORD", PASSWORD),
            "init",
            "--prefix",
            "WHS",
            "--name",
            NAME,
            "--admin",
            "haig");

    assertDone(run);
    assertThat(run.out().lines())
        .containsExactly(
            "Station WHS (" + NAME + ") set up in " + store,
            "Signing key: " + keyFile() + " (owner-only)",
            "Administrator: haig (password as given)");
    String hash = strings("SELECT password_hash FROM user_account WHERE name = 'haig'").get(0);
    assertThat(PasswordHasher.standard().verify(PASSWORD.toCharArray(), hash)).isTrue();
    assertThat(anyFileHolds(PASSWORD)).isFalse();
  }

  @Test
  void thePasswordFileWinsOverTheEnvironment() throws Exception {
    Path password = file("password.txt", "from the file\n");

    assertDone(
        runWith(
            Map.of("BACKCHANNEL_ADMIN_PASSWORD", "from the environment"),
            "init",
            "--prefix",
            "WHS",
            "--name",
            NAME,
            "--admin-password-file",
            password.toString()));

    String hash = strings("SELECT password_hash FROM user_account").get(0);
    assertThat(PasswordHasher.standard().verify("from the file".toCharArray(), hash)).isTrue();
  }

  @Test
  void initRefusesAnAdministratorNameThePolicyRefusesAndSetsNothingUp() {
    CliRun run = run("init", "--prefix", "WHS", "--name", NAME, "--admin", "ad\u200Bmin");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "INVALID: a user name must not hold U+200B ZERO WIDTH SPACE, an invisible format"
                + " character: \"ad<U+200B>min\"\n");
    assertThat(Files.exists(keyFile())).isFalse();
  }

  @Test
  void initWithoutAPasswordPrintsAOneTimeTokenStoredOnlyAsItsHash() throws Exception {
    CliRun run = run("init", "--prefix", "WHS", "--name", NAME);

    assertDone(run);
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.subList(0, 3))
        .containsExactly(
            "Station WHS (" + NAME + ") set up in " + store,
            "Signing key: " + keyFile() + " (owner-only)",
            "Administrator: admin, one-time set-up token (shown only now):");
    String token = lines.get(3);
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
    assertThat(strings("SELECT setup_token_hash FROM user_account WHERE name = 'admin'"))
        .containsExactly(Secrets.hash(token));
    assertThat(strings("SELECT password_hash FROM user_account")).containsExactly((String) null);
    assertThat(anyFileHolds(token)).as("the token in clear in a file").isFalse();
  }

  @Test
  void anEmptyBackchannelAdminPasswordIsNoPasswordAndGivesAToken() {
    CliRun run =
        runWith(
            Map.of("BACKCHANNEL_ADMIN_PASSWORD", ""), "init", "--prefix", "WHS", "--name", NAME);

    assertDone(run);
    assertThat(run.out().lines().toList().get(2))
        .isEqualTo("Administrator: admin, one-time set-up token (shown only now):");
  }

  @Test
  void twoInitsGiveTwoDifferentTokens() {
    CliRun first = run("init", "--prefix", "WHS", "--name", NAME);
    store = dir.resolve("other.db");
    CliRun second = run("init", "--prefix", "WHS", "--name", NAME);

    assertDone(first);
    assertDone(second);
    assertThat(first.out().lines().toList().get(3))
        .isNotEqualTo(second.out().lines().toList().get(3));
  }

  @Test
  void initWritesAnOwnerOnlyPkcs8SigningKeyWhosePublicHalfTheStationHolds() throws Exception {
    init();

    assertThat(keyFile()).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile())))
        .isEqualTo("rw-------");
    String pem = Files.readString(keyFile(), StandardCharsets.US_ASCII);
    assertThat(pem)
        .startsWith("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("-----END PRIVATE KEY-----\n");
    byte[] der =
        Base64.getMimeDecoder()
            .decode(
                pem.replace("-----BEGIN PRIVATE KEY-----", "")
                    .replace("-----END PRIVATE KEY-----", ""));
    PrivateKey key =
        KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    PublicKey stationKey =
        KeyFactory.getInstance("Ed25519")
            .generatePublic(
                new X509EncodedKeySpec(
                    Base64.getDecoder().decode(strings("SELECT public_key FROM station").get(0))));
    byte[] message = "checkpoint".getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(key);
    signer.update(message);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(stationKey);
    verifier.update(message);
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void initStoresPrefixNameAndRecordsItsChangesAsEvents() throws Exception {
    init();

    assertThat(strings("SELECT prefix || '|' || name || '|' || station_serial FROM station"))
        .containsExactly("WHS|" + NAME + "|0");
    assertThat(strings("SELECT kind FROM event ORDER BY id"))
        .containsExactly("STATION_INITIALISED", "USER_CREATED");
  }

  @Test
  void aLowerCasePrefixIsHeldUpperCase() {
    CliRun run =
        runWith(
            Map.of("BACKCHANNEL_ADMIN_PASSWORD", PASSWORD),
            "init",
            "--prefix",
            "whs",
            "--name",
            NAME);

    assertDone(run);
    assertThat(run.out().lines().findFirst())
        .hasValue("Station WHS (" + NAME + ") set up in " + store);
  }

  @Test
  void initTwiceExitsFourAlreadyInitialisedAndKeepsTheFirstKey() throws Exception {
    init();
    String key = Files.readString(keyFile());

    CliRun again =
        runWith(
            Map.of("BACKCHANNEL_ADMIN_PASSWORD", "another"),
            "init",
            "--prefix",
            "XYZ",
            "--name",
            "Another");

    assertFailed(again, 4, "ALREADY_INITIALISED: the station file " + store + " is set up already");
    assertThat(Files.readString(keyFile())).isEqualTo(key);
    assertThat(strings("SELECT prefix FROM station")).containsExactly("WHS");
    assertThat(count("SELECT COUNT(*) FROM user_account")).isEqualTo(1);
  }

  @Test
  void initWithAPrefixThatIsNotLettersExitsTwoAndStoresNothing() throws Exception {
    CliRun run =
        runWith(
            Map.of("BACKCHANNEL_ADMIN_PASSWORD", PASSWORD),
            "init",
            "--prefix",
            "W1",
            "--name",
            NAME);

    assertFailed(run, 2, "INVALID: the station prefix must be 1 to 10 letters A-Z: \"W1\"");
    assertThat(keyFile()).doesNotExist();
    if (Files.exists(store)) {
      assertThat(count("SELECT COUNT(*) FROM station")).isZero();
      assertThat(count("SELECT COUNT(*) FROM user_account")).isZero();
      assertThat(count("SELECT COUNT(*) FROM event")).isZero();
    }
  }

  @Test
  void initWithAnEmptyPasswordFileExitsTwoAndLeavesNoKeyAndNoStation() throws Exception {
    Path empty = file("empty.txt", "");

    CliRun run =
        run("init", "--prefix", "WHS", "--name", NAME, "--admin-password-file", empty.toString());

    assertFailed(run, 2, "INVALID: the password file " + empty + " is empty");
    assertThat(keyFile()).doesNotExist();
    if (Files.exists(store)) {
      assertThat(count("SELECT COUNT(*) FROM station")).isZero();
    }
  }

  @Test
  void aPasswordFileWhoseFirstLineIsEmptyIsEmpty() throws Exception {
    Path blank = file("blank.txt", "\nsecond line\n");

    CliRun run =
        run("init", "--prefix", "WHS", "--name", NAME, "--admin-password-file", blank.toString());

    assertFailed(run, 2, "INVALID: the password file " + blank + " is empty");
    assertThat(keyFile()).doesNotExist();
  }

  @Test
  void initWithAMissingPasswordFileExitsThreeAndLeavesNoKeyAndNoStation() throws Exception {
    Path missing = dir.resolve("missing.txt");

    CliRun run =
        run("init", "--prefix", "WHS", "--name", NAME, "--admin-password-file", missing.toString());

    assertFailed(run, 3, "NOT_FOUND: no such password file: " + missing);
    assertThat(keyFile()).doesNotExist();
    if (Files.exists(store)) {
      assertThat(count("SELECT COUNT(*) FROM station")).isZero();
    }
  }

  @Test
  void initRefusesToOverwriteAKeyLeftBesideTheStoreAndSetsNothingUp() throws Exception {
    Files.writeString(keyFile(), "an old key\n");

    CliRun run =
        runWith(
            Map.of("BACKCHANNEL_ADMIN_PASSWORD", PASSWORD),
            "init",
            "--prefix",
            "WHS",
            "--name",
            NAME);

    assertFailed(
        run,
        4,
        "CONFLICT: a signing key exists already at "
            + keyFile()
            + "; remove it or choose another --store");
    assertThat(Files.readString(keyFile())).isEqualTo("an old key\n");
    assertThat(count("SELECT COUNT(*) FROM station")).isZero();
  }

  @Test
  void initWithoutPrefixIsAUsageErrorThatCreatesNoFile() {
    CliRun run = run("init", "--name", NAME);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "USAGE: Missing required option: '--prefix=PREFIX'\n"
                + "Try 'backchannel init --help'.\n");
    assertThat(store).doesNotExist();
    assertThat(keyFile()).doesNotExist();
  }

  @Test
  void theLineEndOfThePasswordFileIsNotPartOfThePassword() throws Exception {
    Path password = file("password.txt", PASSWORD + "\r\n");

    assertDone(
        run(
            "init",
            "--prefix",
            "WHS",
            "--name",
            NAME,
            "--admin-password-file",
            password.toString()));

    String hash = strings("SELECT password_hash FROM user_account").get(0);
    assertThat(PasswordHasher.standard().verify(PASSWORD.toCharArray(), hash)).isTrue();
  }

  @Test
  void initWithAPrefixOfElevenLettersExitsTwo() throws Exception {
    CliRun run =
        runWith(
            Map.of("BACKCHANNEL_ADMIN_PASSWORD", PASSWORD),
            "init",
            "--prefix",
            "ABCDEFGHIJK",
            "--name",
            NAME);

    assertFailed(
        run, 2, "INVALID: the station prefix must be 1 to 10 letters A-Z: \"ABCDEFGHIJK\"");
    assertThat(keyFile()).doesNotExist();
  }

  @Test
  void initWithABlankNameExitsTwo() throws Exception {
    CliRun run =
        runWith(
            Map.of("BACKCHANNEL_ADMIN_PASSWORD", PASSWORD),
            "init",
            "--prefix",
            "WHS",
            "--name",
            "  ");

    assertFailed(run, 2, "INVALID: the station needs a name");
    assertThat(keyFile()).doesNotExist();
    assertThat(count("SELECT COUNT(*) FROM station")).isZero();
  }

  @ParameterizedTest(name = "--admin \"{0}\"")
  @ValueSource(strings = {"", "   "})
  void initWithABlankAdministratorNameExitsTwoAndSetsNothingUp(String admin) throws Exception {
    CliRun run =
        runWith(
            Map.of("BACKCHANNEL_ADMIN_PASSWORD", PASSWORD),
            "init",
            "--prefix",
            "WHS",
            "--name",
            NAME,
            "--admin",
            admin);

    assertThat(run.exit()).as("exit code; stdout: %s", run.out()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("INVALID: ");
    assertThat(run.err().lines()).hasSize(1);
    assertThat(keyFile()).doesNotExist();
    if (Files.exists(store)) {
      assertThat(count("SELECT COUNT(*) FROM station")).isZero();
      assertThat(count("SELECT COUNT(*) FROM user_account")).isZero();
    }
  }

  // ---- where the station file is ----

  @Test
  void withoutStoreOptionBackchannelStoreNamesTheFile() {
    Path chosen = dir.resolve("chosen").resolve("station.db");
    Map<String, String> e = new HashMap<>(env);
    e.put("BACKCHANNEL_STORE", chosen.toString());
    e.put("BACKCHANNEL_ADMIN_PASSWORD", PASSWORD);

    CliRun run = CliRun.of(e, "init", "--prefix", "WHS", "--name", NAME);

    assertDone(run);
    assertThat(run.out().lines().findFirst())
        .hasValue("Station WHS (" + NAME + ") set up in " + chosen);
    assertThat(chosen).exists();
    assertThat(dir.resolve("chosen").resolve("station.db.key")).exists();
  }

  @Test
  void theStoreOptionWinsOverBackchannelStore() {
    Map<String, String> e = new HashMap<>(env);
    e.put("BACKCHANNEL_STORE", dir.resolve("ignored.db").toString());
    e.put("BACKCHANNEL_ADMIN_PASSWORD", PASSWORD);

    CliRun run =
        CliRun.of(e, "init", "--prefix", "WHS", "--name", NAME, "--store", store.toString());

    assertDone(run);
    assertThat(store).exists();
    assertThat(dir.resolve("ignored.db")).doesNotExist();
  }

  @Test
  void withNeitherTheStationFileIsUnderTheHomesLocalShare() {
    Map<String, String> e = new HashMap<>(env);
    e.put("BACKCHANNEL_ADMIN_PASSWORD", PASSWORD);

    CliRun run = CliRun.of(e, "init", "--prefix", "WHS", "--name", NAME);

    Path expected = home.resolve(".local/share/backchannel/station.db");
    assertDone(run);
    assertThat(run.out().lines().findFirst())
        .hasValue("Station WHS (" + NAME + ") set up in " + expected);
    assertThat(expected).exists();
  }

  @Test
  void xdgDataHomeMovesTheDefaultStationFile() {
    Path data = dir.resolve("xdg");
    Map<String, String> e = new HashMap<>(env);
    e.put("BACKCHANNEL_ADMIN_PASSWORD", PASSWORD);
    e.put("XDG_DATA_HOME", data.toString());

    CliRun run = CliRun.of(e, "init", "--prefix", "WHS", "--name", NAME);

    assertDone(run);
    assertThat(data.resolve("backchannel/station.db")).exists();
    assertThat(home.resolve(".local")).doesNotExist();
  }

  // ---- channel and exchange ----

  @Test
  void channelAndExchangeCreatePrintTheirLinesAndRecordEvents() throws Exception {
    init();

    CliRun channel = run("channel", "create", "BACKCHANNEL", "HAK", "WH");
    CliRun exchange =
        run(
            "exchange",
            "create",
            "OCT72",
            "--channel",
            "BACKCHANNEL",
            "--series",
            "HAKTO:HAK",
            "--series",
            "TOHAK:WH");

    assertDone(channel);
    assertThat(channel.out()).isEqualTo("Channel BACKCHANNEL created with ends HAK and WH\n");
    assertDone(exchange);
    assertThat(exchange.out())
        .isEqualTo(
            "Exchange OCT72 created on channel BACKCHANNEL: HAKTO from HAK, TOHAK from WH\n");
    assertThat(strings("SELECT kind FROM event ORDER BY id"))
        .containsExactly(
            "STATION_INITIALISED", "USER_CREATED", "CHANNEL_CREATED", "EXCHANGE_CREATED");
  }

  @Test
  void aSecondChannelOfTheSameNameExitsFour() {
    setUpStation();

    CliRun again = run("channel", "create", "backchannel", "A", "B");

    assertFailed(again, 4, "CONFLICT: a channel named backchannel exists already");
  }

  @Test
  void aChannelWhoseEndsShareANameExitsTwo() throws Exception {
    setUpStation();

    CliRun run = run("channel", "create", "LOOP", "HAK", "hak");

    assertFailed(run, 2, "INVALID: the two ends of a channel need two names; both are HAK");
    assertThat(count("SELECT COUNT(*) FROM channel")).isEqualTo(1);
  }

  @Test
  void anExchangeOfAnUnknownChannelExitsThree() {
    setUpStation();

    CliRun run =
        run(
            "exchange",
            "create",
            "NOV72",
            "--channel",
            "NOPE",
            "--series",
            "HAKTO:HAK",
            "--series",
            "TOHAK:WH");

    assertFailed(run, 3, "NOT_FOUND: no channel named NOPE");
  }

  @Test
  void aDuplicateExchangeExitsFour() {
    setUpStation();

    CliRun run =
        run(
            "exchange",
            "create",
            "OCT72",
            "--channel",
            "BACKCHANNEL",
            "--series",
            "HAIGTO:HAK",
            "--series",
            "TOHAIG:WH");

    assertFailed(run, 4, "CONFLICT: an exchange named OCT72 exists already");
  }

  @Test
  void anEndThatIsNotTheChannelsExitsThreeNamingTheEndsAndStoresNoHalfExchange() throws Exception {
    setUpStation();
    long events = count("SELECT COUNT(*) FROM event");

    CliRun run =
        run(
            "exchange",
            "create",
            "NOV72",
            "--channel",
            "BACKCHANNEL",
            "--series",
            "HAKTO:HAK",
            "--series",
            "TOHAK:PARIS");

    assertFailed(
        run, 3, "NOT_FOUND: channel BACKCHANNEL has no end named PARIS; its ends are HAK and WH");
    assertThat(strings("SELECT name FROM exchange")).containsExactly("OCT72");
    assertThat(count("SELECT COUNT(*) FROM series")).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM event")).isEqualTo(events);
    assertDone(
        run(
            "exchange",
            "create",
            "NOV72",
            "--channel",
            "BACKCHANNEL",
            "--series",
            "HAKTO:HAK",
            "--series",
            "TOHAK:WH"));
  }

  @Test
  void seriesGivenOnceExitsTwo() {
    setUpStation();

    CliRun run =
        run("exchange", "create", "NOV72", "--channel", "BACKCHANNEL", "--series", "HAKTO:HAK");

    assertFailed(
        run, 2, "INVALID: an exchange has exactly two series; give --series twice, not 1 times");
  }

  @Test
  void aSeriesWithoutItsEndExitsTwo() {
    setUpStation();

    CliRun run =
        run(
            "exchange",
            "create",
            "NOV72",
            "--channel",
            "BACKCHANNEL",
            "--series",
            "HAKTO",
            "--series",
            "TOHAK:WH");

    assertFailed(run, 2, "INVALID: a series is given as SERIES:END, e.g. HAKTO:HAK; got \"HAKTO\"");
  }

  @Test
  void aSeriesNameThatIsNotLettersExitsTwo() {
    setUpStation();

    CliRun run =
        run(
            "exchange",
            "create",
            "NOV72",
            "--channel",
            "BACKCHANNEL",
            "--series",
            "HAK-TO:HAK",
            "--series",
            "TOHAK:WH");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("INVALID: series: must be 1 to 20 letters A-Z: ");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void bothSeriesFromOneEndExitTwo() {
    setUpStation();

    CliRun run =
        run(
            "exchange",
            "create",
            "NOV72",
            "--channel",
            "BACKCHANNEL",
            "--series",
            "HAKTO:HAK",
            "--series",
            "TOHAK:HAK");

    assertFailed(run, 2, "INVALID: each end sends one series; both series are sent by HAK");
  }

  @ParameterizedTest(name = "channel create \"{0}\" \"{1}\" \"{2}\"")
  @CsvSource({"'',HAK,WH", "'  ',HAK,WH", "PARIS,'',WH", "PARIS,HAK,' '"})
  void aChannelWithABlankNameOrEndExitsTwoAndStoresNothing(String name, String a, String b)
      throws Exception {
    setUpStation();

    CliRun run = run("channel", "create", name, a, b);

    assertThat(run.exit()).as("exit code; stdout: %s", run.out()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("INVALID: ");
    assertThat(strings("SELECT name FROM channel")).containsExactly("BACKCHANNEL");
  }

  @Test
  void anExchangeWithABlankNameExitsTwoAndStoresNothing() throws Exception {
    setUpStation();

    CliRun run =
        run(
            "exchange",
            "create",
            " ",
            "--channel",
            "BACKCHANNEL",
            "--series",
            "HAKTO:HAK",
            "--series",
            "TOHAK:WH");

    assertThat(run.exit()).as("exit code; stdout: %s", run.out()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("INVALID: ");
    assertThat(strings("SELECT name FROM exchange")).containsExactly("OCT72");
  }

  @Test
  void channelAndExchangeWithoutAStationFileExitTwoNotInitialised() {
    String noFile =
        "NOT_INITIALISED: there is no station file at " + store + "; run backchannel init first";

    assertFailed(run("channel", "create", "BACKCHANNEL", "HAK", "WH"), 2, noFile);
    assertThat(store).doesNotExist();
  }

  @Test
  void channelAndExchangeOnAStoreNeverInitialisedExitTwoNotInitialised() {
    String notSetUp =
        "NOT_INITIALISED: the station file " + store + " is not set up; run backchannel init first";
    SqliteStore.open(store, Clock.systemUTC()).close();

    assertFailed(run("channel", "create", "BACKCHANNEL", "HAK", "WH"), 2, notSetUp);
    assertFailed(
        run(
            "exchange",
            "create",
            "OCT72",
            "--channel",
            "BACKCHANNEL",
            "--series",
            "HAKTO:HAK",
            "--series",
            "TOHAK:WH"),
        2,
        notSetUp);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"release", "show", "list"})
  void readingAndReleasingOnAStoreNeverInitialisedExitTwoNotInitialised(String command)
      throws IOException {
    Path draft = file("draft.txt", DRAFT);
    String[] args =
        switch (command) {
          case "release" -> new String[] {"release", draft.toString(), "--series", "HAKTO"};
          case "show" -> new String[] {"show", "Hakto 1"};
          default -> new String[] {"list"};
        };
    // the station file exists (opened once) but was never set up
    SqliteStore.open(store, Clock.systemUTC()).close();

    CliRun run = run(args);

    assertFailed(
        run,
        2,
        "NOT_INITIALISED: the station file "
            + store
            + " is not set up; run backchannel init first");
  }

  @Test
  void aCommandOtherThanInitCreatesNoStationFile() {
    CliRun run = run("list");

    assertThat(store).as("only init creates a station file").doesNotExist();
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
  }

  // ---- release ----

  @Test
  void releasingACanonicalDraftPrintsDesignatorDtgAndSha256() throws Exception {
    setUpStation();
    Instant before = Instant.now();

    Matcher m = release(DRAFT, "HAKTO");

    assertThat(m.group(1)).isEqualTo("Hakto 1/WHS 1");
    assertThat(m.group(2)).isEqualTo("OCT72");
    String dtg = m.group(3);
    assertThat(dtg).isIn(Dtg.of(before).text(), Dtg.of(Instant.now()).text());
    assertThat(m.group(4)).isEqualTo(sha256(released(DRAFT, dtg, "HAKTO 1/WHS 1")));
  }

  @Test
  void releasesNumberEachSeriesFromOneAndTheStationSerialAcrossSeries() throws Exception {
    setUpStation();

    assertThat(release(DRAFT, "HAKTO").group(1)).isEqualTo("Hakto 1/WHS 1");
    assertThat(release(DRAFT, "HAKTO").group(1)).isEqualTo("Hakto 2/WHS 2");
    assertThat(release(REPLY, "TOHAK").group(1)).isEqualTo("Tohak 1/WHS 3");
    assertThat(release(DRAFT, "hakto").group(1)).isEqualTo("Hakto 3/WHS 4");
    assertThat(strings("SELECT kind FROM event WHERE kind = 'CABLE_RELEASED'")).hasSize(4);
  }

  @Test
  void releaseJsonIsOneObjectWithTheStationsFacts() throws Exception {
    setUpStation();
    release(REPLY, "TOHAK");
    Path draft = file("draft.txt", DRAFT);

    CliRun run = run("release", draft.toString(), "--series", "HAKTO", "--json");

    assertDone(run);
    assertThat(run.out().lines()).hasSize(1);
    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("designator").get("text").asText()).isEqualTo("Hakto 1/WHS 2");
    assertThat(json.get("designator").get("series").asText()).isEqualTo("HAKTO");
    assertThat(json.get("designator").get("serial").asInt()).isEqualTo(1);
    assertThat(json.get("designator").get("stationSerial").get("text").asText()).isEqualTo("WHS 2");
    String dtg = json.get("dtg").asText();
    assertThat(dtg).matches("[0-9]{6}Z [A-Z]{3} [0-9]{2}");
    assertThat(json.get("sha256").asText())
        .isEqualTo(sha256(released(DRAFT, dtg, "HAKTO 1/WHS 2")));
    assertThat(json.get("exchange").asText()).isEqualTo("OCT72");
    assertThat(json.get("origin").asText()).isEqualTo("RELEASED");
    Instant at = Instant.parse(json.get("releasedAt").asText());
    assertThat(Dtg.of(at).text()).isEqualTo(dtg);
    assertThat(json.get("seen").asInt()).as("seen: Tohak 1 was held").isEqualTo(1);
    assertThat(run.out()).doesNotContain("null");
  }

  @Test
  void aMalformedDraftExitsTwoWithFileLineColumnCodeAndStoresNothing() throws Exception {
    setUpStation();
    long events = count("SELECT COUNT(*) FROM event");
    Path bad =
        file(
            "bad.txt",
            DRAFT.replace("TOP SECRET SENSITIVE EXCLUSIVELY EYES ONLY", "TOP SECRET BOGUS"));

    CliRun run = run("release", bad.toString(), "--series", "HAKTO");

    assertFailed(
        run,
        2,
        bad
            + ":2:12: LABEL: unknown caveat or eyes-only marking at \"BOGUS\"; this station"
            + " knows the caveats [CHEROKEE, EXDIS, LIMDIS, NODIS, NOFORN, ORCON, OUTSIDE THE"
            + " SYSTEM, SENSITIVE, SPECAT, UMBRA] and the markings EYES ONLY, EXCLUSIVELY EYES"
            + " ONLY, LITERALLY EYES ONLY");
    CliRun list = run("list", "--json");
    assertDone(list);
    assertThat(list.out()).isEmpty();
    assertThat(count("SELECT COUNT(*) FROM event")).isEqualTo(events);
    assertThat(count("SELECT COUNT(*) FROM cable")).isZero();
    assertThat(release(DRAFT, "HAKTO").group(1)).isEqualTo("Hakto 1/WHS 1");
  }

  @Test
  void aDraftWithTrailingSpaceNamesItsLineAndColumn() throws Exception {
    setUpStation();
    Path bad =
        file("bad.txt", DRAFT.replace("TO: HAIG (WASHINGTON)\n", "TO: HAIG (WASHINGTON) \n"));

    CliRun run = run("release", bad.toString(), "--series", "HAKTO");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).matches(Pattern.quote(bad.toString()) + ":4:[0-9]+: [A-Z_]+: .+\n");
    assertThat(count("SELECT COUNT(*) FROM cable")).isZero();
  }

  @Test
  void aDraftOverTheSizeLimitExitsTwoTooLargeAndStoresNothing() throws Exception {
    setUpStation();
    String big = DRAFT + "\n2. " + "A".repeat(9_000) + "\n";
    for (int i = 3; big.length() <= 64 * 1024; i++) {
      big += "\n" + i + ". " + "B".repeat(9_000) + "\n";
    }
    Path bad = file("big.txt", big);

    CliRun run = run("release", bad.toString(), "--series", "HAKTO");

    assertFailed(
        run,
        2,
        bad
            + ":1:1: TOO_LARGE: the text is "
            + big.getBytes(StandardCharsets.UTF_8).length
            + " bytes; the limit is 65536");
    assertThat(count("SELECT COUNT(*) FROM cable")).isZero();
  }

  @Test
  void aReferenceToACableThatDoesNotExistExitsThreeAndUsesNoSerial() throws Exception {
    setUpStation();
    long events = count("SELECT COUNT(*) FROM event");
    Path draft =
        file(
            "ref.txt",
            DRAFT.replace(
                "SUBJ: SECURITY SITUATION\n", "REF: TOHAK 99\nSUBJ: SECURITY SITUATION\n"));

    CliRun run = run("release", draft.toString(), "--series", "HAKTO");

    assertFailed(run, 3, "NOT_FOUND: REF TOHAK 99 names no cable of exchange OCT72");
    assertThat(run("list", "--json").out()).isEmpty();
    assertThat(count("SELECT COUNT(*) FROM event")).isEqualTo(events);
    assertThat(count("SELECT COUNT(*) FROM cable_reference")).isZero();
    assertThat(strings("SELECT station_serial FROM station")).containsExactly("0");
    assertThat(strings("SELECT counter FROM series ORDER BY id")).containsExactly("0", "0");
    assertThat(release(DRAFT, "HAKTO").group(1)).isEqualTo("Hakto 1/WHS 1");
  }

  @Test
  void aReferenceToAHeldCableIsReleasedAndShownWithIt() throws Exception {
    setUpStation();
    release(REPLY, "TOHAK");
    String withRef =
        DRAFT.replace("SUBJ: SECURITY SITUATION\n", "REF: TOHAK 1\nSUBJ: SECURITY SITUATION\n");

    Matcher m = release(withRef, "HAKTO");

    assertThat(m.group(1)).isEqualTo("Hakto 1/WHS 2");
    CliRun show = run("show", "Hakto 1");
    assertDone(show);
    assertThat(show.out()).contains("\nHAKTO 1/WHS 2\nREF: TOHAK 1\nSUBJ: SECURITY SITUATION\n");
    assertThat(count("SELECT COUNT(*) FROM cable_reference")).isEqualTo(1);
  }

  @Test
  void aReferenceToAParagraphTheHeldCableDoesNotHaveIsRefusedAsInvalid() throws Exception {
    setUpStation();
    release(REPLY, "TOHAK");
    Path draft =
        file(
            "ref.txt",
            DRAFT.replace(
                "SUBJ: SECURITY SITUATION\n", "REF: TOHAK 1 PARA 2\nSUBJ: SECURITY SITUATION\n"));

    CliRun run = run("release", draft.toString(), "--series", "HAKTO");

    assertFailed(
        run,
        2,
        "INVALID: REF TOHAK 1 PARA 2 names paragraph 2 of Tohak 1/WHS 1, which has no paragraph 2");
    assertThat(count("SELECT COUNT(*) FROM cable_reference")).isZero();
  }

  @Test
  void aCableThatHasADesignatorAlreadyIsRefusedAsInvalid() throws Exception {
    setUpStation();
    Path sent = file("sent.txt", released(DRAFT, "221530Z OCT 72", "HAKTO 45/225"));

    CliRun run = run("release", sent.toString(), "--series", "HAKTO");

    assertFailed(
        run,
        2,
        "INVALID: only a draft can be released; this cable already has the designator Hakto"
            + " 45/225");
    assertThat(count("SELECT COUNT(*) FROM cable")).isZero();
  }

  @Test
  void aSeriesTheExchangeDoesNotHaveExitsThree() throws Exception {
    setUpStation();
    Path draft = file("draft.txt", DRAFT);

    CliRun run = run("release", draft.toString(), "--series", "HAIGTO");

    assertFailed(
        run,
        3,
        "NOT_FOUND: HAIGTO is not a series of exchange OCT72; its series are HAKTO and TOHAK");
    assertThat(count("SELECT COUNT(*) FROM cable")).isZero();
  }

  @Test
  void aMissingDraftFileExitsThree() {
    setUpStation();
    Path missing = dir.resolve("missing.txt");

    CliRun run = run("release", missing.toString(), "--series", "HAKTO");

    assertFailed(run, 3, "NOT_FOUND: " + missing + ": no such file");
  }

  @Test
  void releaseIntoAnUnknownExchangeExitsThree() throws Exception {
    setUpStation();
    Path draft = file("draft.txt", DRAFT);

    CliRun run = run("release", draft.toString(), "--series", "HAKTO", "--exchange", "NOV72");

    assertFailed(run, 3, "NOT_FOUND: no exchange named NOV72");
  }

  @Test
  void releaseWithoutSeriesIsAUsageError() throws Exception {
    setUpStation();
    Path draft = file("draft.txt", DRAFT);

    CliRun run = run("release", draft.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "USAGE: on the station file, release takes FILE --series SERIES; --draft needs a"
                + " running station\n");
  }

  // ---- show ----

  @Test
  void showPrintsTheCanonicalTextAsStoredWhoseHashIsTheOneReleasePrinted() throws Exception {
    setUpStation();
    Matcher m = release(DRAFT, "HAKTO");

    CliRun show = run("show", "Hakto 1");

    assertDone(show);
    assertThat(show.out()).isEqualTo(released(DRAFT, m.group(3), "HAKTO 1/WHS 1"));
    assertThat(sha256(show.out())).isEqualTo(m.group(4));
    assertThat(strings("SELECT canonical FROM cable")).containsExactly(show.out());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"HAKTO 1/WHS 1", "hakto 1", "Hakto 1/WHS 1", "WHS 1"})
  void showFindsACableByAnyFormOfItsDesignator(String designator) throws Exception {
    setUpStation();
    Matcher m = release(DRAFT, "HAKTO");
    release(REPLY, "TOHAK");

    CliRun show = run("show", designator);

    assertDone(show);
    assertThat(show.out()).isEqualTo(released(DRAFT, m.group(3), "HAKTO 1/WHS 1"));
  }

  @Test
  void showOfAMissingDesignatorExitsThree() throws Exception {
    setUpStation();
    release(DRAFT, "HAKTO");

    CliRun run = run("show", "Hakto 9");

    assertFailed(run, 3, "NOT_FOUND: no cable Hakto 9 in exchange OCT72");
  }

  @Test
  void showOfASeriesSerialWithAnotherStationSerialIsNotFound() throws Exception {
    setUpStation();
    release(DRAFT, "HAKTO");

    CliRun run = run("show", "Hakto 1/WHS 7");

    assertFailed(run, 3, "NOT_FOUND: no cable Hakto 1/WHS 7 in exchange OCT72");
  }

  @Test
  void showOfSomethingThatIsNoDesignatorIsNotFound() throws Exception {
    setUpStation();

    CliRun run = run("show", "nothing at all");

    assertFailed(run, 3, "NOT_FOUND: no cable nothing at all in exchange OCT72");
  }

  @Test
  void showJsonIsTheStoredCablesObject() throws Exception {
    setUpStation();
    Matcher m = release(DRAFT, "HAKTO");

    CliRun show = run("show", "Hakto 1", "--json");

    assertDone(show);
    assertThat(show.out().lines()).hasSize(1);
    JsonNode json = JSON.readTree(show.out());
    assertThat(json.get("designator").get("text").asText()).isEqualTo("Hakto 1/WHS 1");
    assertThat(json.get("dtg").asText()).isEqualTo(m.group(3));
    assertThat(json.get("sha256").asText()).isEqualTo(m.group(4));
    assertThat(json.get("exchange").asText()).isEqualTo("OCT72");
    assertThat(json.get("origin").asText()).isEqualTo("RELEASED");
    assertThat(json.get("seen").asInt()).isZero();
    assertThat(json.has("releasedAt")).isTrue();
    assertThat(json.get("subject").asText()).isEqualTo("SECURITY SITUATION");
  }

  @Test
  void withTwoExchangesShowNeedsExchangeAndSaysWhichThereAre() throws Exception {
    setUpStation();
    release(DRAFT, "HAKTO");
    assertDone(
        run(
            "exchange",
            "create",
            "NOV72",
            "--channel",
            "BACKCHANNEL",
            "--series",
            "HAKTO:HAK",
            "--series",
            "TOHAK:WH"));

    CliRun without = run("show", "Hakto 1");
    CliRun inOct = run("show", "Hakto 1", "--exchange", "oct72");
    CliRun inNov = run("show", "Hakto 1", "--exchange", "NOV72");

    assertFailed(
        without,
        2,
        "INVALID: the station has 2 exchanges; name one with --exchange (OCT72, NOV72)");
    assertDone(inOct);
    assertThat(inOct.out()).contains("\nHAKTO 1/WHS 1\n");
    assertFailed(inNov, 3, "NOT_FOUND: no cable Hakto 1 in exchange NOV72");
  }

  @Test
  void withTwoExchangesReleaseNeedsExchangeToo() throws Exception {
    setUpStation();
    assertDone(
        run(
            "exchange",
            "create",
            "NOV72",
            "--channel",
            "BACKCHANNEL",
            "--series",
            "HAKTO:HAK",
            "--series",
            "TOHAK:WH"));
    Path draft = file("draft.txt", DRAFT);

    CliRun without = run("release", draft.toString(), "--series", "HAKTO");

    assertFailed(
        without,
        2,
        "INVALID: the station has 2 exchanges; name one with --exchange (OCT72, NOV72)");
    assertThat(count("SELECT COUNT(*) FROM cable")).isZero();
    assertThat(release(DRAFT, "HAKTO", "--exchange", "NOV72").group(1)).isEqualTo("Hakto 1/WHS 1");
    assertThat(release(DRAFT, "HAKTO", "--exchange", "OCT72").group(1)).isEqualTo("Hakto 1/WHS 2");
  }

  @Test
  void showInAnUnknownExchangeExitsThree() {
    setUpStation();

    CliRun run = run("show", "Hakto 1", "--exchange", "NOV72");

    assertFailed(run, 3, "NOT_FOUND: no exchange named NOV72");
  }

  // ---- list ----

  @Test
  void listPrintsAHeaderAndOneRowPerCableNewestFirst() throws Exception {
    setUpStation();
    String first = release(DRAFT, "HAKTO").group(3);
    String second = release(REPLY, "TOHAK").group(3);

    CliRun list = run("list");

    assertDone(list);
    assertThat(list.out().lines())
        .containsExactly(
            "EXCHANGE   DESIGNATOR           DTG             PRECEDENCE      LABEL             "
                + "                            FROM                 TO",
            String.format(
                LIST_FORMAT,
                "OCT72",
                "Tohak 1/WHS 2",
                second,
                "IMMEDIATE",
                "SECRET",
                "HAIG (WASHINGTON)",
                "KISSINGER (SAIGON)"),
            String.format(
                LIST_FORMAT,
                "OCT72",
                "Hakto 1/WHS 1",
                first,
                "FLASH",
                "TOP SECRET SENSITIVE EXCLUSIVELY EYES ONLY",
                "KISSINGER (SAIGON)",
                "HAIG (WASHINGTON)"));
  }

  @Test
  void listOfAStationWithoutCablesSaysSo() {
    setUpStation();

    CliRun list = run("list");

    assertDone(list);
    assertThat(list.out().lines()).hasSize(2).last().isEqualTo("(no cables)");
  }

  @Test
  void listJsonPrintsJsonLinesNewestFirst() throws Exception {
    setUpStation();
    String first = release(DRAFT, "HAKTO").group(3);
    release(REPLY, "TOHAK");
    release(DRAFT, "HAKTO");

    CliRun list = run("list", "--json");

    assertDone(list);
    List<JsonNode> rows = new ArrayList<>();
    for (String line : list.out().lines().toList()) {
      rows.add(JSON.readTree(line));
    }
    assertThat(rows)
        .extracting(r -> r.get("designator").asText())
        .containsExactly("Hakto 2/WHS 3", "Tohak 1/WHS 2", "Hakto 1/WHS 1");
    JsonNode oldest = rows.get(2);
    assertThat(oldest.get("exchange").asText()).isEqualTo("OCT72");
    assertThat(oldest.get("dtg").asText()).isEqualTo(first);
    assertThat(oldest.get("precedence").asText()).isEqualTo("FLASH");
    assertThat(oldest.get("label").asText())
        .isEqualTo("TOP SECRET SENSITIVE EXCLUSIVELY EYES ONLY");
    assertThat(oldest.get("from").asText()).isEqualTo("KISSINGER (SAIGON)");
    assertThat(oldest.get("to")).hasSize(1);
    assertThat(oldest.get("to").get(0).asText()).isEqualTo("HAIG (WASHINGTON)");
    assertThat(oldest.get("origin").asText()).isEqualTo("RELEASED");
    assertThat(list.out()).doesNotContain("SITUATION").doesNotContain("quiet");
  }

  @Test
  void listLimitKeepsTheNewest() throws Exception {
    setUpStation();
    release(DRAFT, "HAKTO");
    release(REPLY, "TOHAK");
    release(DRAFT, "HAKTO");

    CliRun list = run("list", "--json", "--limit", "2");

    assertDone(list);
    assertThat(list.out().lines())
        .hasSize(2)
        .allSatisfy(l -> assertThat(l).doesNotContain("\"Hakto 1/WHS 1\""));
  }

  @Test
  void listExchangeShowsOnlyThatExchange() throws Exception {
    setUpStation();
    assertDone(
        run(
            "exchange",
            "create",
            "NOV72",
            "--channel",
            "BACKCHANNEL",
            "--series",
            "HAKTO:HAK",
            "--series",
            "TOHAK:WH"));
    release(DRAFT, "HAKTO", "--exchange", "OCT72");
    release(DRAFT, "HAKTO", "--exchange", "NOV72");

    CliRun all = run("list", "--json");
    CliRun nov = run("list", "--json", "--exchange", "NOV72");

    assertDone(all);
    assertThat(all.out().lines()).hasSize(2);
    assertDone(nov);
    assertThat(nov.out().lines()).hasSize(1);
    assertThat(JSON.readTree(nov.out()).get("designator").asText()).isEqualTo("Hakto 1/WHS 2");
  }

  @Test
  void listOfAnUnknownExchangeExitsThree() {
    setUpStation();

    CliRun list = run("list", "--exchange", "NOV72");

    assertFailed(list, 3, "NOT_FOUND: no exchange named NOV72");
  }

  // ---- a held station file ----

  @Test
  void aCommandOnAStoreHeldByAnotherExitsOneLockedAndPrintsNothing() throws Exception {
    setUpStation();
    Path draft = file("draft.txt", DRAFT);
    String locked =
        "LOCKED: the station file "
            + store
            + " is in use by another process (a running station or another command); stop it or"
            + " give another --store";

    try (Store held = SqliteStore.open(store, Clock.systemUTC())) {
      assertFailed(run("list"), 1, locked);
      assertFailed(run("show", "Hakto 1"), 1, locked);
      assertFailed(run("release", draft.toString(), "--series", "HAKTO"), 1, locked);
      assertFailed(run("channel", "create", "OTHER", "A", "B"), 1, locked);
      assertThat(held.cables(Optional.empty(), 10)).isEmpty();
    }
    assertThat(count("SELECT COUNT(*) FROM cable")).isZero();
    assertThat(count("SELECT COUNT(*) FROM channel")).isEqualTo(1);
    assertThat(release(DRAFT, "HAKTO").group(1)).isEqualTo("Hakto 1/WHS 1");
  }

  @Test
  void initOnAHeldStoreExitsOneAndWritesNoKey() {
    try (Store held = SqliteStore.open(store, Clock.systemUTC())) {
      CliRun run =
          runWith(
              Map.of("BACKCHANNEL_ADMIN_PASSWORD", PASSWORD),
              "init",
              "--prefix",
              "WHS",
              "--name",
              NAME);

      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).startsWith("LOCKED: the station file " + store + " is in use");
      assertThat(keyFile()).doesNotExist();
      assertThat(held.station()).isEmpty();
    }
  }
}
