package dev.backchannel.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import dev.backchannel.audit.AuditLog;
import dev.backchannel.server.TestStation;
import dev.backchannel.tlog.Checkpoint;
import dev.backchannel.tlog.Hash;
import dev.backchannel.tlog.SignedNote;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The browser as a witness of the audit log (G8): it keeps the checkpoint it verified, and when the
 * station's file is rewritten behind it, the next page shows a blocking warning.
 */
class WitnessTest extends OctoberTest {
  /** Signs a checkpoint with the station's own key, as its operator could, into its file. */
  private void forgeCheckpoint(long size, Hash root) throws SQLException {
    SignedNote.Verifier key = AuditLog.verifier(october.station.store.station().orElseThrow());
    String note =
        SignedNote.sign(
            new Checkpoint(key.name(), size, root).text(), key, october.station.keys.getPrivate());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("station.db"));
        PreparedStatement p =
            c.prepareStatement("INSERT INTO checkpoint (size, at, note) VALUES (?, ?, ?)")) {
      p.setLong(1, size);
      p.setLong(2, october.station.clock.instant().toEpochMilli());
      p.setString(3, note);
      p.executeUpdate();
    }
  }

  @Test
  void aBrowserThatVerifiedTheLogWarnsAndBlocksWhenTheStationRewritesIt() throws Exception {
    october.release(october.kissinger, "IMMEDIATE", List.of("THE FIRST."));
    assertThat(october.station.token("admin").post("/api/log/checkpoints", "{}").status())
        .isEqualTo(200);
    Page haig = october.chromium.loggedIn("haig", TestStation.PASSWORD);
    // the login page kept the checkpoint; the inbox found the log consistent with it
    haig.locator("body[data-witness=consistent]").waitFor();
    assertThat(
            haig.evaluate("() => JSON.parse(localStorage.getItem('backchannel.checkpoint')).size"))
        .isEqualTo((int) october.station.store.latestCheckpoint().orElseThrow().size());
    october.release(october.kissinger, "IMMEDIATE", List.of("THE SECOND."));
    assertThat(october.station.token("admin").post("/api/log/checkpoints", "{}").status())
        .isEqualTo(200);
    haig.reload();
    haig.locator("body[data-witness=consistent]").waitFor();
    assertThat(haig.locator("#log-alarm").count()).isZero();

    // the operator rewrites history: a checkpoint of a larger log whose root is another
    long size = october.station.store.logTree().size() + 1;
    october.release(october.kissinger, "IMMEDIATE", List.of("THE THIRD."));
    byte[] other = new byte[Hash.LENGTH];
    Arrays.fill(other, (byte) 7);
    forgeCheckpoint(size, Hash.of(other));
    haig.reload();

    haig.locator("#log-alarm").waitFor();
    assertThat(haig.locator("#log-alarm").getAttribute("role")).isEqualTo("alertdialog");
    assertThat(haig.locator("#log-alarm p").innerText())
        .startsWith("Its log of " + size + " entries does not hold the ");
    BoundingBox box = haig.locator("#log-alarm").boundingBox();
    assertThat(box.width).isEqualTo(1280);
    assertThat(box.height).isEqualTo(720);
    Chromium.screenshot(haig, "witness-alarm");
  }
}
