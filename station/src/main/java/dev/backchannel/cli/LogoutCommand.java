package dev.backchannel.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code backchannel logout}: revokes one kept token at its station and forgets it. */
@Command(
    name = "logout",
    mixinStandardHelpOptions = true,
    description =
        "Revokes the current login's token at its station and forgets it (--as NAME: that login"
            + " instead); other kept logins stay.")
final class LogoutCommand implements Callable<Integer> {
  @Mixin ClientOptions clientOptions;

  private final CliContext context;

  LogoutCommand(CliContext context) {
    this.context = context;
  }

  /**
   * Revokes the token at the station it was saved for, whatever {@code --url} or the environment
   * say: a token is only forgotten once it is revoked (or no longer valid there).
   */
  @Override
  public Integer call() throws Exception {
    return ClientCommand.handled(
        context,
        () -> {
          Optional<LoginFile.Saved> saved = clientOptions.login(context);
          if (saved.isEmpty()) {
            context.console().out().println("Not logged in.");
            return ExitCode.OK;
          }
          StationClient client =
              new StationClient(
                  saved.get().url(), Optional.of(saved.get().token()), context.json());
          try {
            client.post("/api/logout", null);
          } catch (StationClient.Failure e) {
            // a token the station no longer accepts is as good as revoked; anything else keeps it
            if (!e.code().equals("UNAUTHENTICATED")) {
              throw e;
            }
          }
          LoginFile.of(context).remove(saved.get());
          context.console().out().println("Logged out " + saved.get().describe() + ".");
          return ExitCode.OK;
        });
  }
}
