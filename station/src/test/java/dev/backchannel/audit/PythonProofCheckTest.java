package dev.backchannel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.cable.Classification;
import dev.backchannel.server.Http;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.Role;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's algorithm for checking a receipt's proof is enough: a short independent script
 * (Python's standard library and Debian's python3-nacl, installed by scripts/python-nacl) written
 * from the README alone accepts a proof the station made and refuses one edited by a character.
 */
class PythonProofCheckTest {
  @TempDir Path dir;

  private String python(Path script, Path proof) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("/usr/bin/python3", script.toString(), proof.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() + " " + out;
  }

  @Test
  void theReadmesAlgorithmInPythonChecksAProofAndRefusesAnEditedOne() throws Exception {
    Path script = dir.resolve("check_proof.py");
    try (InputStream in = getClass().getResourceAsStream("/audit/check_proof.py")) {
      Files.write(script, in.readAllBytes());
    }
    String proof;
    try (TestStation station = TestStation.start(Files.createDirectories(dir.resolve("s")))) {
      station.october();
      station.user("kissinger", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
      station.user("haig", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
      station.store.putMember("BC", "HAK", "kissinger", true, "admin");
      station.store.putMember("BC", "WH", "haig", true, "admin");
      Http kissinger = station.token("kissinger");
      Http haig = station.token("haig");
      for (int i = 1; i <= 5; i++) {
        Http.Answer d =
            kissinger.post(
                "/api/drafts",
                "{\"exchange\":\"OCT72\",\"text\":\"FLASH\\nTOP SECRET\\nFROM: KISSINGER\\nTO:"
                    + " HAIG\\n\\n1. NUMBER "
                    + i
                    + ".\\n\"}");
        assertThat(kissinger.post("/api/drafts/" + d.json().get("id") + "/release", "{}").status())
            .isEqualTo(201);
      }
      assertThat(haig.get("/api/exchanges/OCT72/cables/Hakto%203").status()).isEqualTo(200);
      assertThat(
              haig.post(
                      "/api/exchanges/OCT72/cables/Hakto%203/receipts",
                      "{\"kind\":\"ACKNOWLEDGED\",\"client\":\"cli\"}")
                  .status())
          .isEqualTo(200);
      Http.Answer a =
          kissinger.get(
              "/api/exchanges/OCT72/cables/Hakto%203/proof?reader=haig&kind=ACKNOWLEDGED");
      assertThat(a.status()).as(a.body()).isEqualTo(200);
      proof = a.body();
    }
    Path good = Files.writeString(dir.resolve("proof.json"), proof);
    Path edited =
        Files.writeString(dir.resolve("edited.json"), proof.replace("ACKNOWLEDGED", "OPENED"));

    assertThat(python(script, good))
        .startsWith("0 holds: haig RECEIPT ACKNOWLEDGED of Hakto 3/WHS 3 at 2026-11-25T09:00:00Z,")
        .contains(" of backchannel/WHS/");
    assertThat(python(script, edited))
        .startsWith("1 proof fails: entry ")
        .endsWith(" is not in the checkpoint\n");
  }
}
