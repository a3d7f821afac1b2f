package dev.backchannel.cable;

import static dev.backchannel.cable.InvalidValueAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceTest {
  private static final Series TOHAK = new Series("TOHAK");
  private static final Series HAKTO = new Series("HAKTO");

  @Test
  void referenceToAWholeCableIsSeriesAndSerial() {
    Reference ref = Reference.to(TOHAK, 84);

    assertThat(ref.text()).isEqualTo("TOHAK 84");
    assertThat(ref).hasToString("TOHAK 84");
    assertThat(ref.paragraph()).isEmpty();
    assertThat(ref.exchange()).isEmpty();
  }

  @Test
  void referenceToAParagraphNamesIt() {
    Reference ref = new Reference(HAKTO, 44, OptionalInt.of(2), Optional.empty());

    assertThat(ref.text()).isEqualTo("HAKTO 44 PARA 2");
  }

  @Test
  void referenceIntoAnotherExchangeNamesItUpperCased() {
    Reference ref = new Reference(TOHAK, 12, OptionalInt.empty(), Optional.of("Paris 1973"));

    assertThat(ref.exchange()).contains("PARIS 1973");
    assertThat(ref.text()).isEqualTo("TOHAK 12 IN PARIS 1973");
  }

  @Test
  void referenceToAParagraphInAnotherExchange() {
    Reference ref = new Reference(TOHAK, 12, OptionalInt.of(3), Optional.of("paris 1973"));

    assertThat(ref.text()).isEqualTo("TOHAK 12 PARA 3 IN PARIS 1973");
  }

  @Test
  void seriesIsHeldUpperCased() {
    assertThat(Reference.to(new Series("Tohak"), 84)).isEqualTo(Reference.to(TOHAK, 84));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void nonPositiveSerialIsRefused(int serial) {
    assertInvalid(
        () -> Reference.to(TOHAK, serial), "reference.serial", "must be positive: " + serial);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -2})
  void nonPositiveParagraphIsRefused(int paragraph) {
    assertInvalid(
        () -> new Reference(TOHAK, 84, OptionalInt.of(paragraph), Optional.empty()),
        "reference.paragraph",
        "must be positive: " + paragraph);
  }

  @Test
  void exchangeWithASeparatorOrBracketIsRefused() {
    assertInvalid(
        () -> new Reference(TOHAK, 84, OptionalInt.empty(), Optional.of("Paris; Saigon")),
        "reference.exchange",
        "must not contain ';': \"PARIS; SAIGON\"");
    assertInvalid(
        () -> new Reference(TOHAK, 84, OptionalInt.empty(), Optional.of("Paris (1973)")),
        "reference.exchange",
        "must not contain '(': \"PARIS (1973)\"");
  }

  @Test
  void emptyOrSpacedExchangeIsRefused() {
    assertInvalid(
        () -> new Reference(TOHAK, 84, OptionalInt.empty(), Optional.of("")),
        "reference.exchange",
        "must not be empty");
    assertInvalid(
        () -> new Reference(TOHAK, 84, OptionalInt.empty(), Optional.of("Paris ")),
        "reference.exchange",
        "must not begin or end with a space: \"Paris \"");
  }

  @Test
  void exchangeIsHeldInNfc() {
    Reference ref = new Reference(TOHAK, 1, OptionalInt.empty(), Optional.of("Ge\u0301neve"));

    assertThat(ref.exchange()).contains("G\u00c9NEVE");
  }
}
