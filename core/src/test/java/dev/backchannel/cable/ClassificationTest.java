package dev.backchannel.cable;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClassificationTest {

  @ParameterizedTest
  @CsvSource({
    "UNCLASSIFIED, UNCLASSIFIED, true",
    "CONFIDENTIAL, UNCLASSIFIED, true",
    "UNCLASSIFIED, CONFIDENTIAL, false",
    "SECRET, CONFIDENTIAL, true",
    "CONFIDENTIAL, SECRET, false",
    "TOP_SECRET, SECRET, true",
    "SECRET, TOP_SECRET, false",
    "TOP_SECRET, UNCLASSIFIED, true",
    "UNCLASSIFIED, TOP_SECRET, false",
    "TOP_SECRET, TOP_SECRET, true"
  })
  void levelsRiseFromUnclassifiedToTopSecret(
      Classification level, Classification other, boolean atLeast) {
    assertThat(level.atLeast(other)).isEqualTo(atLeast);
  }

  @ParameterizedTest
  @CsvSource({
    "UNCLASSIFIED, UNCLASSIFIED",
    "CONFIDENTIAL, CONFIDENTIAL",
    "SECRET, SECRET",
    "TOP_SECRET, TOP SECRET"
  })
  void wordsAreAsWrittenInACable(Classification level, String words) {
    assertThat(level.words()).isEqualTo(words);
  }

  @ParameterizedTest
  @CsvSource({
    "top secret, TOP_SECRET",
    "Top  Secret, TOP_SECRET",
    "secret, SECRET",
    "Confidential, CONFIDENTIAL",
    "unclassified, UNCLASSIFIED"
  })
  void fromWordsReadsAnyCaseAndSpacing(String words, Classification expected) {
    assertThat(Classification.fromWords(words)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "TOP_SECRET", "TOPSECRET", "RESTRICTED", "SECRET SENSITIVE"})
  void wordsThatNameNoLevelGiveEmpty(String words) {
    assertThat(Classification.fromWords(words)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Classification.class)
  void fromWordsReadsBackEachLevelsOwnWords(Classification level) {
    assertThat(Classification.fromWords(level.words())).contains(level);
  }
}
