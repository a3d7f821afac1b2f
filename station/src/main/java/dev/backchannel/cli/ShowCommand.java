package dev.backchannel.cli;

import dev.backchannel.cable.Series;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoredCable;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backchannel show DESIGNATOR}: a stored cable's canonical text (or JSON). */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Prints a stored cable's canonical text, e.g. backchannel show \"Hakto 45\".")
final class ShowCommand extends DirectCommand {
  private static final Pattern NUMBERED =
      Pattern.compile("([A-Za-z]{1,20})\\s+([0-9]{1,9})(?:\\s*/\\s*(.+))?");

  @Parameters(
      paramLabel = "DESIGNATOR",
      description = "Series and serial (Hakto 45, HAKTO 45/225) or a station serial (WHS 2282).")
  String designator;

  @Mixin ExchangeOption exchange;

  @Option(names = "--json", description = "Print the cable as JSON.")
  boolean json;

  ShowCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(Store store) {
    ExchangeInfo x = exchange.resolve(store);
    StoredCable cable =
        find(store, x, designator.strip())
            .orElseThrow(
                () ->
                    new StoreException(
                        StoreException.Problem.NOT_FOUND,
                        "designator",
                        "no cable " + designator + " in exchange " + x.name()));
    if (json) {
      context.console().out().println(StoredCableJson.of(cable));
    } else {
      context.console().out().print(cable.canonical());
    }
    return ExitCode.OK;
  }

  private static Optional<StoredCable> find(Store store, ExchangeInfo x, String text) {
    String t = text.startsWith("/") ? text.substring(1) : text;
    Matcher m = NUMBERED.matcher(t);
    if (m.matches()) {
      Series series = new Series(m.group(1).toUpperCase(Locale.ROOT));
      if (x.series(series).isPresent()) {
        String station = m.group(3);
        return store
            .cable(x.name(), series, Integer.parseInt(m.group(2)))
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
    return store.cableByStationSerial(x.name(), t);
  }
}
