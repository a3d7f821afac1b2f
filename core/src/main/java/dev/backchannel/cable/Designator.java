package dev.backchannel.cable;

import java.util.Objects;
import java.util.Optional;

/**
 * What numbers a cable: a serial in a series, with the station serial of the station that
 * transmitted it ({@code Hakto 45/225}), or, for some historical cables, a station serial alone.
 */
public sealed interface Designator {

  /** The station serial, if the cable carries one. */
  Optional<StationSerial> stationSerial();

  /** This designator if it has a series and serial; empty for a station serial alone. */
  Optional<Numbered> numbered();

  /**
   * As written in a canonical header: {@code HAKTO 45/225}, {@code HAKTO 45}, {@code /WHS 2282}.
   */
  String text();

  /** As written in running text: {@code Hakto 45/225}, {@code WHS 2282}. */
  String displayText();

  /** A serial in a series, without station serial. */
  static Numbered of(Series series, int serial) {
    return new Numbered(series, serial, Optional.empty());
  }

  /** A serial in a series with an optional station serial. */
  record Numbered(Series series, int serial, Optional<StationSerial> stationSerial)
      implements Designator {

    /**
     * @throws InvalidValueException if the serial is not positive
     */
    public Numbered {
      Objects.requireNonNull(series, "series");
      Objects.requireNonNull(stationSerial, "stationSerial");
      if (serial < 1) {
        throw new InvalidValueException("designator.serial", "must be positive: " + serial);
      }
    }

    @Override
    public Optional<Numbered> numbered() {
      return Optional.of(this);
    }

    @Override
    public String text() {
      return series.name() + " " + serial + stationSerial.map(s -> "/" + s.text()).orElse("");
    }

    @Override
    public String displayText() {
      return series.displayName()
          + " "
          + serial
          + stationSerial.map(s -> "/" + s.text()).orElse("");
    }
  }

  /** A historical cable printed with a station serial and no series serial (DESIGN 4.2). */
  record StationOnly(StationSerial station) implements Designator {

    public StationOnly {
      Objects.requireNonNull(station, "station");
    }

    @Override
    public Optional<StationSerial> stationSerial() {
      return Optional.of(station);
    }

    @Override
    public Optional<Numbered> numbered() {
      return Optional.empty();
    }

    @Override
    public String text() {
      return "/" + station.text();
    }

    @Override
    public String displayText() {
      return station.text();
    }
  }
}
