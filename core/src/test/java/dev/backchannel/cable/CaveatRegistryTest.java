package dev.backchannel.cable;

import static dev.backchannel.cable.InvalidValueAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CaveatRegistryTest {

  @Test
  void defaultRegistryHoldsTheCaveatsOfTheRecordInAlphabeticalOrder() {
    assertThat(CaveatRegistry.DEFAULT.caveats())
        .extracting(Caveat::name)
        .containsExactly(
            "CHEROKEE",
            "EXDIS",
            "LIMDIS",
            "NODIS",
            "NOFORN",
            "ORCON",
            "OUTSIDE THE SYSTEM",
            "SENSITIVE",
            "SPECAT",
            "UMBRA");
  }

  @Test
  void caveatsAreHeldSortedAndEachOnce() {
    CaveatRegistry registry = CaveatRegistry.of("NODIS", "EXDIS", "nodis", "CHEROKEE");

    assertThat(registry.caveats())
        .extracting(Caveat::name)
        .containsExactly("CHEROKEE", "EXDIS", "NODIS");
  }

  @Test
  void containsOnlyItsOwnCaveats() {
    CaveatRegistry registry = CaveatRegistry.of("NODIS", "EXDIS");

    assertThat(registry.contains(new Caveat("NODIS"))).isTrue();
    assertThat(registry.contains(new Caveat("LIMDIS"))).isFalse();
  }

  @Test
  void caveatThatIsAWordPrefixOfAnotherIsRefused() {
    assertInvalid(
        () -> CaveatRegistry.of("NODIS", "NODIS X"),
        "caveats",
        "caveat NODIS is a word-prefix of caveat NODIS X: ambiguous labels");
  }

  @Test
  void multiWordCaveatThatIsAWordPrefixOfAnotherIsRefused() {
    assertInvalid(
        () -> CaveatRegistry.of("SENSITIVE", "OUTSIDE THE SYSTEM", "OUTSIDE THE"),
        "caveats",
        "caveat OUTSIDE THE is a word-prefix of caveat OUTSIDE THE SYSTEM: ambiguous labels");
  }

  @Test
  void prefixRuleAppliesToCaveatObjectsToo() {
    assertInvalid(
        () -> CaveatRegistry.of(List.of(new Caveat("UMBRA GAMMA"), new Caveat("UMBRA"))),
        "caveats",
        "caveat UMBRA is a word-prefix of caveat UMBRA GAMMA: ambiguous labels");
  }

  @Test
  void caveatThatIsACharacterPrefixButNotAWordPrefixIsAccepted() {
    CaveatRegistry registry = CaveatRegistry.of("NO", "NODIS", "NOFORN");

    assertThat(registry.caveats())
        .extracting(Caveat::name)
        .containsExactly("NO", "NODIS", "NOFORN");
  }

  @ParameterizedTest
  @CsvSource({
    "EYES, EYES ONLY",
    "EYES ONLY, EYES ONLY",
    "EYES ONLY TOO, EYES ONLY",
    "EXCLUSIVELY, EXCLUSIVELY EYES ONLY",
    "EXCLUSIVELY EYES, EXCLUSIVELY EYES ONLY",
    "EXCLUSIVELY EYES ONLY, EXCLUSIVELY EYES ONLY",
    "LITERALLY, LITERALLY EYES ONLY",
    "LITERALLY EYES ONLY PLEASE, LITERALLY EYES ONLY"
  })
  void caveatOverlappingAnEyesOnlyMarkingIsRefused(String caveat, String marking) {
    assertInvalid(
        () -> CaveatRegistry.of("NODIS", caveat),
        "caveats",
        "caveat " + caveat + " overlaps the eyes-only marking " + marking);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ONLY", "EYE", "EYESONLY", "EXCLUSIVE"})
  void caveatThatSharesOnlyLettersWithAnEyesOnlyMarkingIsAccepted(String caveat) {
    assertThat(CaveatRegistry.of(caveat).contains(new Caveat(caveat))).isTrue();
  }

  @Test
  void invalidCaveatNameIsRefused() {
    assertInvalid(
        () -> CaveatRegistry.of("NODIS", "no-dis"),
        "caveat",
        "must be words of letters A-Z and digits separated by single spaces: \"NO-DIS\"");
  }

  @ParameterizedTest
  @CsvSource({
    "OUTSIDE THE SYSTEM, OUTSIDE THE SYSTEM",
    "OUTSIDE THE SYSTEM EXCLUSIVELY EYES ONLY, OUTSIDE THE SYSTEM",
    "OUTSIDE THE SYSTEM SENSITIVE, OUTSIDE THE SYSTEM",
    "SENSITIVE EYES ONLY, SENSITIVE",
    "NODIS, NODIS"
  })
  void prefixOfFindsTheCaveatTheTextStartsWith(String text, String caveat) {
    assertThat(CaveatRegistry.DEFAULT.prefixOf(text)).contains(new Caveat(caveat));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "OUTSIDE",
        "OUTSIDE THE",
        "OUTSIDE THE SYSTEMS",
        "OUTSIDE SYSTEM",
        "NODISX",
        "SENSITIVELY",
        "EXCLUSIVELY EYES ONLY",
        " NODIS",
        ""
      })
  void prefixOfIsEmptyUnlessWholeWordsOfACaveatStartTheText(String text) {
    assertThat(CaveatRegistry.DEFAULT.prefixOf(text)).isEmpty();
  }

  @Test
  void registriesOfTheSameCaveatsAreEqual() {
    CaveatRegistry a = CaveatRegistry.of("NODIS", "EXDIS");
    CaveatRegistry b = CaveatRegistry.of("exdis", "nodis");

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(CaveatRegistry.of("NODIS"));
    assertThat(a).hasToString("CaveatRegistry[EXDIS, NODIS]");
  }
}
