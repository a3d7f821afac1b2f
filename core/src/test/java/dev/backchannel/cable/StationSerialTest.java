package dev.backchannel.cable;

import static dev.backchannel.cable.InvalidValueAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StationSerialTest {

  @Test
  void serialWithPrefixIsWrittenPrefixSpaceNumber() {
    StationSerial serial = new StationSerial(Optional.of("WHS"), 2282);

    assertThat(serial.text()).isEqualTo("WHS 2282");
    assertThat(serial).hasToString("WHS 2282");
  }

  @Test
  void serialWithoutPrefixIsWrittenAsTheNumber() {
    assertThat(new StationSerial(Optional.empty(), 225).text()).isEqualTo("225");
  }

  @Test
  void mixedCasePrefixIsHeldUpperCased() {
    StationSerial serial = new StationSerial(Optional.of("Whs"), 2282);

    assertThat(serial.prefix()).contains("WHS");
    assertThat(serial).isEqualTo(new StationSerial(Optional.of("WHS"), 2282));
  }

  @ParameterizedTest
  @CsvSource({
    "WHS 2282, WHS, 2282",
    "225, '', 225",
    "1, '', 1",
    "A 7, A, 7",
    "ABCDEFGHIJ 999999999, ABCDEFGHIJ, 999999999"
  })
  void parseReadsTheWrittenForm(String text, String prefix, int number) {
    StationSerial serial = StationSerial.parse(text);

    assertThat(serial.prefix())
        .isEqualTo(prefix.isEmpty() ? Optional.empty() : Optional.of(prefix));
    assertThat(serial.number()).isEqualTo(number);
    assertThat(serial.text()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "WHS",
        "WHS2282",
        "WHS  2282",
        " WHS 2282",
        "WHS 2282 ",
        "whs 2282",
        "WHS 0",
        "0",
        "0225",
        "WHS -1",
        "WH5 2282",
        "ABCDEFGHIJK 1",
        "1234567890",
        "WHS 22 82",
        "/225"
      })
  void parseRefusesAnythingElse(String text) {
    assertInvalid(
        () -> StationSerial.parse(text),
        "stationSerial",
        "must be [PREFIX ]NUMBER, e.g. WHS 2282: \"" + text + "\"");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void nonPositiveNumberIsRefused(int number) {
    assertInvalid(
        () -> new StationSerial(Optional.of("WHS"), number),
        "stationSerial.number",
        "must be positive: " + number);
  }

  @ParameterizedTest
  @CsvSource({"WHS1, WHS1", "W S, W S", "ABCDEFGHIJK, ABCDEFGHIJK", "wh\u00e9, WH\u00c9"})
  void prefixThatIsNotOneToTenLettersIsRefused(String prefix, String held) {
    assertInvalid(
        () -> new StationSerial(Optional.of(prefix), 1),
        "stationSerial.prefix",
        "must be 1 to 10 letters A-Z: \"" + held + "\"");
  }

  @Test
  void emptyPrefixIsRefused() {
    assertInvalid(
        () -> new StationSerial(Optional.of(""), 1), "stationSerial.prefix", "must not be empty");
  }

  @Test
  void prefixIsRequiredAsAnOptional() {
    assertThatThrownBy(() -> new StationSerial(null, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("prefix");
  }
}
