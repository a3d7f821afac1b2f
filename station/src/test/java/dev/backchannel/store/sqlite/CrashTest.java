package dev.backchannel.store.sqlite;

import static dev.backchannel.store.StoreFixtures.EXCHANGE;
import static dev.backchannel.store.StoreFixtures.HAKTO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.store.StoreFixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN 8: a separate JVM releasing a stream of cables is killed with {@code destroyForcibly};
 * every designator it printed as acknowledged is present after reopening, and the series is gapless
 * (G1, G10).
 */
class CrashTest {
  private static final int ACKS_BEFORE_KILL = 400;

  @TempDir Path dir;

  private Process start(String mode, Path file) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            ReleaseStream.class.getName(),
            mode,
            file.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  @Test
  void everyAcknowledgedReleaseSurvivesAKilledProcessAndTheSeriesIsGapless() throws Exception {
    Path file = dir.resolve("station.db");
    try (SqliteStore store = SqliteStore.open(file, Clock.systemUTC())) {
      StoreFixtures.setUp(store);
    }
    Process child = start("release", file);
    List<String> acknowledged = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("ACK ")) {
          acknowledged.add(line.substring(4));
          if (acknowledged.size() == ACKS_BEFORE_KILL) {
            child.destroyForcibly();
            break;
          }
        }
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(acknowledged).hasSize(ACKS_BEFORE_KILL);
    try (SqliteStore store = SqliteStore.open(file, Clock.systemUTC())) {
      List<Integer> serials = store.serials(EXCHANGE, HAKTO);
      assertThat(serials)
          .as("the series after the crash")
          .containsExactlyElementsOf(IntStream.rangeClosed(1, serials.size()).boxed().toList());
      for (String designator : acknowledged) {
        int serial =
            Integer.parseInt(designator.substring("Hakto ".length(), designator.indexOf('/')));
        assertThat(store.cable(EXCHANGE, HAKTO, serial))
            .as("acknowledged %s", designator)
            .hasValueSatisfying(c -> assertThat(c.designatorText()).isEqualTo(designator));
      }
    }
  }

  @Test
  void aSecondProcessOpeningAHeldStoreIsRefused() throws Exception {
    Path file = dir.resolve("station.db");
    try (SqliteStore store = SqliteStore.open(file, Clock.systemUTC())) {
      assertThat(store.file()).isEqualTo(file.toAbsolutePath());
      Process other = start("open", file);
      String answer =
          new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();

      assertThat(answer)
          .isEqualTo(
              "LOCKED: the station file "
                  + file.toAbsolutePath()
                  + " is in use by another process (a running station or another command);"
                  + " stop it or give another --store");
    }
  }
}
