package dev.backchannel.server;

import java.util.Map;

/**
 * The headers on every answer of the station, a route's or Jetty's own (README, "The HTTP API").
 */
final class SecurityHeaders {
  private SecurityHeaders() {}

  /** Each header with its value. */
  static final Map<String, String> ALL =
      Map.of(
          "Content-Security-Policy",
          "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
          "X-Content-Type-Options",
          "nosniff",
          "X-Frame-Options",
          "DENY",
          "Referrer-Policy",
          "no-referrer",
          // every answer may carry cable facts or a session: nothing is kept by browsers or proxies
          "Cache-Control",
          "no-store");
}
