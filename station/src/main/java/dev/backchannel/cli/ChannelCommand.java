package dev.backchannel.cli;

import dev.backchannel.store.ChannelInfo;
import dev.backchannel.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code backchannel channel create NAME END END}: a private line between two ends. */
@Command(
    name = "channel",
    mixinStandardHelpOptions = true,
    description = "Channels: private bilateral lines between two ends.",
    subcommands = {ChannelCommand.Create.class})
final class ChannelCommand {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Creates a channel with its two ends.")
  static final class Create extends DirectCommand {
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
      ChannelInfo channel = store.createChannel(name, endA, endB, "operator");
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
  }
}
