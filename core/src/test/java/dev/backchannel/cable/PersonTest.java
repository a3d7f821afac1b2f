package dev.backchannel.cable;

import static dev.backchannel.cable.InvalidValueAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonTest {

  @Test
  void mixedCaseNameAndPlaceAreHeldUpperCased() {
    Person person = Person.at("Kissinger", "Saigon");

    assertThat(person.name()).isEqualTo("KISSINGER");
    assertThat(person.place()).contains("SAIGON");
    assertThat(person).isEqualTo(Person.at("KISSINGER", "SAIGON"));
  }

  @Test
  void textIsNameWithPlaceInBrackets() {
    assertThat(Person.at("Kissinger", "Saigon").text()).isEqualTo("KISSINGER (SAIGON)");
    assertThat(Person.at("Haig", "Washington")).hasToString("HAIG (WASHINGTON)");
  }

  @Test
  void textWithoutPlaceIsTheNameAlone() {
    Person person = Person.named("Col. Kennedy");

    assertThat(person.place()).isEmpty();
    assertThat(person.text()).isEqualTo("COL. KENNEDY");
    assertThat(person).hasToString("COL. KENNEDY");
  }

  @Test
  void nameIsHeldInNfc() {
    assertThat(Person.named("Le\u0302 \u0110u\u031b\u0301c Tho\u0323").name())
        .isEqualTo("L\u00ca \u0110\u1ee8C TH\u1ecc");
  }

  @Test
  void decomposedAccentInANameBecomesTheComposedLetter() {
    assertThat(Person.named("Rene\u0301").name()).isEqualTo("REN\u00c9");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Haig; Scowcroft | ; | HAIG; SCOWCROFT",
        "Haig (Washington) | ( | HAIG (WASHINGTON)",
        "Haig) | ) | HAIG)"
      })
  void nameWithASeparatorOrBracketIsRefused(String name, char c, String held) {
    assertInvalid(
        () -> Person.named(name), "name", "must not contain '" + c + "': \"" + held + "\"");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Saigon; Paris | ; | SAIGON; PARIS",
        "(Saigon | ( | (SAIGON",
        "Saigon) | ) | SAIGON)"
      })
  void placeWithASeparatorOrBracketIsRefused(String place, char c, String held) {
    assertInvalid(
        () -> Person.at("Kissinger", place),
        "place",
        "must not contain '" + c + "': \"" + held + "\"");
  }

  @Test
  void emptyNameOrPlaceIsRefused() {
    assertInvalid(() -> Person.named(""), "name", "must not be empty");
    assertInvalid(() -> Person.at("Kissinger", ""), "place", "must not be empty");
  }

  @Test
  void nameWithSurroundingSpaceIsRefused() {
    assertInvalid(
        () -> Person.named("Haig "), "name", "must not begin or end with a space: \"Haig \"");
  }

  @Test
  void nameWithATabIsRefused() {
    assertInvalid(
        () -> Person.named("Al\tHaig"),
        "name",
        "must not contain the control character U+0009 (at 3) in \"Al\\u0009Haig\"");
  }

  @Test
  void placeWithALineSeparatorIsRefused() {
    assertInvalid(
        () -> Person.at("Haig", "Wash\u2028ington"),
        "place",
        "must not contain the control character U+2028 (at 5) in \"Wash\\u2028ington\"");
  }

  @Test
  void placeIsRequiredAsAnOptional() {
    assertThatThrownBy(() -> new Person("Haig", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("place");
  }

  @Test
  void constructorAndFactoriesAgree() {
    assertThat(new Person("haig", Optional.of("washington")))
        .isEqualTo(Person.at("Haig", "Washington"));
    assertThat(new Person("haig", Optional.empty())).isEqualTo(Person.named("HAIG"));
  }
}
