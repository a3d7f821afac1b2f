package dev.backchannel.cable;

import static dev.backchannel.cable.InvalidValueAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DtgTest {

  @Test
  void recordExampleIsTwentySecondOfOctober1972At1530Utc() {
    Dtg dtg = Dtg.parse("221530Z OCT 72");

    assertThat(dtg.utc()).isEqualTo(LocalDateTime.of(1972, 10, 22, 15, 30));
    assertThat(dtg.instant()).isEqualTo(Instant.parse("1972-10-22T15:30:00Z"));
  }

  @ParameterizedTest
  @CsvSource({
    "221530Z OCT 72, 1972-10-22T15:30",
    "010000Z JAN 00, 2000-01-01T00:00",
    "010000Z JAN 49, 2049-01-01T00:00",
    "311259Z DEC 49, 2049-12-31T12:59",
    "010000Z JAN 50, 1950-01-01T00:00",
    "312359Z DEC 99, 1999-12-31T23:59",
    "290000Z FEB 72, 1972-02-29T00:00",
    "150800Z MAR 05, 2005-03-15T08:00",
  })
  void twoDigitYearsBelowFiftyAreTwentyFirstCenturyAndTheRestTwentieth(
      String text, LocalDateTime utc) {
    assertThat(Dtg.parse(text).utc()).isEqualTo(utc);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "221530Z OCT 72",
        "010000Z JAN 00",
        "010000Z JAN 49",
        "010000Z JAN 50",
        "312359Z DEC 99",
        "290000Z FEB 72",
        "150800Z MAR 05",
        "010101Z APR 01",
        "300000Z JUN 60",
        "310000Z MAY 61",
        "010000Z JUL 62",
        "010000Z AUG 63",
        "010000Z SEP 64",
        "010000Z NOV 65"
      })
  void formattingAParsedDtgGivesBackItsText(String text) {
    Dtg dtg = Dtg.parse(text);

    assertThat(dtg.text()).isEqualTo(text);
    assertThat(dtg).hasToString(text);
  }

  @Test
  void parsingAFormattedDtgGivesBackTheSameDtg() {
    Dtg dtg = new Dtg(LocalDateTime.of(2001, 9, 3, 7, 5));

    assertThat(dtg.text()).isEqualTo("030705Z SEP 01");
    assertThat(Dtg.parse(dtg.text())).isEqualTo(dtg);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "310000Z FEB 72",
        "290000Z FEB 73",
        "310000Z APR 72",
        "000000Z JAN 72",
        "322359Z JAN 72",
        "222400Z OCT 72",
        "221560Z OCT 72"
      })
  void dateOrTimeThatDoesNotExistIsRefused(String text) {
    assertInvalid(() -> Dtg.parse(text), "dtg", "names no real time: \"" + text + "\"");
  }

  @ParameterizedTest
  @CsvSource({"221530Z OCX 72, OCX", "221530Z JUX 72, JUX", "221530Z ABC 72, ABC"})
  void unknownMonthIsRefused(String text, String month) {
    assertInvalid(
        () -> Dtg.parse(text), "dtg", "month must be one of JAN … DEC: \"" + month + "\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "221530 OCT 72",
        "221530Z OCT 1972",
        "221530z OCT 72",
        "221530Z oct 72",
        "221530Z Oct 72",
        "2215Z OCT 72",
        "22153000Z OCT 72",
        "221530Z  OCT 72",
        " 221530Z OCT 72",
        "221530Z OCT 72 ",
        "221530ZOCT72",
        "22 1530Z OCT 72",
        "221530Z OCT 7",
        "221530Z SEPT 72"
      })
  void textNotOfTheDtgPatternIsRefused(String text) {
    assertInvalid(
        () -> Dtg.parse(text),
        "dtg",
        "must be DDHHMMZ MON YY, e.g. 221530Z OCT 72: \"" + text + "\"");
  }

  @Test
  void secondsAreRefused() {
    assertInvalid(
        () -> new Dtg(LocalDateTime.of(1972, 10, 22, 15, 30, 1)),
        "dtg",
        "must be a whole minute: 1972-10-22T15:30:01");
  }

  @Test
  void fractionsOfASecondAreRefused() {
    assertInvalid(
        () -> new Dtg(LocalDateTime.of(1972, 10, 22, 15, 30, 0, 1_000_000)),
        "dtg",
        "must be a whole minute: 1972-10-22T15:30:00.001");
  }

  @ParameterizedTest
  @CsvSource({"1949-12-31T23:59, 1949", "2050-01-01T00:00, 2050", "1900-01-01T00:00, 1900"})
  void yearsOutside1950To2049AreRefused(LocalDateTime utc, int year) {
    assertInvalid(
        () -> new Dtg(utc), "dtg", "year must lie in 1950-2049 (two-digit years): " + year);
  }

  @Test
  void firstAndLastMinutesOfTheTwoDigitCenturyAreAccepted() {
    assertThat(new Dtg(LocalDateTime.of(1950, 1, 1, 0, 0)).text()).isEqualTo("010000Z JAN 50");
    assertThat(new Dtg(LocalDateTime.of(2049, 12, 31, 23, 59)).text()).isEqualTo("312359Z DEC 49");
  }

  @Test
  void ofInstantTruncatesToTheMinute() {
    Dtg dtg = Dtg.of(Instant.parse("1972-10-22T15:30:59.999Z"));

    assertThat(dtg.utc()).isEqualTo(LocalDateTime.of(1972, 10, 22, 15, 30));
    assertThat(dtg.text()).isEqualTo("221530Z OCT 72");
    assertThat(dtg.instant()).isEqualTo(Instant.parse("1972-10-22T15:30:00Z"));
  }

  @Test
  void ofInstantBefore1970TruncatesDownwardNotTowardsTheEpoch() {
    assertThat(Dtg.of(Instant.parse("1969-12-31T23:59:59.500Z")).text())
        .isEqualTo("312359Z DEC 69");
  }

  @Test
  void ofInstantOutsideTheTwoDigitCenturyIsRefused() {
    assertInvalid(
        () -> Dtg.of(Instant.parse("2050-01-01T00:00:00Z")),
        "dtg",
        "year must lie in 1950-2049 (two-digit years): 2050");
  }

  @Test
  void dtgsOrderByTime() {
    Dtg earlier = Dtg.parse("312359Z DEC 99");
    Dtg later = Dtg.parse("010000Z JAN 00");

    assertThat(earlier).isLessThan(later);
    assertThat(later).isGreaterThan(earlier);
    assertThat(earlier.compareTo(Dtg.parse("312359Z DEC 99"))).isZero();
  }
}
