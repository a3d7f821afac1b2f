package dev.backchannel.cli;

import dev.backchannel.server.ServerConfig;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoreLocation;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --store PATH|URL}: the station file, or the PostgreSQL database, that a direct-mode
 * command works on (DESIGN 5.1, issue 22).
 */
final class StoreOption {
  @Option(
      names = "--store",
      paramLabel = "PATH|URL",
      description =
          "The station file, or a PostgreSQL database as postgresql://HOST[:PORT]/DB (user and"
              + " password from store.user and BACKCHANNEL_STORE_PASSWORD, never here). Default:"
              + " $BACKCHANNEL_STORE, else the setting store.url, else"
              + " ~/.local/share/backchannel/station.db.")
  String store;

  /**
   * The store: the option, else BACKCHANNEL_STORE, else {@code settings.url()}, else the default
   * file under the home.
   *
   * @throws StoreException INVALID naming the address when it is a PostgreSQL address that cannot
   *     be used
   */
  StoreLocation resolve(CliContext context, ServerConfig.StoreSettings settings) {
    String text =
        store != null
            ? store
            : context
                .env("BACKCHANNEL_STORE")
                .or(settings::url)
                .orElseGet(() -> dataHome(context).resolve("station.db").toString());
    if (StoreLocation.isPostgres(text)) {
      try {
        return StoreLocation.postgres(text, settings.user(), settings.password());
      } catch (IllegalArgumentException e) {
        throw new StoreException(StoreException.Problem.INVALID, "store", e.getMessage(), e);
      }
    }
    return new StoreLocation.SqliteFile(Path.of(text));
  }

  /**
   * Where a station's signing key is kept: beside a station file; for a PostgreSQL database, under
   * the data folder, named by the database and its server.
   */
  static Path keyFile(CliContext context, StoreLocation location) {
    return switch (location) {
      case StoreLocation.SqliteFile f -> f.file().resolveSibling(f.file().getFileName() + ".key");
      case StoreLocation.Postgres p ->
          dataHome(context).resolve(p.database() + "@" + p.host() + "_" + p.port() + ".key");
    };
  }

  /** Where the station keeps its files by default: $XDG_DATA_HOME/backchannel. */
  static Path dataHome(CliContext context) {
    return context
        .env("XDG_DATA_HOME")
        .map(Path::of)
        .orElseGet(
            () ->
                Path.of(
                    context.env("HOME").orElse(System.getProperty("user.home")), ".local", "share"))
        .resolve("backchannel");
  }
}
