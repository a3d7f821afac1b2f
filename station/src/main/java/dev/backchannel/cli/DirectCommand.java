package dev.backchannel.cli;

import dev.backchannel.cable.rules.Objectives;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoreObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A command that works on the station file directly (DESIGN 5.1): it opens the store (refused while
 * another process holds it), does its work, and closes it. Store problems become one error line and
 * the exit codes of 5.1.
 */
abstract class DirectCommand implements Callable<Integer> {
  @Mixin StoreOption storeOption;

  final CliContext context;

  DirectCommand(CliContext context) {
    this.context = context;
  }

  /** The work, on an open store; returns the exit code. */
  abstract int run(Store store) throws Exception;

  /** The handling objectives the store escalates by; only a serving station escalates. */
  Objectives objectives() {
    return Objectives.defaults();
  }

  /** What the store reports as it writes: nothing, unless the command serves metrics. */
  StoreObserver storeObserver() {
    return StoreObserver.NONE;
  }

  /** Whether the command sets a station file up; every other command needs one set up. */
  boolean setsUp() {
    return false;
  }

  @Override
  public Integer call() throws Exception {
    Path file = storeOption.resolve(context).toAbsolutePath();
    if (!setsUp() && !Files.exists(file)) {
      context
          .console()
          .error(
              StoreException.Problem.NOT_INITIALISED.name(),
              "there is no station file at " + file + "; run backchannel init first");
      return exitCode(StoreException.Problem.NOT_INITIALISED);
    }
    try (Store store =
        context.stores().open(file, context.clock(), storeObserver(), objectives())) {
      if (!setsUp() && store.station().isEmpty()) {
        throw new StoreException(
            StoreException.Problem.NOT_INITIALISED,
            "store",
            "the station file " + file + " is not set up; run backchannel init first");
      }
      return run(store);
    } catch (StoreException e) {
      context.console().error(e.problem().name(), e.getMessage());
      return exitCode(e.problem());
    }
  }

  /** The exit code of DESIGN 5.1 for a store problem. */
  static int exitCode(StoreException.Problem problem) {
    return switch (problem) {
      case NOT_FOUND -> ExitCode.NOT_FOUND;
      case CONFLICT, ALREADY_INITIALISED -> ExitCode.NEEDS_CONFIRMATION;
      case INVALID, NOT_INITIALISED -> ExitCode.BAD_INPUT;
      case LOCKED -> ExitCode.FAILURE;
    };
  }
}
