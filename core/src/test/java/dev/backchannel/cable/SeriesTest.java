package dev.backchannel.cable;

import static dev.backchannel.cable.InvalidValueAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeriesTest {

  @ParameterizedTest
  @CsvSource({
    "HAKTO, HAKTO, Hakto",
    "Tohak, TOHAK, Tohak",
    "haigto, HAIGTO, Haigto",
    "toHAIG, TOHAIG, Tohaig",
    "X, X, X"
  })
  void nameIsHeldUpperCasedAndDisplayedCapitalised(String given, String name, String display) {
    Series series = new Series(given);

    assertThat(series.name()).isEqualTo(name);
    assertThat(series).hasToString(name);
    assertThat(series.displayName()).isEqualTo(display);
  }

  @Test
  void seriesOfTheSameNameInAnyCaseAreEqual() {
    assertThat(new Series("Hakto")).isEqualTo(new Series("HAKTO"));
    assertThat(new Series("Hakto")).isNotEqualTo(new Series("Tohak"));
  }

  @Test
  void twentyLettersAreAccepted() {
    assertThat(new Series("A".repeat(20)).name()).hasSize(20);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "HAKTO1 | HAKTO1",
        "hak to | HAK TO",
        "Hak-to | HAK-TO",
        "HAKTO. | HAKTO.",
        "h\u00e4kto | H\u00c4KTO",
        "e\u0301 | \u00c9",
        "abcdefghijklmnopqrstu | ABCDEFGHIJKLMNOPQRSTU"
      })
  void nameThatIsNotOneToTwentyLettersIsRefusedQuotedUpperCased(String name, String held) {
    assertInvalid(
        () -> new Series(name), "series", "must be 1 to 20 letters A-Z: \"" + held + "\"");
  }

  @Test
  void emptyNameIsRefused() {
    assertInvalid(() -> new Series(""), "series", "must not be empty");
  }

  @Test
  void nameWithSurroundingSpaceIsRefused() {
    assertInvalid(
        () -> new Series(" HAKTO"), "series", "must not begin or end with a space: \" HAKTO\"");
  }
}
