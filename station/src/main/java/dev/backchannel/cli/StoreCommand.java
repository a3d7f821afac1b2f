package dev.backchannel.cli;

import dev.backchannel.server.ConfigException;
import dev.backchannel.server.ServerConfig;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoreLocation;
import dev.backchannel.store.postgresql.StoreCopy;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backchannel store ...}: the station's store itself. */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = "The station's store itself: moving a station to PostgreSQL.",
    subcommands = {StoreCommand.Copy.class})
final class StoreCommand {

  /**
   * {@code backchannel store copy --from FILE --to postgresql://...}: a station file into an empty
   * PostgreSQL database, checked (issue 22).
   */
  @Command(
      name = "copy",
      mixinStandardHelpOptions = true,
      description =
          "Copies a station file into an empty PostgreSQL database: every row, then checks the"
              + " row counts and every cable's SHA-256 before it commits. A database that is not"
              + " empty is refused and left as it was. User and password as for --store.")
  static final class Copy implements Callable<Integer> {
    @Option(
        names = "--from",
        required = true,
        paramLabel = "FILE",
        description = "The station file.")
    Path from;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "URL",
        description = "The empty database, as postgresql://HOST[:PORT]/DB.")
    String to;

    private final CliContext context;

    Copy(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      ServerConfig.StoreSettings settings;
      StoreLocation.Postgres target;
      try {
        settings = ServerConfig.load(Optional.empty(), context.env()).store();
        if (!StoreLocation.isPostgres(to)) {
          context
              .console()
              .error(
                  "INVALID",
                  "--to must be a PostgreSQL database, postgresql://HOST[:PORT]/DB: " + to);
          return ExitCode.BAD_INPUT;
        }
        target = StoreLocation.postgres(to, settings.user(), settings.password());
      } catch (ConfigException e) {
        context.console().error("CONFIG", e.getMessage());
        return ExitCode.BAD_INPUT;
      } catch (IllegalArgumentException e) {
        context.console().error("INVALID", e.getMessage());
        return ExitCode.BAD_INPUT;
      }
      PrintStream err = context.console().err();
      try {
        StoreCopy.Report report =
            StoreCopy.copy(
                from,
                target,
                (table, copied, total) -> {
                  if (copied == total) {
                    err.printf("copied %-16s %,d rows%n", table, total);
                  } else if (copied > 0) {
                    err.printf("copying %-15s %,d of %,d rows\r", table, copied, total);
                  }
                  err.flush();
                });
        PrintStream out = context.console().out();
        out.printf(
            "Copied %s into %s: %,d rows in %d tables; every table's row count matches, and"
                + " the SHA-256 of each of the %,d cables, computed again from its canonical"
                + " text, matches the file's.%n",
            from.toAbsolutePath(),
            target.url(),
            report.total(),
            report.rows().size(),
            report.cables());
        return ExitCode.OK;
      } catch (StoreException e) {
        context.console().error(e.problem().name(), e.getMessage());
        return DirectCommand.exitCode(e.problem());
      }
    }
  }
}
