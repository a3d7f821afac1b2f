package dev.backchannel.cable;

import static dev.backchannel.cable.InvalidValueAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextTest {

  @Test
  void lineKeepsCaseAndInnerSpaces() {
    assertThat(Text.line("f", "The third wave  of B-52s, at 0300."))
        .isEqualTo("The third wave  of B-52s, at 0300.");
  }

  @Test
  void lineIsHeldInNfc() {
    assertThat(Text.line("f", "Vie\u0323\u0302t Nam cafe\u0301"))
        .isEqualTo("Vi\u1ec7t Nam caf\u00e9");
  }

  @Test
  void combiningMarksInNonCanonicalOrderComposeTheSameLetter() {
    assertThat(Text.line("f", "Vie\u0302\u0323t")).isEqualTo("Vi\u1ec7t");
  }

  @Test
  void decomposedAccentBecomesTheComposedLetter() {
    assertThat(Text.line("f", "e\u0301")).isEqualTo("\u00e9");
  }

  @Test
  void nonBmpCharactersArePassedThrough() {
    assertThat(Text.line("f", "A \uD83D\uDCE8 B")).isEqualTo("A \uD83D\uDCE8 B");
  }

  @Test
  void emptyLineIsRefused() {
    assertInvalid(() -> Text.line("paragraph.text", ""), "paragraph.text", "must not be empty");
  }

  @Test
  void nullLineIsRefusedNamingTheField() {
    assertThatThrownBy(() -> Text.line("subject", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("subject");
  }

  static Stream<Arguments> controlCharacters() {
    return Stream.of(
        Arguments.of("A\tB", "0009", 2),
        Arguments.of("\tAB", "0009", 1),
        Arguments.of("AB\n", "000A", 3),
        Arguments.of("A\rB", "000D", 2),
        Arguments.of("A\u0000B", "0000", 2),
        Arguments.of("A\u001bB", "001B", 2),
        Arguments.of("A\u007fB", "007F", 2),
        Arguments.of("A\u0085B", "0085", 2),
        Arguments.of("A\u009fB", "009F", 2),
        Arguments.of("AB\u2028C", "2028", 3),
        Arguments.of("A\u2029B", "2029", 2));
  }

  @ParameterizedTest
  @MethodSource("controlCharacters")
  void controlCharactersTabsAndLineSeparatorsAreRefusedWithTheirPlace(
      String value, String hex, int at) {
    assertInvalid(
        () -> Text.line("block", value),
        "block",
        "must not contain the control character U+"
            + hex
            + " (at "
            + at
            + ") in \""
            + value.replace(String.valueOf((char) Integer.parseInt(hex, 16)), "\\u" + hex)
            + "\"");
  }

  @Test
  void controlCharacterIsPlacedInTheNfcText() {
    assertInvalid(
        () -> Text.line("f", "e\u0301\tx"),
        "f",
        "must not contain the control character U+0009 (at 2) in \"\u00e9\\u0009x\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {" A", "A ", "  ", " ", "\u00a0A", "A\u00a0", "\u3000A", "A\u2003", "\u2007A"})
  void leadingOrTrailingSpaceIsRefused(String value) {
    assertInvalid(
        () -> Text.line("f", value), "f", "must not begin or end with a space: \"" + value + "\"");
  }

  static Stream<Arguments> unpairedSurrogates() {
    return Stream.of(
        Arguments.of("A\uD800B", 2),
        Arguments.of("\uDC00B", 1),
        Arguments.of("AB\uD800", 3),
        Arguments.of("A\uDC00\uD800B", 2),
        Arguments.of("\uD83D\uDCE8\uDCE8", 3));
  }

  @ParameterizedTest
  @MethodSource("unpairedSurrogates")
  void unpairedSurrogateIsRefusedWithItsPlace(String value, int at) {
    assertInvalid(() -> Text.line("f", value), "f", "has an unpaired surrogate at " + at);
  }

  @ParameterizedTest
  @CsvSource({
    "Kissinger, KISSINGER",
    "Col. Kennedy, COL. KENNEDY",
    "TOP SECRET, TOP SECRET",
    "caf\u00e9, CAF\u00c9"
  })
  void headerValueIsUpperCased(String value, String header) {
    assertThat(Text.header("f", value)).isEqualTo(header);
  }

  @Test
  void headerValueIsUpperCasedIndependentlyOfTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));

      assertThat(Text.header("f", "tohaig")).isEqualTo("TOHAIG");
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void headerValueIsNfcAfterUpperCasing() {
    assertThat(Text.header("f", "e\u0301")).isEqualTo("\u00c9");
  }

  @Test
  void headerValueFollowsTheLineRules() {
    assertInvalid(() -> Text.header("subject", ""), "subject", "must not be empty");
    assertInvalid(
        () -> Text.header("subject", "a "),
        "subject",
        "must not begin or end with a space: \"a \"");
  }

  @Test
  void headerEntryMayHoldPunctuationOtherThanSeparators() {
    assertThat(Text.headerEntry("f", "Col. Kennedy, Jr./NSC")).isEqualTo("COL. KENNEDY, JR./NSC");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "haig; scowcroft | ; | HAIG; SCOWCROFT",
        "Haig (Washington) | ( | HAIG (WASHINGTON)",
        "Haig) | ) | HAIG)"
      })
  void headerEntryRefusesSeparatorsAndPlaceBrackets(String value, char c, String held) {
    assertInvalid(
        () -> Text.headerEntry("to.name", value),
        "to.name",
        "must not contain '" + c + "': \"" + held + "\"");
  }

  @Test
  void quoteWrapsShortValuesInDoubleQuotes() {
    assertThat(Text.quote("HAKTO 45")).isEqualTo("\"HAKTO 45\"");
    assertThat(Text.quote("x".repeat(60))).isEqualTo("\"" + "x".repeat(60) + "\"");
  }

  @Test
  void quoteShortensValuesLongerThanSixtyCharacters() {
    assertThat(Text.quote("x".repeat(61))).isEqualTo("\"" + "x".repeat(57) + "...\"");
  }

  @Test
  void longBadValueIsQuotedShortenedInTheMessage() {
    String value = "A".repeat(70) + " ";

    assertInvalid(
        () -> Text.line("f", value),
        "f",
        "must not begin or end with a space: \"" + "A".repeat(57) + "...\"");
  }

  @Test
  void normalWordsAreUpperCaseSingleSpacedAndTrimmed() {
    assertThat(Text.normalWords("  flash   override ")).isEqualTo("FLASH OVERRIDE");
    assertThat(Text.normalWords("exclusively\teyes\r\nonly")).isEqualTo("EXCLUSIVELY EYES ONLY");
    assertThat(Text.normalWords("Top Secret")).isEqualTo("TOP SECRET");
  }

  @ParameterizedTest
  @ValueSource(chars = {'\t', '\n', '\r', '\u0000', '\u001f', '\u007f', '\u0080', '\u009f'})
  void controlCharactersAreForbidden(char c) {
    assertThat(Text.isForbidden(c)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(chars = {'\u2028', '\u2029'})
  void unicodeLineBreaksAreForbidden(char c) {
    assertThat(Text.isForbidden(c)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(chars = {' ', 'A', '\u00a0', '\u00e9', '\u2014', '\u200b'})
  void printableCharactersAreNotForbidden(char c) {
    assertThat(Text.isForbidden(c)).isFalse();
  }

  @Test
  void byWordsFindsTheConstantWhoseWordsMatchInAnyCaseAndSpacing() {
    assertThat(Text.byWords(Classification.class, Classification::words, " top   secret "))
        .contains(Classification.TOP_SECRET);
    assertThat(Text.byWords(Classification.class, Classification::words, "TOP SECRETS")).isEmpty();
  }
}
