package dev.backchannel.cli;

import picocli.CommandLine.Command;

/** {@code backchannel logout}: revokes the saved token at the station and forgets it. */
@Command(
    name = "logout",
    mixinStandardHelpOptions = true,
    description = "Revokes the saved token at the station and removes it.")
final class LogoutCommand extends ClientCommand {
  LogoutCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(StationClient client) {
    LoginFile file = LoginFile.of(context);
    if (file.read().isEmpty()) {
      context.console().out().println("Not logged in.");
      return ExitCode.OK;
    }
    try {
      client.post("/api/logout", null);
    } catch (StationClient.Failure e) {
      // an expired or revoked token is as good as logged out; anything else is reported
      if (e.exit() != ExitCode.NOT_FOUND) {
        throw e;
      }
    }
    file.delete();
    context.console().out().println("Logged out of " + client.url() + ".");
    return ExitCode.OK;
  }
}
