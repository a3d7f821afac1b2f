package dev.backchannel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.audit.AuditLog;
import dev.backchannel.cable.Classification;
import dev.backchannel.server.Http;
import dev.backchannel.server.StoreFactory;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.Role;
import dev.backchannel.tlog.Checkpoint;
import dev.backchannel.tlog.Hash;
import dev.backchannel.tlog.SignedNote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backchannel audit prove} and {@code check-proof}, and the CLI as a witness of the log
 * (G8): against a real station on a real SQLite file, which the tests rewrite behind its back.
 */
class AuditCommandsTest {
  @TempDir Path dir;

  private TestStation station;
  private String url;
  private Map<String, String> env;

  @BeforeEach
  void setUp() throws IOException {
    Path home = Files.createDirectories(dir.resolve("station"));
    station = TestStation.start(home, Map.of(), StoreFactory.SQLITE);
    url = "http://127.0.0.1:" + station.server.port();
    station.october();
    station.user("kissinger", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    station.user("haig", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
    station.store.putMember("BC", "HAK", "kissinger", true, "admin");
    station.store.putMember("BC", "WH", "haig", true, "admin");
    release(station.token("kissinger"), "1. THE FIRST.");
    assertThat(station.token("haig").get("/api/exchanges/OCT72/cables/Hakto%201").status())
        .isEqualTo(200);
    assertThat(station.token("admin").post("/api/log/checkpoints", "{}").status()).isEqualTo(200);
    env = new HashMap<>();
    env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
    env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    env.put("XDG_DATA_HOME", dir.resolve("data").toString());
    Path password = Files.writeString(dir.resolve("password"), TestStation.PASSWORD + "\n");
    CliRun login =
        CliRun.of(
            env, "login", "--url", url, "--user", "haig", "--password-file", password.toString());
    assertThat(login.exit()).as(login.err()).isZero();
  }

  @AfterEach
  void tearDown() {
    station.close();
  }

  private static void release(Http who, String paragraph) {
    Http.Answer d =
        who.post(
            "/api/drafts",
            "{\"exchange\":\"OCT72\",\"text\":\"IMMEDIATE\\nTOP SECRET\\nFROM: KISSINGER\\nTO:"
                + " HAIG\\n\\n"
                + paragraph
                + "\\n\"}");
    assertThat(d.status()).as(d.body()).isEqualTo(201);
    Http.Answer r = who.post("/api/drafts/" + d.json().get("id").asLong() + "/release", "{}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  @Test
  void proveWritesAProofThatCheckProofAcceptsOfflineAndRefusesOnceEdited() throws IOException {
    Path file = dir.resolve("proof.json");

    CliRun prove =
        CliRun.of(
            env,
            "audit",
            "prove",
            "Hakto 1",
            "--exchange",
            "OCT72",
            "--kind",
            "OPENED",
            "--out",
            file.toString());
    CliRun check = CliRun.of(Map.of(), "audit", "check-proof", file.toString());

    assertThat(prove.exit()).as(prove.err()).isZero();
    assertThat(check.err()).isEmpty();
    assertThat(check.exit()).isZero();
    assertThat(check.out())
        .startsWith("proof holds: 2 entries in checkpoint ")
        .contains("CABLE_RELEASED {\"designator\":\"Hakto 1/WHS 1\"")
        .contains("RECEIPT {\"client\":\"api\",\"kind\":\"OPENED\",\"reader\":\"haig\"");
    String text = Files.readString(file);
    Files.writeString(file, text.replace("OPENED", "ACKNOWLEDGED"), StandardCharsets.UTF_8);
    CliRun edited = CliRun.of(Map.of(), "audit", "check-proof", file.toString());
    assertThat(edited.exit()).isEqualTo(ExitCode.FAILURE);
    assertThat(edited.err())
        .startsWith("PROOF_FAILED: entry ")
        .endsWith("its inclusion proof does not lead to the checkpoint's root\n");
  }

  @Test
  void theCliKeepsTheCheckpointItVerifiedOwnerOnlyAndRefusesAStationThatTruncatedItsLog()
      throws Exception {
    CliRun first = CliRun.of(env, "inbox");
    assertThat(first.exit()).as(first.err()).isZero();
    Path kept = dir.resolve("config").resolve("backchannel").resolve("checkpoints.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)))
        .isEqualTo("rw-------");
    long verified = station.store.latestCheckpoint().orElseThrow().size();

    forgeCheckpoint(1, station.store.logTile(0, 0).getFirst(), true);
    CliRun after = CliRun.of(env, "inbox");

    assertThat(after.exit()).isEqualTo(ExitCode.FAILURE);
    assertThat(after.out()).isEmpty();
    assertThat(after.err())
        .isEqualTo(
            "LOG_INCONSISTENT: the station at "
                + url
                + " fails its audit log check: its log now holds 1 entries, fewer than the "
                + verified
                + " of the checkpoint you verified: history was removed\n");
  }

  @Test
  void aStationThatRewroteItsHistoryFailsTheNextCommandOfAClientThatSawTheOld() throws Exception {
    assertThat(CliRun.of(env, "inbox").exit()).isZero();
    long verified = station.store.latestCheckpoint().orElseThrow().size();
    release(station.token("kissinger"), "2. THE SECOND.");
    long size = station.store.logTree().size();
    byte[] other = new byte[Hash.LENGTH];
    new SecureRandom().nextBytes(other);

    forgeCheckpoint(size, Hash.of(other), false);
    CliRun after = CliRun.of(env, "inbox");

    assertThat(after.exit()).isEqualTo(ExitCode.FAILURE);
    assertThat(after.err())
        .isEqualTo(
            "LOG_INCONSISTENT: the station at "
                + url
                + " fails its audit log check: its checkpoint of "
                + size
                + " entries does not hold the tree of "
                + verified
                + " entries you verified: history was rewritten\n");
  }

  @Test
  void verifyRunsOnTheRunningStationForAnAdministratorAndIsRefusedToOthers() throws IOException {
    Map<String, String> admin = new HashMap<>(env);
    admin.put("XDG_CONFIG_HOME", dir.resolve("admin-config").toString());
    Path password = Files.writeString(dir.resolve("admin-password"), TestStation.PASSWORD + "\n");
    assertThat(
            CliRun.of(
                    admin,
                    "login",
                    "--url",
                    url,
                    "--user",
                    "admin",
                    "--password-file",
                    password.toString())
                .exit())
        .isZero();

    CliRun byAdmin = CliRun.of(admin, "audit", "verify");
    CliRun byHaig = CliRun.of(env, "audit", "verify");

    assertThat(byAdmin.err()).isEmpty();
    assertThat(byAdmin.exit()).isZero();
    assertThat(byAdmin.out())
        .startsWith(
            "log holds: " + station.store.logTree().size() + " entries rebuilt from their rows, ");
    assertThat(byHaig.exit()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(byHaig.err()).isEqualTo("FORBIDDEN: this needs the role ADMINISTRATOR\n");
  }

  /**
   * Signs a checkpoint with the station's own key, as its operator could, and puts it in the
   * station file behind the station's back: in place of every other one when {@code alone}.
   */
  private void forgeCheckpoint(long size, Hash root, boolean alone) throws SQLException {
    SignedNote.Verifier key = AuditLog.verifier(station.store.station().orElseThrow());
    String note =
        SignedNote.sign(
            new Checkpoint(key.name(), size, root).text(), key, station.keys.getPrivate());
    Path file = dir.resolve("station").resolve("station.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("DROP TRIGGER checkpoint_append_only_delete");
      if (alone) {
        s.execute("DELETE FROM checkpoint");
      }
      // signed "now" on the station's clock, so that its own checkpointer sees nothing due
      try (PreparedStatement p =
          c.prepareStatement("INSERT INTO checkpoint (size, at, note) VALUES (?, ?, ?)")) {
        p.setLong(1, size);
        p.setLong(2, station.clock.instant().toEpochMilli());
        p.setString(3, note);
        p.executeUpdate();
      }
    }
  }
}
