package dev.backchannel.store;

import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Series;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds a stored cable by its designator as people write it. */
public final class CableLookup {
  private static final Pattern NUMBERED =
      Pattern.compile("([A-Za-z]{1,20})[ -]+([0-9]{1,9})(?:\\s*/\\s*(.+))?");

  /**
   * A designator as the station writes it: the series in upper case (a header) or capitalised
   * (running text), one space, the serial without sign or leading zero, then the station serial as
   * printed; or a station serial alone, with or without its slash.
   */
  private static final Pattern CANONICAL =
      Pattern.compile(
          "(?:(?:[A-Z]{1,20}|[A-Z][a-z]{0,19}) [1-9][0-9]{0,8}(?:/(?:[A-Z]{1,10} )?[1-9][0-9]{0,8})?"
              + "|/?(?:[A-Z]{1,10} )?[1-9][0-9]{0,8})");

  private CableLookup() {}

  /** The end of its channel that sent a cable; empty for a cable of no series. */
  public static Optional<String> sendingEnd(Store store, StoredCable c) {
    return c.cable()
        .designator()
        .flatMap(Designator::numbered)
        .flatMap(n -> store.exchange(c.exchange()).flatMap(x -> x.series(n.series())))
        .map(ExchangeInfo.SeriesInfo::sendingEnd);
  }

  /**
   * Whether {@code designator} is in a form the station itself writes ({@code HAKTO 45/225}, {@code
   * Hakto 45}, {@code /WHS 2282}, {@code WHS 2282}): what a request must name a cable by. {@code
   * Hakto -1}, {@code Hakto 00001} and {@code Hakto 1} are not, though {@link #find} would read
   * them, so that one cable has one address.
   */
  public static boolean canonical(String designator) {
    return CANONICAL.matcher(designator).matches();
  }

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
