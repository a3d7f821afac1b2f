package dev.backchannel.cable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Office hours as users and administrators write them (DESIGN 5.2, 5.4): {@code 08:00-18:00
 * MON-FRI}, read back in the same form, and refused with a message naming {@code officeHours} and
 * the bad text (G9).
 */
class OfficeHoursTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "08:00-18:00 MON-FRI",
        "09:00-17:00 MON,WED",
        "09:00-17:00 MON-WED,FRI",
        "07:30-15:45 MON,WED,FRI",
        "00:00-23:59 MON-SUN",
        "10:00-14:00 SAT,SUN",
        "10:00-14:00 SUN",
        "08:00-12:00 MON,TUE,THU-SAT"
      })
  void textReadsBackAsItIsWritten(String text) {
    OfficeHours hours = OfficeHours.parse(text);

    assertThat(hours.text()).isEqualTo(text);
    assertThat(OfficeHours.parse(hours.text())).isEqualTo(hours);
  }

  @Test
  void theDefaultIsEightToSixMondayToFriday() {
    assertThat(OfficeHours.DEFAULT.text()).isEqualTo("08:00-18:00 MON-FRI");
    assertThat(OfficeHours.parse("08:00-18:00 MON-FRI")).isEqualTo(OfficeHours.DEFAULT);
  }

  @Test
  void parseReadsTimesAndDays() {
    OfficeHours hours = OfficeHours.parse("09:00-17:00 MON-WED,FRI");

    assertThat(hours.start()).isEqualTo(LocalTime.of(9, 0));
    assertThat(hours.end()).isEqualTo(LocalTime.of(17, 0));
    assertThat(hours.days())
        .containsExactlyInAnyOrder(
            DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "08:00-18:00 mon-fri    | 08:00-18:00 MON-FRI",
        "09:00-17:00 Mon,Wed    | 09:00-17:00 MON,WED",
        "'  08:00-18:00 MON-FRI '| 08:00-18:00 MON-FRI",
        "09:00-17:00 MON-TUE    | 09:00-17:00 MON,TUE",
        "09:00-17:00 FRI,MON,WED| 09:00-17:00 MON,WED,FRI",
        "09:00-17:00 MON,TUE,WED| 09:00-17:00 MON-WED",
        "09:00-17:00 MON-WED,TUE| 09:00-17:00 MON-WED",
        "09:00-17:00 WED,WED    | 09:00-17:00 WED"
      })
  void otherSpellingsAreReadAndWrittenTheCanonicalWay(String text, String canonical) {
    assertThat(OfficeHours.parse(text).text()).isEqualTo(canonical);
  }

  @Test
  void daysAreHeldInWeekOrderWhateverOrderTheyCameIn() {
    OfficeHours hours =
        new OfficeHours(
            LocalTime.of(9, 0),
            LocalTime.of(17, 0),
            Set.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY));

    assertThat(hours.text()).isEqualTo("09:00-17:00 MON,TUE,SUN");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "18:00-08:00 MON-FRI | the start 18:00 must be before the end 08:00",
        "08:00-08:00 MON-FRI | the start 08:00 must be before the end 08:00"
      })
  void theStartMustBeBeforeTheEnd(String text, String message) {
    assertRefused(text, message);
  }

  @Test
  void anUnknownDayIsNamed() {
    assertRefused(
        "08:00-18:00 MON-FRX", "\"FRX\" in \"08:00-18:00 MON-FRX\" is not a day (MON … SUN)");
    assertRefused(
        "08:00-18:00 mon,thr", "\"THR\" in \"08:00-18:00 mon,thr\" is not a day (MON … SUN)");
  }

  @Test
  void aRangeOfDaysMustNotRunBackwards() {
    assertRefused(
        "08:00-18:00 FRI-MON", "the days FRI-MON in \"08:00-18:00 FRI-MON\" run backwards");
    assertRefused(
        "08:00-18:00 MON,SUN-SAT", "the days SUN-SAT in \"08:00-18:00 MON,SUN-SAT\" run backwards");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "08:00-18:00",
        "MON-FRI",
        "8:00-18:00 MON-FRI",
        "08:00 18:00 MON-FRI",
        "08:00-18:00  MON-FRI",
        "08:00-18:00 MONDAY",
        "08:00-18:00 MON-",
        "08:00-18:00 MON;FRI",
        "08:00-18:00 MON, FRI",
        "0800-1800 MON-FRI",
        "always"
      })
  void malformedTextIsRefusedWithTheFormExpected(String text) {
    assertRefused(
        text,
        "\"" + text + "\" is not office hours like 08:00-18:00 MON-FRI or 09:00-17:00 MON,WED");
  }

  @Test
  void aRangeOfMoreThanTwoDaysIsRefusedNotReadAsItsFirstDay() {
    // "MON-WED-FRI" is no form text() writes; reading it as MON alone would drop four days
    assertRefused(
        "08:00-18:00 MON-WED-FRI",
        "\"MON-WED-FRI\" in \"08:00-18:00 MON-WED-FRI\" is not a day or a range of days");
    assertRefused(
        "08:00-18:00 mon,tue-wed-thu",
        "\"TUE-WED-THU\" in \"08:00-18:00 mon,tue-wed-thu\" is not a day or a range of days");
  }

  @Test
  void aTimeThatDoesNotExistIsRefused() {
    assertThatThrownBy(() -> OfficeHours.parse("08:00-25:00 MON-FRI"))
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e -> {
              assertThat(e.field()).isEqualTo("officeHours");
              assertThat(e.getMessage())
                  .startsWith(
                      "officeHours: \"08:00-25:00 MON-FRI\" holds a time that does not exist: ");
            });
  }

  @Test
  void officeHoursNeedAtLeastOneDay() {
    assertThatThrownBy(
            () ->
                new OfficeHours(
                    LocalTime.of(8, 0), LocalTime.of(18, 0), EnumSet.noneOf(DayOfWeek.class)))
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e -> {
              assertThat(e.field()).isEqualTo("officeHours");
              assertThat(e.getMessage()).isEqualTo("officeHours: at least one day is needed");
            });
  }

  @Test
  void theDaysCannotBeChangedAfterwards() {
    Set<DayOfWeek> days = EnumSet.of(DayOfWeek.MONDAY);
    OfficeHours hours = new OfficeHours(LocalTime.of(8, 0), LocalTime.of(18, 0), days);
    days.add(DayOfWeek.TUESDAY);

    assertThat(hours.text()).isEqualTo("08:00-18:00 MON");
    assertThatThrownBy(() -> hours.days().add(DayOfWeek.SUNDAY))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static void assertRefused(String text, String problem) {
    assertThatThrownBy(() -> OfficeHours.parse(text))
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e -> {
              assertThat(e.field()).isEqualTo("officeHours");
              assertThat(e.getMessage()).isEqualTo("officeHours: " + problem);
            });
  }

  @org.junit.jupiter.api.Test
  void nextOpeningIsNowDuringOfficeHoursAndTheNextStartOtherwise() {
    java.time.ZoneId ny = java.time.ZoneId.of("America/New_York");
    OfficeHours h = OfficeHours.DEFAULT;
    // Wednesday 25 November 2026
    assertThat(h.nextOpening(java.time.Instant.parse("2026-11-25T15:00:00Z"), ny))
        .isEqualTo(java.time.Instant.parse("2026-11-25T15:00:00Z"));
    assertThat(h.nextOpening(java.time.Instant.parse("2026-11-25T09:00:00Z"), ny))
        .isEqualTo(java.time.Instant.parse("2026-11-25T13:00:00Z"));
    assertThat(h.nextOpening(java.time.Instant.parse("2026-11-25T23:00:00Z"), ny))
        .as("18:00 in New York is closed")
        .isEqualTo(java.time.Instant.parse("2026-11-26T13:00:00Z"));
    // Friday evening waits for Monday
    assertThat(h.nextOpening(java.time.Instant.parse("2026-11-27T23:30:00Z"), ny))
        .isEqualTo(java.time.Instant.parse("2026-11-30T13:00:00Z"));
  }
}
