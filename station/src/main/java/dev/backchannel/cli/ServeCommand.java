package dev.backchannel.cli;

import dev.backchannel.app.Station;
import dev.backchannel.cable.rules.Objectives;
import dev.backchannel.metrics.StationMetrics;
import dev.backchannel.server.ConfigException;
import dev.backchannel.server.ServerConfig;
import dev.backchannel.store.StationInfo;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreObserver;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backchannel serve}: runs the station over HTTP until stopped. It holds the station file's
 * lock for as long as it runs, so direct-mode commands are refused meanwhile.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Runs the station: the HTTP API on 127.0.0.1:8080 and its metrics on"
            + " 127.0.0.1:9464/metrics, unless configured otherwise.")
final class ServeCommand extends DirectCommand {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Settings file (default: $BACKCHANNEL_CONFIG, else"
              + " ~/.config/backchannel/station.properties when it exists);"
              + " BACKCHANNEL_* variables override it.")
  Path config;

  private ServerConfig settings;
  private Optional<StationMetrics> metrics = Optional.empty();

  ServeCommand(CliContext context) {
    super(context);
  }

  /**
   * Reads the settings before the store is opened: the store reports to the metrics they ask for.
   */
  @Override
  public Integer call() throws Exception {
    try {
      settings = ServerConfig.load(configFile(), context.env());
    } catch (ConfigException e) {
      context.console().error("CONFIG", e.getMessage());
      return ExitCode.BAD_INPUT;
    }
    metrics = Station.metrics(settings, context.clock());
    try {
      return super.call();
    } finally {
      metrics.ifPresent(StationMetrics::close);
    }
  }

  @Override
  ServerConfig.StoreSettings storeSettings() {
    return settings.store();
  }

  @Override
  Objectives objectives() {
    return settings.objectives();
  }

  @Override
  StoreObserver storeObserver() {
    return metrics.map(StationMetrics::store).orElse(StoreObserver.NONE);
  }

  @Override
  int run(Store store) throws InterruptedException, IOException {
    StationInfo station = store.station().orElseThrow();
    Station served =
        Station.build(settings, store, context.clock(), metrics, signingKey(location()));
    Optional<Serving> serving =
        Serving.start(served, settings, context.console(), "backchannel-shutdown");
    if (serving.isEmpty()) {
      served.close();
      return ExitCode.FAILURE;
    }
    PrintStream out = context.console().out();
    out.println(
        "serving station "
            + station.prefix()
            + " ("
            + station.name()
            + ") on http://"
            + settings.host()
            + ":"
            + served.server().port());
    metrics.ifPresent(m -> out.println("metrics on " + m.url()));
    out.flush();
    serving.get().awaitStop();
    return ExitCode.OK;
  }

  private Optional<Path> configFile() {
    if (config != null) {
      return Optional.of(config);
    }
    Optional<Path> named = context.env("BACKCHANNEL_CONFIG").map(Path::of);
    if (named.isPresent()) {
      return named;
    }
    Path standard =
        context
            .env("XDG_CONFIG_HOME")
            .map(Path::of)
            .orElseGet(
                () ->
                    Path.of(context.env("HOME").orElse(System.getProperty("user.home")), ".config"))
            .resolve("backchannel")
            .resolve("station.properties");
    return Files.isRegularFile(standard) ? Optional.of(standard) : Optional.empty();
  }
}
