package dev.backchannel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.access.AccessPolicy;
import dev.backchannel.audit.AuditLog;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.server.Http;
import dev.backchannel.server.StoreFactory;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.LoggedEvent;
import dev.backchannel.store.NewUser;
import dev.backchannel.store.Role;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoredCheckpoint;
import dev.backchannel.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampering caught (G8): each case edits a real station file behind the station's back, as its
 * operator could, and {@code backchannel audit verify} on that file fails, naming the entry or the
 * checkpoint and what differs.
 */
class AuditTamperTest {
  @TempDir Path dir;

  private Path file;
  private KeyPair keys;
  private Map<String, String> env;
  private long firstCable;

  @BeforeEach
  void aStationWithTrafficReceiptsAndACheckpoint() throws IOException {
    Path home = Files.createDirectories(dir.resolve("station"));
    try (TestStation station = TestStation.start(home, Map.of(), StoreFactory.SQLITE)) {
      keys = station.keys;
      station.october();
      station.user("kissinger", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
      station.user("haig", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
      station.store.putMember("BC", "HAK", "kissinger", true, "admin");
      station.store.putMember("BC", "WH", "haig", true, "admin");
      Http kissinger = station.token("kissinger");
      Http haig = station.token("haig");
      for (int i = 1; i <= 3; i++) {
        Http.Answer d =
            kissinger.post(
                "/api/drafts",
                "{\"exchange\":\"OCT72\",\"text\":\"IMMEDIATE\\nTOP SECRET\\nFROM: KISSINGER\\nTO:"
                    + " HAIG\\n\\n1. CABLE NUMBER "
                    + i
                    + ".\\n\"}");
        assertThat(kissinger.post("/api/drafts/" + d.json().get("id") + "/release", "{}").status())
            .isEqualTo(201);
        assertThat(haig.get("/api/exchanges/OCT72/cables/Hakto%20" + i).status()).isEqualTo(200);
      }
      firstCable = station.store.cables(Optional.empty(), 10).getLast().id();
      assertThat(station.token("admin").post("/api/log/checkpoints", "{}").status()).isEqualTo(200);
    }
    file = home.resolve("station.db");
    env = new HashMap<>();
    env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
    env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    env.put("XDG_DATA_HOME", dir.resolve("data").toString());
  }

  private CliRun verify(Path station) {
    return CliRun.of(env, "audit", "verify", "--store", station.toString());
  }

  private void edit(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** The logged events of the first cable, as the untouched file holds them. */
  private List<LoggedEvent> firstCablesEntries() {
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      return store.loggedForCable(firstCable);
    }
  }

  private long indexOf(String kind) {
    return firstCablesEntries().stream()
        .filter(e -> e.event().kind().equals(kind))
        .findFirst()
        .orElseThrow()
        .index();
  }

  private static void assertDiverges(CliRun run, String firstLine) {
    assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.FAILURE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().findFirst().orElseThrow()).startsWith(firstLine);
  }

  @Test
  void anUntouchedStationFileVerifies() {
    CliRun run = verify(file);

    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    // the clockwork may have signed one before the administrator's: count what the file holds
    int signed;
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      signed = store.checkpoints().size();
    }
    assertThat(signed).isPositive();
    assertThat(run.out())
        .startsWith("log holds: ")
        .contains(", " + signed + " checkpoints signed and consistent");
  }

  @Test
  void oneCharacterOfAReleasedCablesTextChanged() throws SQLException {
    long entry = indexOf("CABLE_RELEASED");
    edit(
        "UPDATE cable SET canonical = replace(canonical, 'CABLE NUMBER', 'CABLE NUMBEr') WHERE id = "
            + firstCable);

    assertDiverges(
        verify(file),
        "LOG_DIVERGES: entry " + entry + ": (CABLE_RELEASED by kissinger): cable: the rows say");
  }

  @Test
  void aReceiptRowDeleted() throws SQLException {
    long entry = indexOf("RECEIPT");
    edit(
        "DROP TRIGGER receipt_append_only_delete",
        "DELETE FROM receipt WHERE kind = 'OPENED' AND cable_id = " + firstCable);

    assertDiverges(
        verify(file),
        "LOG_DIVERGES: entry " + entry + ": (RECEIPT by haig): the rows no longer show it");
  }

