package dev.backchannel.cable.rules;

import static dev.backchannel.cable.InvalidValueAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GapsTest {

  @Test
  void gapsRunFromOneToTheHighestSerialHeld() {
    assertThat(Gaps.of(2, 3, 7, 8, 10))
        .containsExactly(new SerialRange(1, 1), new SerialRange(4, 6), new SerialRange(9, 9));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2 3 7 8 10 | 1 4-6 9",
        "1 2 3 | ''",
        "1 | ''",
        "5 | 1-4",
        "10 1 | 2-9",
        "1 3 5 7 | 2 4 6",
        "3 3 3 | 1-2",
        "84 41 42 | 1-40 43-83"
      })
  void gapsAreWrittenAsRangesInAscendingOrder(String held, String gaps) {
    int[] serials = Arrays.stream(held.trim().split(" +")).mapToInt(Integer::parseInt).toArray();

    assertThat(String.join(" ", Gaps.of(serials).stream().map(SerialRange::text).toList()))
        .isEqualTo(gaps);
  }

  @Test
  void nothingHeldHasNoGaps() {
    assertThat(Gaps.of()).isEmpty();
    assertThat(Gaps.of(List.of())).isEmpty();
  }

  @Test
  void serialsNeedNotBeInOrder() {
    assertThat(Gaps.of(List.of(10, 2, 8, 3, 7))).isEqualTo(Gaps.of(2, 3, 7, 8, 10));
  }

  @Test
  void duplicatesAreIgnored() {
    assertThat(Gaps.of(List.of(2, 2, 3, 7, 7, 7, 8, 10, 10)))
        .containsExactly(new SerialRange(1, 1), new SerialRange(4, 6), new SerialRange(9, 9));
  }

  @Test
  void setsAreAcceptedAsCollections() {
    assertThat(Gaps.of(Set.of(4))).containsExactly(new SerialRange(1, 3));
  }

  @Test
  void zeroIsRefused() {
    assertInvalid(() -> Gaps.of(0, 1, 2), "serials", "must be positive: 0");
  }

  @Test
  void negativeSerialIsRefusedNamingTheLowest() {
    assertInvalid(() -> Gaps.of(List.of(3, -2, -7)), "serials", "must be positive: -7");
  }

  @Test
  void highestPossibleSerialIsHandled() {
    assertThat(Gaps.of(1, Integer.MAX_VALUE))
        .containsExactly(new SerialRange(2, Integer.MAX_VALUE - 1));
  }

  @Test
  void gapsAreUnmodifiable() {
    List<SerialRange> gaps = Gaps.of(3);

    assertThatThrownBy(gaps::clear).isInstanceOf(UnsupportedOperationException.class);
  }
}
