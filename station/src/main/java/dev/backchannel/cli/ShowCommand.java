package dev.backchannel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.store.CableLookup;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoredCable;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backchannel show DESIGNATOR}: a cable's canonical text (or JSON), from the station file
 * or, when logged in, through the station as its reader may see it; the two print alike.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Prints a cable's canonical text, e.g. backchannel show \"Hakto 45\".")
final class ShowCommand extends DualCommand {
  /** What the station's cable answer adds to the cable's JSON that the file's JSON has not. */
  private static final List<String> STATION_ONLY =
      List.of("canonical", "access", "receipts", "crossings", "releasedUnread");

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
        CableLookup.find(store, x, designator)
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

  /** Through the station; the text, shown to its reader, counts as OPENED there (G4). */
  @Override
  int runClient(StationClient client) {
    JsonNode c =
        client.send(
            "GET", TrafficCommands.cablePath(exchange.resolve(client), designator), null, "cli");
    if (!"CONTENT".equals(c.path("access").asText())) {
      return TrafficCommands.envelopeOnly(context, c);
    }
    if (json) {
      ObjectNode o = c.deepCopy();
      o.remove(STATION_ONLY);
      context.console().out().println(o);
    } else {
      context.console().out().print(c.path("canonical").asText());
    }
    return ExitCode.OK;
  }
}
