package dev.backchannel.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.cable.Classification;
import dev.backchannel.server.Http;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.Role;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An attacker who may create users, or draft, tries to get eyes-only content to a name that looks
 * like a cleared reader's (issue 21, G3), and to get terminal controls into names others list (G9):
 * through the real HTTP API, each answer exact.
 */
class LookalikeNamesTest {
  @TempDir Path dir;

  private TestStation station;
  private Http admin;
  private Http kissinger;

  @BeforeEach
  void setUp() {
    station = TestStation.start(dir);
    station.october();
    station.user("KISSINGER", Classification.TOP_SECRET, Set.of("SENSITIVE"), Role.PRINCIPAL);
    station.user("HAIG", Classification.TOP_SECRET, Set.of("SENSITIVE"), Role.PRINCIPAL);
    station.store.putMember("BC", "HAK", "KISSINGER", true, "admin");
    station.store.putMember("BC", "WH", "HAIG", true, "admin");
    admin = station.token("admin");
    kissinger = station.token("KISSINGER");
  }

  @AfterEach
  void tearDown() {
    station.close();
  }

  private static String eyesOnlyFlashTo(String to) {
    return "{\"exchange\":\"OCT72\",\"text\":\"FLASH\\nTOP SECRET SENSITIVE EXCLUSIVELY EYES ONLY\\n"
        + "FROM: KISSINGER\\nTO: "
        + to
        + "\\n\\n1. FOR YOU ALONE.\\n\"}";
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "HA\\u200bIG | a user name must not hold U+200B ZERO WIDTH SPACE, an invisible format"
            + " character: \\\"HA<U+200B>IG\\\"",
        "HAIG\\u202e | a user name must not hold U+202E RIGHT-TO-LEFT OVERRIDE, an invisible"
            + " format character: \\\"HAIG<U+202E>\\\"",
        "HA\\u0000IG | a user name must not hold U+0000, a control character: \\\"HA<U+0000>IG\\\"",
        "HAIG\\u001b[2J | a user name must not hold U+001B, a control character:"
            + " \\\"HAIG<U+001B>[2J\\\"",
        "AL\\u00a0HAIG | a user name must not hold U+00A0 NO-BREAK SPACE, a space other than"
            + " U+0020: \\\"AL<U+00A0>HAIG\\\"",
        "H\\u0410IG | a user name must be written in one script, not mixed ones:"
            + " \\\"H<U+0410>IG\\\"",
      })
  void aLookalikeOfAClearedReaderCannotBeCreatedSoNoEyesOnlyFlashReachesHim(
      String name, String message) {
    Http.Answer created =
        admin.post(
            "/api/users",
            "{\"name\":\"" + name + "\",\"clearance\":\"TOP SECRET\",\"caveats\":[\"SENSITIVE\"]}");

    assertThat(created.status()).as(created.body()).isEqualTo(400);
    assertThat(created.body())
        .isEqualTo("{\"code\":\"INVALID\",\"message\":\"" + message + "\",\"field\":\"name\"}");
    assertThat(station.store.users()).extracting(u -> u.name()).doesNotContain(name);
  }

  @Test
  void anAddressedAsNameOfMixedScriptsIsRefused() {
    Http.Answer created =
        admin.post(
            "/api/users",
            "{\"name\":\"mallory\",\"addressedAs\":\"H\\u0410IG\",\"clearance\":\"SECRET\"}");

    assertThat(created.body())
        .isEqualTo(
            "{\"code\":\"INVALID\",\"message\":\"a name cables address a user by must be written"
                + " in one script, not mixed ones: \\\"H<U+0410>IG\\\"\",\"field\":\"addressedAs\"}");
    assertThat(created.status()).isEqualTo(400);
  }

  @Test
  void aWholeScriptLookalikeOfAnAddressedAsNameIsRefusedAsTheSameName() {
    station.user("ABE", Classification.SECRET, Set.of());

    Http.Answer created =
        admin.post(
            "/api/users",
            "{\"name\":\"mallory\",\"addressedAs\":\"\\u0410\\u0412\\u0415\",\"clearance\":"
                + "\"SECRET\"}");

    assertThat(created.body())
        .isEqualTo(
            "{\"code\":\"CONFLICT\",\"message\":\"cables address ABE as ABE already, which"
                + " \\\"<U+0410><U+0412><U+0415>\\\" looks like; a name names one"
                + " user\",\"field\":\"addressedAs\"}");
    assertThat(created.status()).isEqualTo(409);
  }

  @Test
  void aWholeScriptLookalikeOfAUserNameIsRefusedAsTheSameName() {
    station.user("ABE", Classification.SECRET, Set.of());

    Http.Answer created =
        admin.post(
            "/api/users",
            "{\"name\":\"\\u0410\\u0412\\u0415\",\"addressedAs\":\"MALLORY\",\"clearance\":"
                + "\"SECRET\"}");

    assertThat(created.body())
        .isEqualTo(
            "{\"code\":\"CONFLICT\",\"message\":\"a user named \\\"<U+0410><U+0412><U+0415>\\\""
                + " would look like the user ABE; a name names one user\",\"field\":\"name\"}");
    assertThat(created.status()).isEqualTo(409);
  }

  @Test
  void anEyesOnlyFlashToALookalikeOfAnAddresseeIsRefusedNamingTo() {
    Http.Answer draft = kissinger.post("/api/drafts", eyesOnlyFlashTo("H\\u0410IG"));

    assertThat(draft.body())
        .isEqualTo(
            "{\"code\":\"INVALID\",\"message\":\"\\\"H<U+0410>IG\\\" only looks like HAIG; a"
                + " cable names a user exactly as cables address him\",\"field\":\"to\"}");
    assertThat(draft.status()).isEqualTo(400);
    assertThat(station.store.drafts(station.store.user("KISSINGER").orElseThrow().id())).isEmpty();
  }

  @Test
  void anEyesOnlyFlashToAnInvisiblyDifferentNameIsRefusedNamingTo() {
    Http.Answer draft = kissinger.post("/api/drafts", eyesOnlyFlashTo("HA\\u200bIG"));

    assertThat(draft.body())
        .isEqualTo(
            "{\"code\":\"INVALID\",\"message\":\"\\\"HA<U+200B>IG\\\" only looks like HAIG; a"
                + " cable names a user exactly as cables address him\",\"field\":\"to\"}");
    assertThat(draft.status()).isEqualTo(400);
  }

  @Test
  void aLookalikeInInfoOrPassToIsRefusedNamingTheField() {
    Http.Answer info =
        kissinger.post("/api/drafts", eyesOnlyFlashTo("HAIG\\nINFO: KISS\\u0406NGER"));
    Http.Answer passTo =
        kissinger.post("/api/drafts", eyesOnlyFlashTo("HAIG\\nPASS TO: KISS\\u0406NGER"));

    assertThat(info.body())
        .isEqualTo(
            "{\"code\":\"INVALID\",\"message\":\"\\\"KISS<U+0406>NGER\\\" only looks like"
                + " KISSINGER; a cable names a user exactly as cables address him\",\"field\":"
                + "\"info\"}");
    assertThat(passTo.body())
        .isEqualTo(
            "{\"code\":\"INVALID\",\"message\":\"\\\"KISS<U+0406>NGER\\\" only looks like"
                + " KISSINGER; a cable names a user exactly as cables address him\",\"field\":"
                + "\"passTo\"}");
  }

  @Test
  void aChannelNameWithTerminalControlsIsRefused() {
    Http.Answer created =
        admin.post("/api/channels", "{\"name\":\"EVIL\\u001b[2J\",\"ends\":[\"A\",\"B\"]}");

    assertThat(created.body())
        .isEqualTo(
            "{\"code\":\"INVALID\",\"message\":\"a channel name must not hold U+001B, a control"
                + " character: \\\"EVIL<U+001B>[2J\\\"\",\"field\":\"name\"}");
    assertThat(created.status()).isEqualTo(400);
    assertThat(station.store.channels()).extracting(c -> c.name()).containsExactly("BC");
  }

  @Test
  void anEndNameWithABidiControlIsRefused() {
    Http.Answer created =
        admin.post("/api/channels", "{\"name\":\"EVIL\",\"ends\":[\"A\\u202e\",\"B\"]}");

    assertThat(created.body())
        .isEqualTo(
            "{\"code\":\"INVALID\",\"message\":\"an end name must not hold U+202E RIGHT-TO-LEFT"
                + " OVERRIDE, an invisible format character: \\\"A<U+202E>\\\"\",\"field\":"
                + "\"ends\"}");
    assertThat(created.status()).isEqualTo(400);
  }

  @Test
  void anExchangeNameWithTerminalControlsIsRefused() {
    Http.Answer created =
        admin.post(
            "/api/exchanges",
            "{\"name\":\"EVIL\\u001b[2J\",\"channel\":\"BC\",\"series\":[\"NORTH:HAK\",\"SOUTH:WH\"]}");

    assertThat(created.body())
        .isEqualTo(
            "{\"code\":\"INVALID\",\"message\":\"an exchange name must not hold U+001B, a control"
                + " character: \\\"EVIL<U+001B>[2J\\\"\",\"field\":\"name\"}");
    assertThat(created.status()).isEqualTo(400);
    assertThat(station.store.exchanges()).extracting(x -> x.name()).containsExactly("OCT72");
  }

  @Test
  void aLookalikeOfAChannelIsRefusedAsTheSameChannel() {
    Http.Answer created =
        admin.post("/api/channels", "{\"name\":\"\\u0412\\u0421\",\"ends\":[\"A\",\"B\"]}");

    assertThat(created.body())
        .isEqualTo(
            "{\"code\":\"CONFLICT\",\"message\":\"a channel named \\\"<U+0412><U+0421>\\\" would"
                + " look like the channel BC\",\"field\":\"name\"}");
    assertThat(created.status()).isEqualTo(409);
  }
}
