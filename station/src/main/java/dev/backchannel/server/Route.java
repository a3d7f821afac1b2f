package dev.backchannel.server;

import java.util.Objects;

/**
 * A route as registered: method, path in Javalin's form ({@code /api/users/{name}}), who may call
 * it, a one-line summary, and whether it is a page of the web UI rather than a route of the API
 * (which the OpenAPI document describes).
 */
public record Route(String method, String path, Guard guard, String summary, boolean page) {
  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(summary, "summary");
  }

  /** {@code GET /api/users}, as tests and errors name a route. */
  public String key() {
    return method + " " + path;
  }
}
