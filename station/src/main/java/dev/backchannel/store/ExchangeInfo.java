package dev.backchannel.store;

import dev.backchannel.cable.Series;
import java.util.List;
import java.util.Optional;

/** An exchange with its two series. */
public record ExchangeInfo(long id, String name, String channel, List<SeriesInfo> series) {
  public ExchangeInfo {
    series = List.copyOf(series);
  }

  /**
   * A series of the exchange and the end that sends it (its name and its id): what never changes
   * once the exchange is made (its counter is read and counted in the releasing transaction alone,
   * G1), so that an exchange as the directory keeps it is never out of date.
   */
  public record SeriesInfo(long id, Series series, String sendingEnd, long sendingEndId) {}

  /** The series of that name, if it is one of this exchange's. */
  public Optional<SeriesInfo> series(Series name) {
    return series.stream().filter(s -> s.series().equals(name)).findFirst();
  }

  /** The other series of the exchange. */
  public SeriesInfo opposite(SeriesInfo of) {
    return series.get(0).id() == of.id() ? series.get(1) : series.get(0);
  }
}
