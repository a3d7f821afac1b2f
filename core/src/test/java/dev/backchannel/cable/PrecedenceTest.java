package dev.backchannel.cable;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrecedenceTest {
  private static final List<Precedence> HIGHEST_FIRST =
      List.of(
          Precedence.FLASH_OVERRIDE,
          Precedence.FLASH,
          Precedence.IMMEDIATE,
          Precedence.PRIORITY,
          Precedence.ROUTINE);

  static Stream<Arguments> pairs() {
    return HIGHEST_FIRST.stream().flatMap(a -> HIGHEST_FIRST.stream().map(b -> Arguments.of(a, b)));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void flashOverrideIsAboveFlashAboveImmediateAbovePriorityAboveRoutine(
      Precedence a, Precedence b) {
    boolean aListedFirst = HIGHEST_FIRST.indexOf(a) < HIGHEST_FIRST.indexOf(b);

    assertThat(a.isHigherThan(b)).isEqualTo(aListedFirst);
  }

  @Test
  void noPrecedenceIsHigherThanItself() {
    assertThat(Precedence.values()).noneMatch(p -> p.isHigherThan(p));
  }

  @Test
  void naturalOrderIsHighestFirst() {
    assertThat(Arrays.stream(Precedence.values()).sorted().toList())
        .containsExactlyElementsOf(HIGHEST_FIRST);
  }

  @ParameterizedTest
  @CsvSource({
    "FLASH_OVERRIDE, FLASH OVERRIDE",
    "FLASH, FLASH",
    "IMMEDIATE, IMMEDIATE",
    "PRIORITY, PRIORITY",
    "ROUTINE, ROUTINE"
  })
  void wordsAreAsWrittenInACable(Precedence precedence, String words) {
    assertThat(precedence.words()).isEqualTo(words);
  }

  @ParameterizedTest
  @CsvSource({"FLASH_OVERRIDE, 10", "FLASH, 10", "IMMEDIATE, 30", "PRIORITY, 180", "ROUTINE, 360"})
  void defaultObjectivesAreTheAcp121HandlingTimes(Precedence precedence, long minutes) {
    assertThat(precedence.defaultObjective()).isEqualTo(Duration.ofMinutes(minutes));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "FLASH OVERRIDE | FLASH_OVERRIDE",
        "flash override | FLASH_OVERRIDE",
        "Flash   Override | FLASH_OVERRIDE",
        "'  flash\toverride  ' | FLASH_OVERRIDE",
        "Flash | FLASH",
        "fLaSh | FLASH",
        "immediate | IMMEDIATE",
        "Priority | PRIORITY",
        "ROUTINE | ROUTINE",
        "' routine ' | ROUTINE"
      })
  void fromWordsReadsAnyCaseAndSpacing(String words, Precedence expected) {
    assertThat(Precedence.fromWords(words)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Operational Immediate", "OPERATIONAL IMMEDIATE", "operational  immediate"})
  void operationalImmediateReadsAsImmediate(String words) {
    assertThat(Precedence.fromWords(words)).contains(Precedence.IMMEDIATE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "URGENT", "FLASH_OVERRIDE", "FLASHOVERRIDE", "OVERRIDE FLASH", "OPERATIONAL"})
  void wordsThatNameNoPrecedenceGiveEmpty(String words) {
    assertThat(Precedence.fromWords(words)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Precedence.class)
  void fromWordsReadsBackEachPrecedencesOwnWords(Precedence precedence) {
    assertThat(Precedence.fromWords(precedence.words())).contains(precedence);
  }
}
