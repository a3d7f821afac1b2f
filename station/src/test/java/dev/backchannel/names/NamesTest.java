package dev.backchannel.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backchannel.names.Names.Kind;
import dev.backchannel.service.Refused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one name policy of issue 21: what a name may hold, and which names are the same. */
class NamesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "HAIG",
        "KISSINGER (SAIGON)",
        "Henry A. Kissinger",
        "O'NEILL-SMITH 2",
        "ΚΑΡΑΜΑΝΛΗΣ",
        "ГРОМЫКО",
        "周恩来",
        "田中さん",
        "タナカ 太郎",
        "金大中 김대중",
        "Müller",
        "Zoë"
      })
  void aNameOfOneScriptWithSingleSpacesInNfcIsAccepted(String name) {
    assertThat(Names.require(Kind.USER, "name", name)).isEqualTo(name);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "HA\u200BIG | a user name must not hold U+200B ZERO WIDTH SPACE, an invisible format"
            + " character: \"HA<U+200B>IG\"",
        "HAIG\u202E | a user name must not hold U+202E RIGHT-TO-LEFT OVERRIDE, an invisible"
            + " format character: \"HAIG<U+202E>\"",
        "HA\u2066IG | a user name must not hold U+2066 LEFT-TO-RIGHT ISOLATE, an invisible format"
            + " character: \"HA<U+2066>IG\"",
        "\uFEFFHAIG | a user name must not hold U+FEFF ZERO WIDTH NO-BREAK SPACE, an invisible"
            + " format character: \"<U+FEFF>HAIG\"",
        "HA\u0000IG | a user name must not hold U+0000, a control character:" + " \"HA<U+0000>IG\"",
        "EVIL\u001b[2J | a user name must not hold U+001B, a control character:"
            + " \"EVIL<U+001B>[2J\"",
        "HA\u0085IG | a user name must not hold U+0085, a control character:" + " \"HA<U+0085>IG\"",
        "AL\u00A0HAIG | a user name must not hold U+00A0 NO-BREAK SPACE, a space other than"
            + " U+0020: \"AL<U+00A0>HAIG\"",
        "AL\u3000HAIG | a user name must not hold U+3000 IDEOGRAPHIC SPACE, a space other than"
            + " U+0020: \"AL<U+3000>HAIG\"",
        "AL\u2028HAIG | a user name must not hold U+2028 LINE SEPARATOR, a space other than"
            + " U+0020: \"AL<U+2028>HAIG\"",
        "HA\uE000IG | a user name must not hold U+E000, a private-use character:"
            + " \"HA<U+E000>IG\"",
        "HA\u0378IG | a user name must not hold U+0378, an unassigned code point:"
            + " \"HA<U+0378>IG\"",
        "HA\uD800IG | a user name must not hold U+D800, half a surrogate pair:"
            + " \"HA<U+D800>IG\"",
        "HA\u115FIG | a user name must not hold U+115F HANGUL CHOSEONG FILLER, an invisible"
            + " character: \"HA<U+115F>IG\"",
      })
  void aNameWithAnInvisibleControlOrOtherSpaceCharacterIsRefusedShowingItEscaped(
      String name, String message) {
    assertRefused(Kind.USER, name, message);
  }

  @Test
  void surroundingAndDoubleSpacesAreRefused() {
    assertRefused(
        Kind.CHANNEL,
        " BACKCHANNEL",
        "a channel name must be 1 to 100 characters without surrounding spaces:"
            + " \" BACKCHANNEL\"");
    assertRefused(
        Kind.CHANNEL,
        "BACK  CHANNEL",
        "a channel name must not hold two spaces together: \"BACK  CHANNEL\"");
    assertRefused(
        Kind.END, "", "an end name must be 1 to 100 characters without surrounding spaces: \"\"");
  }

  @Test
  void aNameNotInNfcIsRefusedNotNormalised() {
    assertRefused(
        Kind.EXCHANGE,
        "Mu\u0308ller",
        "an exchange name must be in Unicode normal form C, as \"M<U+00FC>ller\" is:"
            + " \"Mu<U+0308>ller\"");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "H\u0410IG | \"H<U+0410>IG\"",
        "PAYPAL\u0399 | \"PAYPAL<U+0399>\"",
        "\u0441hannel | \"<U+0441>hannel\"",
      })
  void aNameOfMixedScriptsIsRefused(String name, String shown) {
    assertRefused(
        Kind.USER, name, "a user name must be written in one script, not mixed ones: " + shown);
  }

  @ParameterizedTest
  @CsvSource({
    "HAIG, H\u0410IG",
    "HAIG, haig",
    "HAIG, HA\u0406G",
    "SCOWCROFT, SC0WCROFT",
    "SCOWCROFT, SC\u039FWCROFT",
    "ABE, \u0410\u0412\u0415",
    "BC, \u0412\u0421",
  })
  void confusableNamesHaveOneSkeleton(String one, String other) {
    assertThat(Names.skeleton(other)).isEqualTo(Names.skeleton(one));
  }

  @Test
  void distinctNamesHaveDistinctSkeletons() {
    assertThat(Names.skeleton("HAIG")).isNotEqualTo(Names.skeleton("HAIK"));
  }

  private static void assertRefused(Kind kind, String name, String message) {
    assertThatThrownBy(() -> Names.require(kind, "name", name))
        .isInstanceOfSatisfying(
            Refused.class,
            r -> {
              assertThat(r.kind()).isEqualTo(Refused.Kind.INVALID);
              assertThat(r.field()).isEqualTo("name");
              assertThat(r.getMessage()).isEqualTo(message);
            });
  }
}
