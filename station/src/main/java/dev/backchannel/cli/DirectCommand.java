package dev.backchannel.cli;

import dev.backchannel.access.Operator;
import dev.backchannel.accounts.SigningKeys;
import dev.backchannel.app.Services;
import dev.backchannel.app.Station;
import dev.backchannel.cable.rules.Objectives;
import dev.backchannel.server.ConfigException;
import dev.backchannel.server.ServerConfig;
import dev.backchannel.service.Refused;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoreLocation;
import dev.backchannel.store.StoreObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A command that works on the station file directly (DESIGN 5.1): it opens the store (refused while
 * another process holds it), does its work, and closes it. What it changes it changes through the
 * station's feature services ({@link #services}), as the {@link Operator}, so a command and a route
 * apply the same rules. Store problems and the services' refusals become one error line and the
 * exit codes of 5.1.
 */
abstract class DirectCommand implements Callable<Integer> {
  @Mixin StoreOption storeOption;

  final CliContext context;

  /** Who a direct command acts as: whoever holds the station file is its operator. */
  final Operator operator = new Operator();

  DirectCommand(CliContext context) {
    this.context = context;
  }

  /** The station's feature services on the open store. */
  Services services(Store store) {
    return Station.services(store, context.passwords(), context.clock());
  }

  /**
   * The station's signing key from its key file ({@link StoreOption#keyFile}); empty, with a
   * warning, where there is none, since a process without it still serves the log but signs no
   * checkpoint.
   *
   * @throws IOException when the key file exists but cannot be read
   */
  Optional<PrivateKey> signingKey(StoreLocation location) throws IOException {
    Path file = StoreOption.keyFile(context, location);
    if (!Files.exists(file)) {
      context
          .console()
          .err()
          .println(
              "warning: no signing key at "
                  + file
                  + "; this process signs no checkpoint of the"
                  + " audit log");
      return Optional.empty();
    }
    try {
      return Optional.of(SigningKeys.readPrivateKey(file));
    } catch (IllegalArgumentException e) {
      throw new StoreException(StoreException.Problem.INVALID, "key", e.getMessage(), e);
    }
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

  /**
   * The store's settings (store.url, store.user, store.password): from the environment alone,
   * unless the command reads a settings file.
   *
   * @throws ConfigException naming a setting that cannot be used
   */
  ServerConfig.StoreSettings storeSettings() {
    return ServerConfig.load(Optional.empty(), context.env()).store();
  }

  /** Where the command's store is. */
  final StoreLocation location() {
    return storeOption.resolve(context, storeSettings());
  }

  /** Whether the command sets a station file up; every other command needs one set up. */
  boolean setsUp() {
    return false;
  }

  @Override
  public Integer call() throws Exception {
    StoreLocation location;
    try {
      location = location();
    } catch (ConfigException e) {
      context.console().error("CONFIG", e.getMessage());
      return ExitCode.BAD_INPUT;
    } catch (StoreException e) {
      context.console().error(e.problem().name(), e.getMessage());
      return exitCode(e.problem());
    }
    if (!setsUp()
        && location instanceof StoreLocation.SqliteFile(Path file)
        && !Files.exists(file)) {
      context
          .console()
          .error(
              StoreException.Problem.NOT_INITIALISED.name(),
              "there is no station file at " + file + "; run backchannel init first");
      return exitCode(StoreException.Problem.NOT_INITIALISED);
    }
    try (Store store =
        context.stores().open(location, context.clock(), storeObserver(), objectives())) {
      if (!setsUp() && store.station().isEmpty()) {
        throw new StoreException(
            StoreException.Problem.NOT_INITIALISED,
            "store",
            location.describe() + " is not set up; run backchannel init first");
      }
      return run(store);
    } catch (StoreException e) {
      context.console().error(e.problem().name(), e.getMessage());
      return exitCode(e.problem());
    } catch (Refused e) {
      context.console().error(e.code(), e.getMessage());
      return exitCode(e.kind());
    }
  }

  /** The exit code of DESIGN 5.1 for a store problem. */
  static int exitCode(StoreException.Problem problem) {
    return switch (problem) {
      case NOT_FOUND -> ExitCode.NOT_FOUND;
      case CONFLICT, ALREADY_INITIALISED -> ExitCode.NEEDS_CONFIRMATION;
      case INVALID, NOT_INITIALISED -> ExitCode.BAD_INPUT;
      case LOCKED, UNAVAILABLE -> ExitCode.FAILURE;
    };
  }

  /**
   * The exit code of DESIGN 5.1 for a service's refusal: the one a running station's answer to the
   * same refusal gives ({@link StationClient#exitCode}), so a command exits alike in both modes.
   */
  static int exitCode(Refused.Kind kind) {
    return switch (kind) {
      case NOT_FOUND, FORBIDDEN -> ExitCode.NOT_FOUND;
      case INVALID -> ExitCode.BAD_INPUT;
      case CONFLICT -> ExitCode.NEEDS_CONFIRMATION;
    };
  }
}
