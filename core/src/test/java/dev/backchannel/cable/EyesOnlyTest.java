package dev.backchannel.cable;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EyesOnlyTest {

  @ParameterizedTest
  @CsvSource({
    "EYES_ONLY, EYES ONLY",
    "EXCLUSIVELY_EYES_ONLY, EXCLUSIVELY EYES ONLY",
    "LITERALLY_EYES_ONLY, LITERALLY EYES ONLY"
  })
  void markingIsKeptInItsOwnWords(EyesOnly marking, String words) {
    assertThat(marking.words()).isEqualTo(words);
    assertThat(EyesOnly.fromWords(words)).contains(marking);
  }

  @ParameterizedTest
  @CsvSource({
    "eyes only, EYES_ONLY",
    "Exclusively Eyes Only, EXCLUSIVELY_EYES_ONLY",
    "'  exclusively   eyes only ', EXCLUSIVELY_EYES_ONLY"
  })
  void fromWordsReadsAnyCaseAndSpacing(String words, EyesOnly expected) {
    assertThat(EyesOnly.fromWords(words)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "EYES", "EYES_ONLY", "EYES ONLY EXCLUSIVELY", "FOR HIS EYES ONLY"})
  void wordsThatNameNoMarkingGiveEmpty(String words) {
    assertThat(EyesOnly.fromWords(words)).isEmpty();
  }
}
