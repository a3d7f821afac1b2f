package dev.backchannel.store;

import dev.backchannel.cable.Series;
import java.util.Objects;

/**
 * An exchange to create: a channel's numbering period with its two series.
 *
 * @param channel the channel's name
 * @param name the exchange's name, unique on the station
 * @param first the first series and the end that sends it
 * @param second the second series and the end that sends it
 */
public record NewExchange(String channel, String name, SeriesEnd first, SeriesEnd second) {
  public NewExchange {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
  }

  /** A series and the name of the end that sends it. */
  public record SeriesEnd(Series series, String sendingEnd) {
    public SeriesEnd {
      Objects.requireNonNull(series, "series");
      Objects.requireNonNull(sendingEnd, "sendingEnd");
    }
  }
}
