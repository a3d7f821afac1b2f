package dev.backchannel.cable;

import static dev.backchannel.cable.InvalidValueAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HandlingTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "DELIVER IMMEDIATELY | DELIVER_IMMEDIATELY",
        "Deliver immediately | DELIVER_IMMEDIATELY",
        "DELIVER IMMEDIATELY. | DELIVER_IMMEDIATELY",
        "URGENT DELIVER IMMEDIATELY | DELIVER_IMMEDIATELY",
        "DELIVER REGARDLESS OF HOUR | DELIVER_IMMEDIATELY",
        "deliver regardless of the hour | DELIVER_IMMEDIATELY",
        "DELIVER AT ONCE | DELIVER_IMMEDIATELY",
        "DELIVER WITHOUT DELAY | DELIVER_IMMEDIATELY",
        "TO BE DELIVERED IMMEDIATELY UPON OPENING OF BUSINESS | OPENING_OF_BUSINESS",
        "DELIVER OPENING OF BUSINESS | OPENING_OF_BUSINESS",
        "Deliver opening of business. | OPENING_OF_BUSINESS",
        "PASS IMMEDIATELY TO THE PRESIDENT | PASS_TO",
        "PASS TO THE PRESIDENT | PASS_TO",
        "PLEASE PASS THE FOLLOWING TO AMBASSADOR BUNKER | PASS_TO",
        "DELIVER IN SEALED ENVELOPE MARKED EYES ONLY TO GENERAL HAIG | SEALED",
        "CALL COL. KENNEDY ON RECEIPT | NOTIFY_ON_RECEIPT",
        "NOTIFY GENERAL HAIG UPON RECEIPT | NOTIFY_ON_RECEIPT",
        "FOR HIS 1500 MEETING | DELIVER_BY",
        "DELIVER BY 221500Z OCT 72 | DELIVER_BY",
        "DELIVER NOT LATER THAN 1500 HOURS | DELIVER_BY",
        "BURN AFTER READING | FREE_TEXT",
        "HOLD FOR AMBASSADOR | FREE_TEXT",
        "IMMEDIATELYX | FREE_TEXT",
        "NOT URGENT | FREE_TEXT",
        "DELIVER BY HAND TO GENERAL HAIG | FREE_TEXT",
        "DELIVER IMMEDIATELY TO GENERAL HAIG IN SEALED ENVELOPE | SEALED"
      })
  void kindIsReadFromTheWords(String words, HandlingKind kind) {
    assertThat(new Handling(words).kind()).isEqualTo(kind);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "PASS IMMEDIATELY TO THE PRESIDENT | PASS_TO | THE PRESIDENT",
        "Pass immediately to the President. | PASS_TO | THE PRESIDENT",
        "PLEASE PASS AT ONCE TO AMBASSADOR BUNKER | PASS_TO | AMBASSADOR BUNKER",
        "DELIVER IN SEALED ENVELOPE MARKED EYES ONLY TO GENERAL HAIG | SEALED | GENERAL HAIG",
        "Deliver in sealed envelope marked eyes only to General Haig. | SEALED | GENERAL HAIG",
        "CALL COL. KENNEDY ON RECEIPT | NOTIFY_ON_RECEIPT | COL. KENNEDY",
        "Call Col. Kennedy on receipt. | NOTIFY_ON_RECEIPT | COL. KENNEDY",
        "PLEASE TELEPHONE MR. RODMAN UPON RECEIPT | NOTIFY_ON_RECEIPT | MR. RODMAN",
        "DELIVER IMMEDIATELY TO GENERAL HAIG IN SEALED ENVELOPE | SEALED | GENERAL HAIG"
      })
  void personNamedIsReadFromTheWords(String words, HandlingKind kind, String person) {
    Handling handling = new Handling(words);

    assertThat(handling.kind()).isEqualTo(kind);
    assertThat(handling.person()).contains(person);
    assertThat(handling.deadline()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "FOR HIS 1500 MEETING | 1500",
        "For his 1500 meeting. | 1500",
        "FOR THE 0900Z MEETING | 0900Z",
        "FOR HER 1500 HOURS MEETING | 1500 HOURS",
        "DELIVER BY 221500Z OCT 72 | 221500Z OCT 72",
        "DELIVER BY 221500Z OCT 72. | 221500Z OCT 72",
        "TO BE DELIVERED BEFORE 1800 HOURS | 1800 HOURS",
        "DELIVER NLT 1200 | 1200"
      })
  void deadlineIsReadFromTheWords(String words, String deadline) {
    Handling handling = new Handling(words);

    assertThat(handling.kind()).isEqualTo(HandlingKind.DELIVER_BY);
    assertThat(handling.deadline()).contains(deadline);
    assertThat(handling.person()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DELIVER IMMEDIATELY",
        "DELIVER REGARDLESS OF HOUR",
        "DELIVER OPENING OF BUSINESS",
        "BURN AFTER READING"
      })
  void kindsThatNameNoPersonOrDeadlineHaveNeither(String words) {
    Handling handling = new Handling(words);

    assertThat(handling.person()).isEmpty();
    assertThat(handling.deadline()).isEmpty();
  }

  @Test
  void unknownWordingIsFreeTextWithItsWordsKept() {
    Handling handling = new Handling("BURN AFTER READING");

    assertThat(handling.kind()).isEqualTo(HandlingKind.FREE_TEXT);
    assertThat(handling.words()).isEqualTo("BURN AFTER READING");
    assertThat(handling).hasToString("BURN AFTER READING");
  }

  @Test
  void wordsAreHeldUpperCasedAsGiven() {
    Handling handling = new Handling("Deliver in sealed envelope marked eyes only to General Haig");

    assertThat(handling.words())
        .isEqualTo("DELIVER IN SEALED ENVELOPE MARKED EYES ONLY TO GENERAL HAIG");
    assertThat(handling).isEqualTo(new Handling(handling.words()));
  }

  @Test
  void openingOfBusinessWinsOverImmediatelyInTheSameInstruction() {
    Handling handling = new Handling("To be delivered immediately upon opening of business");

    assertThat(handling.words()).isEqualTo("TO BE DELIVERED IMMEDIATELY UPON OPENING OF BUSINESS");
    assertThat(handling.kind()).isEqualTo(HandlingKind.OPENING_OF_BUSINESS);
  }

  @Test
  void emptyWordsAreRefused() {
    assertInvalid(() -> new Handling(""), "handling", "must not be empty");
  }

  @Test
  void wordsWithALineBreakAreRefused() {
    assertInvalid(
        () -> new Handling("DELIVER\nIMMEDIATELY"),
        "handling",
        "must not contain the control character U+000A (at 8) in \"DELIVER\\u000AIMMEDIATELY\"");
  }

  @Test
  void wordsWithSurroundingSpaceAreRefused() {
    assertInvalid(
        () -> new Handling(" DELIVER IMMEDIATELY"),
        "handling",
        "must not begin or end with a space: \" DELIVER IMMEDIATELY\"");
  }

  @org.junit.jupiter.api.Test
  void aDeadlineIsReadAsADtgOrTheNextTimeOfDayAfterRelease() {
    java.time.Instant released = java.time.Instant.parse("2026-11-25T09:00:00Z");
    java.time.ZoneId ny = java.time.ZoneId.of("America/New_York");

    org.assertj.core.api.Assertions.assertThat(
            new Handling("DELIVER BY 1000Z").deadlineAfter(released, ny))
        .hasValue(java.time.Instant.parse("2026-11-25T10:00:00Z"));
    org.assertj.core.api.Assertions.assertThat(
            new Handling("DELIVER BY 0800Z").deadlineAfter(released, ny))
        .as("the next 0800Z after the release")
        .hasValue(java.time.Instant.parse("2026-11-26T08:00:00Z"));
    org.assertj.core.api.Assertions.assertThat(
            new Handling("FOR HIS 1500 MEETING").deadlineAfter(released, ny))
        .as("a time of day in the reader's zone")
        .hasValue(java.time.Instant.parse("2026-11-25T20:00:00Z"));
    org.assertj.core.api.Assertions.assertThat(
            new Handling("DELIVER BY 261200Z NOV 26").deadlineAfter(released, ny))
        .hasValue(java.time.Instant.parse("2026-11-26T12:00:00Z"));
    org.assertj.core.api.Assertions.assertThat(
            new Handling("DELIVER BY THE 3RD").deadlineAfter(released, ny))
        .as("words that name no readable time")
        .isEmpty();
    org.assertj.core.api.Assertions.assertThat(
            new Handling("DELIVER IMMEDIATELY").deadlineAfter(released, ny))
        .isEmpty();
  }
}
