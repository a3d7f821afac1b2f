package dev.backchannel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backchannel caveat list|add}: the station's caveat registry. */
@Command(
    name = "caveat",
    mixinStandardHelpOptions = true,
    description = "The station's caveat registry, through a running station.",
    subcommands = {CaveatCommand.ListCaveats.class, CaveatCommand.Add.class})
final class CaveatCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the caveats.")
  static final class ListCaveats extends ClientCommand {
    @Option(names = "--json", description = "Print them as a JSON array.")
    boolean json;

    ListCaveats(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      JsonNode caveats = client.get("/api/caveats");
      if (json) {
        context.console().out().println(caveats);
      } else {
        caveats.forEach(c -> context.console().out().println(c.asText()));
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Adds a caveat (administrators); labels must still split one way only.")
  static final class Add extends ClientCommand {
    @Parameters(index = "0", paramLabel = "CAVEAT", description = "e.g. \"TALENT KEYHOLE\".")
    String caveat;

    Add(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      client.post("/api/caveats", context.json().createObjectNode().put("name", caveat));
      context.console().out().println("Caveat " + caveat + " added.");
      return ExitCode.OK;
    }
  }
}
