package dev.backchannel.cli;

import dev.backchannel.store.ChannelInfo;
import dev.backchannel.store.Store;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backchannel channel create|list}: private lines between two ends. */
@Command(
    name = "channel",
    mixinStandardHelpOptions = true,
    description = "Channels: private bilateral lines between two ends.",
    subcommands = {ChannelCommand.Create.class, ChannelCommand.ListChannels.class})
final class ChannelCommand {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Creates a channel with its two ends.")
  static final class Create extends DualCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The channel's name.")
    String name;

    @Parameters(index = "1", paramLabel = "END", description = "One end, e.g. HAK.")
    String endA;

    @Parameters(index = "2", paramLabel = "END", description = "The other end, e.g. WH.")
    String endB;

    Create(CliContext context) {
      super(context);
    }

    @Override
    int run(Store store) {
      ChannelInfo channel =
          services(store).channels().createChannel(operator, name, List.of(endA, endB)).channel();
      context
          .console()
          .out()
          .println(
              "Channel "
                  + channel.name()
                  + " created with ends "
                  + String.join(" and ", channel.ends()));
      return ExitCode.OK;
    }

    @Override
    int runClient(StationClient client) {
      com.fasterxml.jackson.databind.node.ObjectNode body =
          context.json().createObjectNode().put("name", name);
      body.putArray("ends").add(endA).add(endB);
      com.fasterxml.jackson.databind.JsonNode c = client.post("/api/channels", body);
      List<String> ends = new ArrayList<>();
      c.path("ends").forEach(e -> ends.add(e.path("name").asText()));
      context
          .console()
          .out()
          .println(
              "Channel "
                  + c.path("name").asText()
                  + " created with ends "
                  + String.join(" and ", ends));
      return ExitCode.OK;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the channels with their ends and members (administrators).")
  static final class ListChannels extends ClientCommand {
    @Option(names = "--json", description = "Print them as a JSON array.")
    boolean json;

    ListChannels(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      com.fasterxml.jackson.databind.JsonNode channels = client.get("/api/channels");
      if (json) {
        context.console().out().println(channels);
        return ExitCode.OK;
      }
      for (com.fasterxml.jackson.databind.JsonNode c : channels) {
        c.path("ends").forEach(e -> EndCommand.print(context, e));
      }
      return ExitCode.OK;
    }
  }
}
