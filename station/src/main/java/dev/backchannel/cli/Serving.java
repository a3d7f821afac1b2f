package dev.backchannel.cli;

import dev.backchannel.metrics.StationMetrics;
import dev.backchannel.server.ServerConfig;
import dev.backchannel.server.StationServer;
import dev.backchannel.store.Store;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A station being served ({@code serve}, {@code demo}): its server and metrics started, with a
 * shutdown hook that stops both and closes the store when the process is asked to stop (Ctrl-C).
 */
final class Serving {
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread hook;

  private Serving(
      StationServer server, Optional<StationMetrics> metrics, Store store, String hookName) {
    this.hook =
        new Thread(
            () -> {
              server.close();
              metrics.ifPresent(StationMetrics::close);
              store.close();
              stopped.countDown();
            },
            hookName);
  }

  /**
   * Starts the server, then its metrics.
   *
   * @return the station served; empty when either could not start: the error is printed as {@code
   *     UNAVAILABLE}, and what had started is stopped again (the store stays open for its opener to
   *     close)
   */
  static Optional<Serving> start(
      StationServer server,
      Optional<StationMetrics> metrics,
      Store store,
      ServerConfig settings,
      Console console,
      String hookName) {
    Serving served = new Serving(server, metrics, store, hookName);
    Runtime.getRuntime().addShutdownHook(served.hook);
    String failure = null;
    boolean serving = false;
    try {
      server.start();
      serving = true;
      metrics.ifPresent(StationMetrics::start);
    } catch (RuntimeException e) {
      failure =
          serving
              ? "cannot serve the metrics on 127.0.0.1:"
                  + settings.metricsPort().orElseThrow()
                  + ": "
                  + rootCause(e)
              : "cannot serve on " + settings.host() + ":" + settings.port() + ": " + rootCause(e);
    }
    if (failure != null) {
      Runtime.getRuntime().removeShutdownHook(served.hook);
      server.close();
      metrics.ifPresent(StationMetrics::close);
      console.error("UNAVAILABLE", failure);
      return Optional.empty();
    }
    return Optional.of(served);
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
