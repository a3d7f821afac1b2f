package dev.backchannel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A command that talks to a running station (DESIGN 5.1) with the token {@code login} saved. The
 * station's errors become one line {@code CODE: reason} and the exit codes of 5.1.
 */
abstract class ClientCommand implements Callable<Integer> {
  @Mixin ClientOptions clientOptions;

  final CliContext context;

  ClientCommand(CliContext context) {
    this.context = context;
  }

  /** The work, with a client of the station; returns the exit code. */
  abstract int run(StationClient client) throws Exception;

  @Override
  public Integer call() throws Exception {
    return runAsClient(context, clientOptions, this::run);
  }

  /** A piece of client work. */
  @FunctionalInterface
  interface Work {
    int run(StationClient client) throws Exception;
  }

  /** Runs client work, turning a refused request into an error line and an exit code. */
  static int runAsClient(CliContext context, ClientOptions options, Work work) throws Exception {
    return handled(
        context,
        () -> {
          StationClient client = options.client(context);
          Witness.of(context).check(client);
          return work.run(client);
        });
  }

  /**
   * Runs work that makes its own clients ({@code login}, {@code logout}), turning a refused request
   * into an error line and an exit code.
   */
  static int handled(CliContext context, Callable<Integer> work) throws Exception {
    try {
      return work.call();
    } catch (StationClient.Failure e) {
      context.console().error(e.code(), e.getMessage());
      return e.exit();
    }
  }
}