  @Test
  void aReceiptsTimeMoved() throws SQLException {
    long entry = indexOf("RECEIPT");
    edit(
        "DROP TRIGGER receipt_append_only_update",
        "UPDATE receipt SET at = at + 60000 WHERE kind = 'OPENED' AND cable_id = " + firstCable);

    assertDiverges(
        verify(file),
        "LOG_DIVERGES: entry "
            + entry
            + ": (RECEIPT by haig): at: the rows say \"2026-11-25T09:01:00Z\", the log holds"
            + " \"2026-11-25T09:00:00Z\"");
  }

  @Test
  void twoEntriesSwapped() throws SQLException {
    long released = indexOf("CABLE_RELEASED");
    long receipt = indexOf("RECEIPT");
    String columns = "at, kind, actor, exchange_id, cable_id, data, salt";
    edit(
        "DROP TRIGGER event_append_only_update",
        "CREATE TEMP TABLE a AS SELECT " + columns + " FROM event WHERE leaf_index = " + released,
        "CREATE TEMP TABLE b AS SELECT " + columns + " FROM event WHERE leaf_index = " + receipt,
        "UPDATE event SET (" + columns + ") = (SELECT * FROM b) WHERE leaf_index = " + released,
        "UPDATE event SET (" + columns + ") = (SELECT * FROM a) WHERE leaf_index = " + receipt);

    assertDiverges(
        verify(file),
        "LOG_DIVERGES: entry "
            + released
            + ": (RECEIPT by haig): its event row no longer hashes to the leaf the log holds for"
            + " it");
  }

  @Test
  void aCheckpointsSignatureReplaced() throws SQLException {
    StoredCheckpoint c;
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      c = store.latestCheckpoint().orElseThrow();
    }
    String forged =
        c.note().substring(0, c.note().lastIndexOf(' ') + 1)
            + java.util.Base64.getEncoder().encodeToString(new byte[68])
            + "\n";
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = conn.createStatement();
        PreparedStatement p = conn.prepareStatement("UPDATE checkpoint SET note = ?")) {
      s.execute("DROP TRIGGER checkpoint_append_only_update");
      p.setString(1, forged);
      p.executeUpdate();
    }

    assertDiverges(
        verify(file),
        "LOG_DIVERGES: checkpoint of "
            + c.size()
            + " entries: its signature does not verify with the station's key backchannel/WHS/");
  }

  @Test
  void theLogTruncatedAndGrownAgainWithOtherEntries() throws IOException, SQLException {
    long shared;
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      shared = store.latestCheckpoint().orElseThrow().size();
    }
    Path rewritten = Files.createDirectories(dir.resolve("rewritten")).resolve("station.db");
    Files.copy(file, rewritten, StandardCopyOption.COPY_ATTRIBUTES);
    StoredCheckpoint later;
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      for (String name : List.of("one", "two", "three")) {
        store.createUser(user(name), "admin");
      }
      later =
          new AuditLog(store, new AccessPolicy(), Optional.of(keys.getPrivate()), Clock.systemUTC())
              .checkpoint();
    }
    try (Store store = SqliteStore.open(rewritten, Clock.systemUTC())) {
      for (String name : List.of("other1", "other2", "other3", "other4", "other5")) {
        store.createUser(user(name), "admin");
      }
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + rewritten);
        PreparedStatement p =
            c.prepareStatement("INSERT INTO checkpoint (size, at, note) VALUES (?, 0, ?)")) {
      p.setLong(1, later.size());
      p.setString(2, later.note());
      p.executeUpdate();
    }

    assertDiverges(
        verify(rewritten),
        "LOG_DIVERGES: checkpoint of "
            + later.size()
            + " entries: the log's first "
            + later.size()
            + " entries no longer give the root it signed; it agrees with the checkpoint of "
            + shared
            + " entries, so history changed after entry "
            + (shared - 1));
    assertThat(verify(file).exit()).as("the untouched history").isZero();
  }

  private static NewUser user(String name) {
    return NewUser.of(
        name,
        new Clearance(Classification.SECRET, Set.of()),
        ZoneId.of("UTC"),
        Set.of(Role.STAFF),
        Optional.of("$argon2id$not-used"),
        Optional.empty());
  }
}
