package dev.backchannel.cable.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Handling;
import dev.backchannel.cable.OfficeHours;
import dev.backchannel.cable.Paragraph;
import dev.backchannel.cable.Person;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.SecurityLabel;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeliveryTest {
  /** Wednesday 25 November 2026, 09:00 UTC: 04:00 in Washington, 09:00 in London. */
  private static final Instant RELEASED = Instant.parse("2026-11-25T09:00:00Z");

  private static final ZoneId WASHINGTON = ZoneId.of("America/New_York");

  private static Cable cable(Precedence precedence, Classification level, String... handling) {
    Cable.Builder b =
        Cable.builder(precedence, SecurityLabel.of(level), Person.named("KISSINGER"))
            .to(Person.named("HAIG"))
            .to(Person.named("THE PRESIDENT"))
            .info(Person.named("SCOWCROFT"))
            .paragraph(Paragraph.numbered(1, "Text."));
    for (String h : handling) {
      b.handling(new Handling(h));
    }
    return b.build();
  }

  @Test
  void theNamedReadersAreTheActionThenTheInformationAddresseesNotTheOriginator() {
    assertThat(Delivery.namedReaders(cable(Precedence.ROUTINE, Classification.SECRET)))
        .containsExactly("HAIG", "THE PRESIDENT", "SCOWCROFT");
  }

  @Test
  void aReaderIsToldOfACableOnlyWhenClearedForItsClassification() {
    Cable secret = cable(Precedence.ROUTINE, Classification.SECRET);

    assertThat(Delivery.cleared(Classification.TOP_SECRET, secret)).isTrue();
    assertThat(Delivery.cleared(Classification.SECRET, secret)).isTrue();
    assertThat(Delivery.cleared(Classification.CONFIDENTIAL, secret)).isFalse();
  }

  @Test
  void aCableNotMarkedForOpeningOfBusinessIsDeliveredAtOnceWhateverTheHour() {
    Cable routine = cable(Precedence.ROUTINE, Classification.SECRET);

    assertThat(Delivery.dueAt(routine, OfficeHours.DEFAULT, WASHINGTON, RELEASED)).isEmpty();
  }

  @Test
  void openingOfBusinessWaitsForTheReadersNextOpeningInHisOwnZone() {
    Cable routine = cable(Precedence.ROUTINE, Classification.SECRET, "DELIVER OPENING OF BUSINESS");

    assertThat(
            Delivery.dueAt(routine, OfficeHours.parse("08:00-18:00 MON-FRI"), WASHINGTON, RELEASED))
        .contains(Instant.parse("2026-11-25T13:00:00Z"));
    assertThat(
            Delivery.dueAt(
                routine, OfficeHours.parse("08:00-18:00 MON-FRI"), ZoneId.of("UTC"), RELEASED))
        .as("09:00 in London: at his desk")
        .isEqualTo(Optional.empty());
  }

  @ParameterizedTest
  @EnumSource(
      value = Precedence.class,
      names = {"FLASH", "FLASH_OVERRIDE"})
  void nothingHoldsAFlashForOpeningOfBusiness(Precedence flash) {
    Cable c = cable(flash, Classification.SECRET, "DELIVER OPENING OF BUSINESS");

    assertThat(Delivery.waitsForOpening(c)).isFalse();
    assertThat(Delivery.dueAt(c, OfficeHours.DEFAULT, WASHINGTON, RELEASED)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = Precedence.class,
      names = {"IMMEDIATE", "PRIORITY", "ROUTINE"})
  void everyOtherPrecedenceWaitsWhenMarked(Precedence p) {
    assertThat(
            Delivery.waitsForOpening(
                cable(p, Classification.SECRET, "DELIVER OPENING OF BUSINESS")))
        .isTrue();
    assertThat(Delivery.waitsForOpening(cable(p, Classification.SECRET))).isFalse();
  }
}
