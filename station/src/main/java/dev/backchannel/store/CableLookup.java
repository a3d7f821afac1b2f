package dev.backchannel.store;

import dev.backchannel.cable.Series;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds a stored cable by its designator as people write it. */
public final class CableLookup {
  private static final Pattern NUMBERED =
      Pattern.compile("([A-Za-z]{1,20})[ -]+([0-9]{1,9})(?:\\s*/\\s*(.+))?");

  private CableLookup() {}

  /**
   * A cable of an exchange by its designator: {@code Hakto 45}, {@code HAKTO-45}, {@code HAKTO
   * 45/225} (the station serial must then match), or a station serial alone ({@code WHS 2282},
   * {@code /WHS 2282}).
   */
  public static Optional<StoredCable> find(Store store, ExchangeInfo exchange, String designator) {
    String t = designator.strip();
    t = t.startsWith("/") ? t.substring(1).strip() : t;
    Matcher m = NUMBERED.matcher(t);
    if (m.matches()) {
      Series series = new Series(m.group(1).toUpperCase(Locale.ROOT));
      if (exchange.series(series).isPresent()) {
        String station = m.group(3);
        return store
            .cable(exchange.name(), series, Integer.parseInt(m.group(2)))
            .filter(
                c ->
                    station == null
                        || c.cable()
                            .designator()
                            .flatMap(d -> d.stationSerial())
                            .map(s -> s.text().equalsIgnoreCase(station.strip()))
                            .orElse(false));
      }
    }
    return store.cableByStationSerial(exchange.name(), t);
  }
}
