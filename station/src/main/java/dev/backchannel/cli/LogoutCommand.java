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

  /**
   * Revokes the saved token at the station it was saved for, whatever {@code --url} or the
   * environment say: a token is only forgotten once it is revoked (or no longer valid there).
   */
  @Override
  int run(StationClient ignored) {
    LoginFile file = LoginFile.of(context);
    java.util.Optional<LoginFile.Saved> saved = file.read();
    if (saved.isEmpty()) {
      context.console().out().println("Not logged in.");
      return ExitCode.OK;
    }
    StationClient client =
        new StationClient(
            saved.get().url(), java.util.Optional.of(saved.get().token()), context.json());
    try {
      client.post("/api/logout", null);
    } catch (StationClient.Failure e) {
      // a token the station no longer accepts is as good as revoked; anything else keeps it
      if (!e.code().equals("UNAUTHENTICATED")) {
        throw e;
      }
    }
    file.delete();
    context.console().out().println("Logged out of " + client.url() + ".");
    return ExitCode.OK;
  }
}
