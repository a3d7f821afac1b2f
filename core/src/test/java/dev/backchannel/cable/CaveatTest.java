package dev.backchannel.cable;

import static dev.backchannel.cable.InvalidValueAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CaveatTest {

  @ParameterizedTest
  @CsvSource({
    "SENSITIVE, SENSITIVE",
    "nodis, NODIS",
    "Outside the System, OUTSIDE THE SYSTEM",
    "TK 12, TK 12"
  })
  void nameIsHeldUpperCased(String given, String held) {
    Caveat caveat = new Caveat(given);

    assertThat(caveat.name()).isEqualTo(held);
    assertThat(caveat).hasToString(held);
    assertThat(caveat).isEqualTo(new Caveat(held));
  }

  @ParameterizedTest
  @ValueSource(strings = {"NO-DIS", "NODIS  X", "NO_DIS", "NODIS.", "SENSITIVE/ORCON"})
  void nameThatIsNotWordsOfLettersAndDigitsIsRefused(String name) {
    assertInvalid(
        () -> new Caveat(name),
        "caveat",
        "must be words of letters A-Z and digits separated by single spaces: \"" + name + "\"");
  }

  @Test
  void emptyNameIsRefused() {
    assertInvalid(() -> new Caveat(""), "caveat", "must not be empty");
  }

  @Test
  void nameWithSurroundingSpaceIsRefused() {
    assertInvalid(
        () -> new Caveat(" NODIS"), "caveat", "must not begin or end with a space: \" NODIS\"");
  }

  @Test
  void caveatsOrderAlphabetically() {
    List<Caveat> caveats =
        new ArrayList<>(List.of(new Caveat("SENSITIVE"), new Caveat("EXDIS"), new Caveat("NODIS")));
    caveats.sort(null);

    assertThat(caveats).extracting(Caveat::name).containsExactly("EXDIS", "NODIS", "SENSITIVE");
  }
}
