package dev.backchannel.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FigureTest {
  private static Figure figure(double... samples) {
    return new Figure("f", "ms", Arrays.stream(samples).boxed().toList(), "");
  }

  /** 1, 2, ... 100 in a shuffled order, so that a percentile of it is its own rank. */
  private static Figure oneToHundred() {
    List<Double> samples =
        IntStream.rangeClosed(1, 100).map(i -> (i * 37) % 101).mapToObj(i -> (double) i).toList();
    return new Figure("f", "ms", samples, "");
  }

  @Test
  void minAndMaxIgnoreTheOrderTaken() {
    Figure f = figure(3, 1, 2);

    assertThat(f.min()).isEqualTo(1);
    assertThat(f.max()).isEqualTo(3);
  }

  @Test
  void medianOfOddCountIsTheMiddleSample() {
    assertThat(figure(9, 1, 5).median()).isEqualTo(5);
  }

  @Test
  void medianOfEvenCountIsMeanOfMiddleTwo() {
    assertThat(figure(4, 1, 10, 2).median()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 14, 28, 29, 50, 57, 95, 99, 100})
  void percentileIsNearestRank(int p) {
    assertThat(oneToHundred().percentile(p)).isEqualTo(p);
  }

  @Test
  void percentileRoundsTheRankUp() {
    Figure f = figure(10, 20, 30, 40);

    assertThat(f.percentile(25)).isEqualTo(10);
    assertThat(f.percentile(26)).isEqualTo(20);
    assertThat(f.percentile(99)).isEqualTo(40);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, 100.5, Double.NaN})
  void percentileOutsideZeroToHundredIsRefused(double p) {
    assertThatThrownBy(() -> figure(1).percentile(p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(p));
  }

  @Test
  void figureWithoutSamplesIsRefused() {
    assertThatThrownBy(() -> new Figure("release", "cables/s", List.of(), ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("release");
  }
}
