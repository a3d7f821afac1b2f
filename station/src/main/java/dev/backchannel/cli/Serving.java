package dev.backchannel.cli;

import dev.backchannel.app.Station;
import dev.backchannel.server.ServerConfig;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A station being served ({@code serve}, {@code demo}): started, with a shutdown hook that closes
 * it when the process is asked to stop (Ctrl-C).
 */
final class Serving {
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread hook;

  private Serving(Station station, String hookName) {
    this.hook =
        new Thread(
            () -> {
              station.close();
              stopped.countDown();
            },
            hookName);
  }

  /**
   * Starts the station: its server, then its metrics.
   *
   * @return the station served; empty when it could not start: the error is printed as {@code
   *     UNAVAILABLE}, and what had started is stopped again (the station stays for its builder to
   *     close)
   */
  static Optional<Serving> start(
      Station station, ServerConfig settings, Console console, String hookName) {
    Serving served = new Serving(station, hookName);
    Runtime.getRuntime().addShutdownHook(served.hook);
    try {
      station.start();
      return Optional.of(served);
    } catch (Station.StartFailed e) {
      Runtime.getRuntime().removeShutdownHook(served.hook);
      console.error(
          "UNAVAILABLE",
          e.part() == Station.StartFailed.Part.METRICS
              ? "cannot serve the metrics on 127.0.0.1:"
                  + settings.metricsPort().orElseThrow()
                  + ": "
                  + rootCause(e)
              : "cannot serve on " + settings.host() + ":" + settings.port() + ": " + rootCause(e));
      return Optional.empty();
    }
  }

  /** Waits until the process is asked to stop and the station has stopped. */
  void awaitStop() throws InterruptedException {
    stopped.await();
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
