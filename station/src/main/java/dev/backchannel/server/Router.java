package dev.backchannel.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.store.Role;
import dev.backchannel.store.SessionKind;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Registers the API's routes, each behind its {@link Guard}: the caller is found first, a route for
 * users refuses anonymous requests, a route for administrators refuses everyone else before it
 * looks at its target, and a browser session's state-changing request must carry its CSRF token.
 */
public final class Router {
  private final RoutesConfig routes;
  private final Authenticator authenticator;
  private final ObjectMapper json;
  private final List<Route> registered = new ArrayList<>();

  /**
   * The request attribute holding the matched route's registered path pattern: what the request
   * metrics are labelled with, instead of the path asked for.
   */
  static final String ROUTE_ATTRIBUTE = "backchannel.route";

  Router(RoutesConfig routes, Authenticator authenticator, ObjectMapper json) {
    this.routes = Objects.requireNonNull(routes, "routes");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.json = Objects.requireNonNull(json, "json");
  }

  /** A handler of one route. */
  @FunctionalInterface
  public interface Handler {
    void handle(Call call) throws Exception;
  }

  public void get(String path, Guard guard, String summary, Handler handler) {
    add(HandlerType.GET, path, guard, summary, handler);
  }

  public void post(String path, Guard guard, String summary, Handler handler) {
    add(HandlerType.POST, path, guard, summary, handler);
  }

  public void put(String path, Guard guard, String summary, Handler handler) {
    add(HandlerType.PUT, path, guard, summary, handler);
  }

  public void patch(String path, Guard guard, String summary, Handler handler) {
    add(HandlerType.PATCH, path, guard, summary, handler);
  }

  public void delete(String path, Guard guard, String summary, Handler handler) {
    add(HandlerType.DELETE, path, guard, summary, handler);
  }

  List<Route> registered() {
    return List.copyOf(registered);
  }

  private void add(HandlerType type, String path, Guard guard, String summary, Handler handler) {
    registered.add(new Route(type.name(), path, guard, summary));
    boolean changes = type != HandlerType.GET;
    routes.addHttpHandler(
        type,
        path,
        ctx -> {
          ctx.attribute(ROUTE_ATTRIBUTE, path);
          Optional<Caller> caller = authenticator.authenticate(ctx);
          if (guard != Guard.PUBLIC && caller.isEmpty()) {
            throw ApiException.unauthenticated();
          }
          if (guard == Guard.ADMINISTRATOR && !caller.get().reader().has(Role.ADMINISTRATOR)) {
            throw ApiException.forbidden(Role.ADMINISTRATOR.name());
          }
          if (changes && guard != Guard.PUBLIC) {
            requireCsrf(ctx, caller.get());
          }
          handler.handle(new Call(ctx, caller, json));
        });
  }

  private static void requireCsrf(io.javalin.http.Context ctx, Caller caller) {
    if (caller.session().kind() != SessionKind.SESSION) {
      return;
    }
    String token = ctx.header(StationServer.CSRF_HEADER);
    if (token == null || !MessageDigest.isEqual(utf8(token), utf8(caller.session().csrfToken()))) {
      throw new ApiException(
          403,
          "CSRF",
          StationServer.CSRF_HEADER,
          "a browser session's change needs the header "
              + StationServer.CSRF_HEADER
              + " with the session's CSRF token");
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
