package dev.backchannel.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --store PATH}: the station file a direct-mode command works on (DESIGN 5.1). */
final class StoreOption {
  @Option(
      names = "--store",
      paramLabel = "PATH",
      description =
          "The station file (default: $BACKCHANNEL_STORE, else"
              + " ~/.local/share/backchannel/station.db).")
  Path store;

  /** The station file: the option, else BACKCHANNEL_STORE, else the default under the home. */
  Path resolve(CliContext context) {
    if (store != null) {
      return store;
    }
    return context
        .env("BACKCHANNEL_STORE")
        .map(Path::of)
        .orElseGet(
            () ->
                context
                    .env("XDG_DATA_HOME")
                    .map(Path::of)
                    .orElseGet(
                        () ->
                            Path.of(
                                context.env("HOME").orElse(System.getProperty("user.home")),
                                ".local",
                                "share"))
                    .resolve("backchannel")
                    .resolve("station.db"));
  }
}
