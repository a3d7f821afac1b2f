package dev.backchannel.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.store.Role;
import dev.backchannel.store.SessionKind;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
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

  /** Where a page sends a caller who is not logged in. */
  public static final String LOGIN_PAGE = "/login";

  /** The form field a page's form carries the session's CSRF token in. */
  public static final String CSRF_FIELD = "csrf";

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

  /**
   * A page of the web UI: as a route, but a caller who is not logged in is sent to log in (303 to
   * {@code /login}, with the page asked for as {@code next} when it was a GET), and a form's CSRF
   * token may come as its field {@code csrf}.
   */
  public void page(String method, String path, Guard guard, String summary, Handler handler) {
    HandlerType type =
        switch (method) {
          case "GET" -> HandlerType.GET;
          case "POST" -> HandlerType.POST;
          default ->
              throw new IllegalArgumentException(
                  "method: a page is read with GET or sent with POST, not " + method);
        };
    add(type, path, guard, summary, true, handler);
  }

  List<Route> registered() {
    return List.copyOf(registered);
  }

  private void add(HandlerType type, String path, Guard guard, String summary, Handler handler) {
    add(type, path, guard, summary, false, handler);
  }

  private void add(
      HandlerType type, String path, Guard guard, String summary, boolean page, Handler handler) {
    registered.add(new Route(type.name(), path, guard, summary, page));
    boolean changes = type != HandlerType.GET;
    routes.addHttpHandler(
        type,
        path,
        ctx -> {
          ctx.attribute(ROUTE_ATTRIBUTE, path);
          Optional<Caller> caller = authenticator.authenticate(ctx);
          if (page && guard.needsUser() && caller.isEmpty()) {
            String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            ctx.redirect(
                changes
                    ? LOGIN_PAGE
                    : LOGIN_PAGE + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8),
                HttpStatus.SEE_OTHER);
            return;
          }
          if (guard.needsUser() && caller.isEmpty()) {
            throw ApiException.unauthenticated();
          }
          if (guard == Guard.ADMINISTRATOR && !caller.get().reader().has(Role.ADMINISTRATOR)) {
            throw ApiException.forbidden(Role.ADMINISTRATOR.name());
          }
          if (changes && guard.needsUser()) {
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
    if (token == null && isForm(ctx)) {
      token = ctx.formParam(CSRF_FIELD);
    }
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

  private static boolean isForm(io.javalin.http.Context ctx) {
    String type = ctx.header("Content-Type");
    return type != null
        && (type.startsWith("application/x-www-form-urlencoded")
            || type.startsWith("multipart/form-data"));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
