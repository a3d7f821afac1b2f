package dev.backchannel.cli;

import picocli.CommandLine.Command;

/** The top-level {@code backchannel} command; the work is done by its subcommands. */
@Command(
    name = "backchannel",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Backchannel: formal, numbered, labelled cables that reach the right person.",
    subcommands = {
      ParseCommand.class,
      InitCommand.class,
      ChannelCommand.class,
      ExchangeCommand.class,
      ReleaseCommand.class,
      ShowCommand.class,
      ListCommand.class,
      ImportCommand.class,
      ServeCommand.class,
      StoreCommand.class,
      AuditCommand.class,
      DemoCommand.class,
      LoginCommand.class,
      LogoutCommand.class,
      UserCommand.class,
      EndCommand.class,
      PeerCommand.class,
      LinkCommand.class,
      CaveatCommand.class,
      TrafficCommands.Inbox.class,
      TrafficCommands.Read.class,
      TrafficCommands.Ack.class,
      TrafficCommands.Pass.class,
      TrafficCommands.Receipts.class,
      TrafficCommands.Draft.class,
      TrafficCommands.Crossings.class,
      TrafficCommands.Gaps.class
    })
final class BackchannelCommand {}
