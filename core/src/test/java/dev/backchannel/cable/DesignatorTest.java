package dev.backchannel.cable;

import static dev.backchannel.cable.InvalidValueAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DesignatorTest {
  private static final Series HAKTO = new Series("Hakto");
  private static final Series TOHAK = new Series("Tohak");

  private static Designator.Numbered numbered(Series series, int serial, String station) {
    return new Designator.Numbered(series, serial, Optional.of(StationSerial.parse(station)));
  }

  @Test
  void numberedWithAStationSerialWithoutPrefix() {
    Designator d = numbered(HAKTO, 45, "225");

    assertThat(d.text()).isEqualTo("HAKTO 45/225");
    assertThat(d.displayText()).isEqualTo("Hakto 45/225");
    assertThat(d.stationSerial()).contains(new StationSerial(Optional.empty(), 225));
  }

  @Test
  void numberedWithAPrefixedStationSerial() {
    Designator d = numbered(TOHAK, 84, "WHS 2282");

    assertThat(d.text()).isEqualTo("TOHAK 84/WHS 2282");
    assertThat(d.displayText()).isEqualTo("Tohak 84/WHS 2282");
  }

  @Test
  void numberedWithoutStationSerial() {
    Designator d = Designator.of(HAKTO, 45);

    assertThat(d.text()).isEqualTo("HAKTO 45");
    assertThat(d.displayText()).isEqualTo("Hakto 45");
    assertThat(d.stationSerial()).isEmpty();
  }

  @Test
  void numberedIsItselfAsNumbered() {
    Designator.Numbered d = numbered(HAKTO, 45, "225");

    assertThat(d.numbered()).containsSame(d);
    assertThat(d.series()).isEqualTo(HAKTO);
    assertThat(d.serial()).isEqualTo(45);
  }

  @Test
  void stationOnlyIsWrittenWithASlashInAHeaderAndWithoutInRunningText() {
    Designator d = new Designator.StationOnly(StationSerial.parse("WHS 2282"));

    assertThat(d.text()).isEqualTo("/WHS 2282");
    assertThat(d.displayText()).isEqualTo("WHS 2282");
    assertThat(d.stationSerial()).contains(new StationSerial(Optional.of("WHS"), 2282));
  }

  @Test
  void stationOnlyWithoutPrefix() {
    Designator d = new Designator.StationOnly(StationSerial.parse("225"));

    assertThat(d.text()).isEqualTo("/225");
    assertThat(d.displayText()).isEqualTo("225");
  }

  @Test
  void stationOnlyIsNotNumbered() {
    assertThat(new Designator.StationOnly(StationSerial.parse("WHS 2282")).numbered()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, -45})
  void nonPositiveSerialIsRefused(int serial) {
    assertInvalid(
        () -> Designator.of(HAKTO, serial), "designator.serial", "must be positive: " + serial);
  }

  @Test
  void firstSerialIsOne() {
    assertThat(Designator.of(TOHAK, 1).text()).isEqualTo("TOHAK 1");
  }

  @ParameterizedTest
  @CsvSource({"hakto, HAKTO 45, Hakto 45", "TOHAIG, TOHAIG 45, Tohaig 45"})
  void seriesNameIsUpperInTextAndCapitalisedInDisplayText(
      String series, String text, String display) {
    Designator d = Designator.of(new Series(series), 45);

    assertThat(d.text()).isEqualTo(text);
    assertThat(d.displayText()).isEqualTo(display);
  }

  @Test
  void designatorsOfTheSameValuesAreEqual() {
    assertThat(numbered(HAKTO, 45, "225")).isEqualTo(numbered(new Series("HAKTO"), 45, "225"));
    assertThat(numbered(HAKTO, 45, "225")).isNotEqualTo(Designator.of(HAKTO, 45));
  }

  @Test
  void requiredPartsAreChecked() {
    assertThatThrownBy(() -> new Designator.Numbered(null, 1, Optional.empty()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("series");
    assertThatThrownBy(() -> new Designator.Numbered(HAKTO, 1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("stationSerial");
    assertThatThrownBy(() -> new Designator.StationOnly(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("station");
  }
}
