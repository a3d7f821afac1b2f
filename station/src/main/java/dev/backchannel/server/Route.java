package dev.backchannel.server;

import java.util.Objects;

/**
 * A route of the API as registered: method, path in Javalin's form ({@code /api/users/{name}}), who
 * may call it, and a one-line summary for the OpenAPI document.
 */
public record Route(String method, String path, Guard guard, String summary) {
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
