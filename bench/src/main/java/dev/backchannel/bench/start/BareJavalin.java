package dev.backchannel.bench.start;

import io.javalin.Javalin;

/**
 * The cold-start baseline: a bare Javalin server, configured as the station's (virtual threads, no
 * banner, loopback), answering one JSON route. Started the same way as the station, in the same
 * run, it is what a Javalin service costs to start on this machine.
 */
public final class BareJavalin {
  private BareJavalin() {}

  /** Serves on the port {@code BACKCHANNEL_HTTP_PORT} names, as the station does, until killed. */
  public static void main(String[] args) {
    int port = Integer.parseInt(System.getenv("BACKCHANNEL_HTTP_PORT"));
    Javalin.create(
            cfg -> {
              cfg.concurrency.useVirtualThreads = true;
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.jetty.host = "127.0.0.1";
              cfg.jetty.port = port;
              cfg.routes.get(
                  "/api/openapi.json",
                  ctx -> ctx.contentType("application/json").result("{\"openapi\":\"3.1.0\"}"));
            })
        .start();
  }
}
