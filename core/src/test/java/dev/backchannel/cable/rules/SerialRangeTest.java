package dev.backchannel.cable.rules;

import static dev.backchannel.cable.InvalidValueAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SerialRangeTest {

  @ParameterizedTest
  @CsvSource({"7, 7, 7, 1", "3, 5, 3-5, 3", "1, 1, 1, 1", "1, 2, 1-2, 2", "40, 83, 40-83, 44"})
  void rangeIsWrittenAsOneSerialOrFirstDashLast(int first, int last, String text, int size) {
    SerialRange range = new SerialRange(first, last);

    assertThat(range.text()).isEqualTo(text);
    assertThat(range).hasToString(text);
    assertThat(range.size()).isEqualTo(size);
  }

  @ParameterizedTest
  @CsvSource({"0, 3", "0, 0", "-1, 5", "5, 3", "2, 1", "1, 0", "1, -1"})
  void rangeThatIsEmptyOrStartsBelowOneIsRefused(int first, int last) {
    assertInvalid(
        () -> new SerialRange(first, last),
        "range",
        "must satisfy 1 <= first <= last: " + first + "-" + last);
  }
}
