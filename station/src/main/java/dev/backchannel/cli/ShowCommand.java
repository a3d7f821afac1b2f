package dev.backchannel.cli;

import dev.backchannel.store.CableLookup;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoredCable;
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
}
