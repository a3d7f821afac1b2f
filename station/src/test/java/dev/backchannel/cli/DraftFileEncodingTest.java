package dev.backchannel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.cable.Classification;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Part of the attacker's suite of issue 21 (with {@code attacks.StrictInputTest}): a draft file
 * that is not UTF-8 is refused by every command that reads one, naming the line, the column and the
 * byte offset, and nothing is sent to the station with the bad byte replaced.
 */
class DraftFileEncodingTest {
  /** A draft whose paragraph holds the byte 0xFF, at line 6 column 9, byte offset 65. */
  private static final byte[] BAD = bad();

  private static final String PLACE = ":6:9: ENCODING: byte 0xFF at offset 65 is not valid UTF-8\n";

  @TempDir Path dir;
  private TestStation station;
  private Map<String, String> kissinger;
  private long kissingerId;

  private static byte[] bad() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        "IMMEDIATE\nTOP SECRET SENSITIVE\nFROM: KISSINGER\nTO: HAIG\n\n1. TEXT "
            .getBytes(StandardCharsets.UTF_8));
    out.write(0xFF);
    out.writeBytes(".\n".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @BeforeEach
  void startTheOctoberStationAndLogKissingerIn() throws IOException {
    station = TestStation.start(Files.createDirectories(dir.resolve("station")));
    station.october();
    kissingerId =
        station
            .user("kissinger", Classification.TOP_SECRET, Set.of("SENSITIVE"), Role.PRINCIPAL)
            .id();
    station.user("haig", Classification.TOP_SECRET, Set.of("SENSITIVE"), Role.PRINCIPAL);
    station.store.putMember("BC", "HAK", "kissinger", true, "admin");
    station.store.putMember("BC", "WH", "haig", true, "admin");
    kissinger = new HashMap<>();
    kissinger.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
    kissinger.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    kissinger.put("XDG_DATA_HOME", dir.resolve("data").toString());
    Path password = Files.writeString(dir.resolve("password.txt"), TestStation.PASSWORD + "\n");
    CliRun login =
        CliRun.of(
            kissinger,
            "login",
            "--url",
            "http://127.0.0.1:" + station.server.port(),
            "--user",
            "kissinger",
            "--password-file",
            password.toString());
    assertThat(login.exit()).as(login.err()).isZero();
  }

  @AfterEach
  void stopTheStation() {
    station.close();
  }

  @Test
  void releaseOfADraftFileWithABadByteExitsTwoNamingItsOffsetAndSendsNothing() throws IOException {
    Path file = Files.write(dir.resolve("bad.txt"), BAD);

    CliRun run = CliRun.of(kissinger, "release", file.toString(), "--confirm");

    assertThat(run.err()).isEqualTo(file + PLACE);
    assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(station.store.drafts(kissingerId)).isEmpty();
  }

  @Test
  void savingADraftFileWithABadByteExitsTwoNamingItsOffsetAndSavesNothing() throws IOException {
    Path file = Files.write(dir.resolve("bad.txt"), BAD);

    CliRun run = CliRun.of(kissinger, "draft", file.toString());

    assertThat(run.err()).isEqualTo(file + PLACE);
    assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(station.store.drafts(kissingerId)).isEmpty();
  }

  @Test
  void parseOfAFileWithABadByteExitsTwoNamingItsOffset() throws IOException {
    Path file = Files.write(dir.resolve("bad.txt"), BAD);

    CliRun run = CliRun.of("parse", file.toString());

    assertThat(run.err()).isEqualTo(file + PLACE);
    assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
  }
}
