package dev.backchannel.cable.rules;

import static dev.backchannel.cable.InvalidValueAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backchannel.cable.Series;
import dev.backchannel.cable.rules.Crossings.Crossing;
import dev.backchannel.cable.rules.Crossings.Released;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrossingsTest {
  private static final Series HAKTO = new Series("HAKTO");
  private static final Series TOHAK = new Series("TOHAK");
  private static final Series TOHAIG = new Series("TOHAIG");

  // The record (DESIGN G5): seen(Tohak 84) = Hakto 41, seen(Hakto 42 ... 44) = Tohak 83,
  // seen(Tohak 85) = Hakto 42, seen(Hakto 45) = Tohak 84.
  private static final Released TOHAK_84 = new Released(TOHAK, 84, 41);
  private static final Released HAKTO_42 = new Released(HAKTO, 42, 83);
  private static final Released HAKTO_43 = new Released(HAKTO, 43, 83);
  private static final Released HAKTO_44 = new Released(HAKTO, 44, 83);
  private static final Released TOHAK_85 = new Released(TOHAK, 85, 42);
  private static final Released HAKTO_45 = new Released(HAKTO, 45, 84);

  private static final List<Released> RECORD =
      List.of(TOHAK_84, HAKTO_42, HAKTO_43, HAKTO_44, TOHAK_85, HAKTO_45);

  private static Released released(String series, int serial) {
    return RECORD.stream()
        .filter(r -> r.series().name().equals(series) && r.serial() == serial)
        .findFirst()
        .orElseThrow();
  }

  @ParameterizedTest(name = "Tohak {0} x Hakto {1}: crossed = {2}")
  @CsvSource({
    "84, 42, true",
    "84, 43, true",
    "84, 44, true",
    "84, 45, false",
    "85, 42, false",
    "85, 43, true",
    "85, 44, true",
    "85, 45, true"
  })
  void recordsCablesCrossedAsTheRecordShows(int tohak, int hakto, boolean crossed) {
    Released a = released("TOHAK", tohak);
    Released b = released("HAKTO", hakto);

    assertThat(Crossings.crossed(a, b)).isEqualTo(crossed);
    assertThat(Crossings.crossed(b, a)).isEqualTo(crossed);
  }

  @Test
  void tohak85DidNotCrossHakto42BecauseItsSenderHadSeenIt() {
    assertThat(Crossings.crossed(TOHAK_85, HAKTO_42)).isFalse();
  }

  @Test
  void amongTheRecordFindsExactlyItsSixCrossingsOrderedByTheFirstSeries() {
    List<Crossing> crossings = Crossings.among(RECORD, TOHAK, HAKTO);

    assertThat(crossings)
        .containsExactly(
            new Crossing(TOHAK_84, HAKTO_42),
            new Crossing(TOHAK_84, HAKTO_43),
            new Crossing(TOHAK_84, HAKTO_44),
            new Crossing(TOHAK_85, HAKTO_43),
            new Crossing(TOHAK_85, HAKTO_44),
            new Crossing(TOHAK_85, HAKTO_45));
  }

  @Test
  void amongPutsTheFirstSeriesAskedForFirstInEachCrossing() {
    List<Crossing> crossings = Crossings.among(RECORD, HAKTO, TOHAK);

    assertThat(crossings)
        .containsExactly(
            new Crossing(HAKTO_42, TOHAK_84),
            new Crossing(HAKTO_43, TOHAK_84),
            new Crossing(HAKTO_43, TOHAK_85),
            new Crossing(HAKTO_44, TOHAK_84),
            new Crossing(HAKTO_44, TOHAK_85),
            new Crossing(HAKTO_45, TOHAK_85));
  }

  @Test
  void amongDoesNotDependOnTheOrderOfTheCablesGiven() {
    List<Released> shuffled = List.of(HAKTO_45, TOHAK_85, HAKTO_42, TOHAK_84, HAKTO_44, HAKTO_43);

    assertThat(Crossings.among(shuffled, TOHAK, HAKTO))
        .isEqualTo(Crossings.among(RECORD, TOHAK, HAKTO));
  }

  @Test
  void amongIgnoresCablesOfOtherSeries() {
    List<Released> withOthers =
        List.of(
            TOHAK_84,
            new Released(TOHAIG, 1, 0),
            HAKTO_42,
            HAKTO_43,
            HAKTO_44,
            new Released(new Series("HAIGTO"), 3, 0),
            TOHAK_85,
            HAKTO_45);

    assertThat(Crossings.among(withOthers, TOHAK, HAKTO))
        .isEqualTo(Crossings.among(RECORD, TOHAK, HAKTO));
  }

  @Test
  void amongOfSeriesNotPresentIsEmpty() {
    assertThat(Crossings.among(RECORD, TOHAIG, HAKTO)).isEmpty();
    assertThat(Crossings.among(List.of(), TOHAK, HAKTO)).isEmpty();
  }

  @Test
  void cablesWhoseSendersEachHadTheOtherDidNotCross() {
    Released tohak = new Released(TOHAK, 10, 5);
    Released hakto = new Released(HAKTO, 5, 10);

    assertThat(Crossings.crossed(tohak, hakto)).isFalse();
  }

  @Test
  void cableSentAfterTheOtherWasSeenDidNotCrossEvenIfTheOtherHadNotSeenIt() {
    Released first = new Released(HAKTO, 1, 0);
    Released answer = new Released(TOHAK, 1, 1);

    assertThat(Crossings.crossed(first, answer)).isFalse();
  }

  @Test
  void firstCablesOfBothSeriesSentBlindCrossed() {
    assertThat(Crossings.crossed(new Released(HAKTO, 1, 0), new Released(TOHAK, 1, 0))).isTrue();
  }

  @Test
  void crossedRefusesCablesOfTheSameSeries() {
    assertThatThrownBy(() -> Crossings.crossed(HAKTO_42, HAKTO_43))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("a crossing needs cables of opposite series; both are HAKTO");
  }

  @Test
  void amongRefusesTheSameSeriesTwice() {
    assertThatThrownBy(() -> Crossings.among(RECORD, TOHAK, new Series("Tohak")))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("a crossing needs two series; both are TOHAK");
  }

  @Test
  void releasedCableNeedsAPositiveSerial() {
    assertInvalid(() -> new Released(HAKTO, 0, 0), "serial", "must be positive: 0");
  }

  @Test
  void releasedCableNeedsANonNegativeSeen() {
    assertInvalid(() -> new Released(HAKTO, 1, -1), "seen", "must not be negative: -1");
  }

  @Test
  void releasedCableNeedsASeries() {
    assertThatThrownBy(() -> new Released(null, 1, 0))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("series");
  }
}
