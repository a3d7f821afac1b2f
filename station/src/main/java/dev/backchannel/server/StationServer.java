package dev.backchannel.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.cable.InvalidValueException;
import dev.backchannel.service.Refused;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's HTTP server (Javalin on Jetty, virtual threads): the features' routes behind their
 * guards, JSON errors {@code {code, message, field}} with no stack trace, the body limit of DESIGN
 * 5.6, security headers on every answer, and the OpenAPI document at {@value #OPENAPI}.
 *
 * <p>Nothing starts in the constructor; {@link #start} starts, {@link #close} stops and is
 * idempotent.
 */
public final class StationServer implements AutoCloseable {
  /** Where the OpenAPI document is served. */
  public static final String OPENAPI = "/api/openapi.json";

  /** The browser session cookie's name. */
  public static final String SESSION_COOKIE = "backchannel_session";

  /** The header a browser session's state-changing requests carry its CSRF token in. */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private static final Set<String> HTTP_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

  private static final Logger LOG = LoggerFactory.getLogger(StationServer.class);

  private final ServerConfig config;
  private final Sessions sessions;
  private final Store store;
  private final List<Feature> features;
  private final ObjectMapper json;
  private final Runnable tick;
  private final RequestObserver requests;
  private Javalin app;
  private ScheduledExecutorService ticking;
  private List<Route> routes = List.of();
  private boolean closed;

  /**
   * @param tick the station's clockwork (due deliveries, escalations), run every {@code
   *     delivery.tick} once started
   * @param requests told of every request answered, with its route's pattern and its status
   */
  public StationServer(
      ServerConfig config,
      Sessions sessions,
      Store store,
      List<Feature> features,
      ObjectMapper json,
      Runnable tick,
      RequestObserver requests) {
    this.config = Objects.requireNonNull(config, "config");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.store = Objects.requireNonNull(store, "store");
    this.features = List.copyOf(features);
    this.json = Objects.requireNonNull(json, "json");
    this.tick = Objects.requireNonNull(tick, "tick");
    this.requests = Objects.requireNonNull(requests, "requests");
  }

  /**
   * Registers the routes and starts listening.
   *
   * @throws IllegalStateException if started before or closed
   */
  public synchronized StationServer start() {
    if (app != null || closed) {
      throw new IllegalStateException("the station server can be started once; it was already");
    }
    ObjectNode openapi = openapiDocument();
    Authenticator authenticator = new Authenticator(sessions, store);
    JettyErrors jettyErrors = new JettyErrors(json);
    app =
        Javalin.create(
            cfg -> {
              cfg.concurrency.useVirtualThreads = true;
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.http.maxRequestSize = config.maxBodyBytes();
              cfg.http.prefer405over404 = false;
              cfg.jetty.host = config.host();
              cfg.jetty.port = config.port();
              // Jetty's own refusals (bad request line, headers too large) answer in JSON too
              cfg.jetty.modifyServer(server -> server.setErrorHandler(jettyErrors));
              cfg.jetty.modifyServletContextHandler(h -> h.setErrorHandler(jettyErrors));
              cfg.routes.before(StationServer::securityHeaders);
              cfg.routes.before(this::declaredLength);
              cfg.requestLogger.http(this::answered);
              Router router = new Router(cfg.routes, authenticator, json);
              router.get(
                  OPENAPI,
                  Guard.PUBLIC,
                  "This document",
                  call ->
                      call.context()
                          .contentType("application/json")
                          .result(servedAt(openapi, call.context()).toString()));
              features.forEach(f -> f.routes(router));
              routes = router.registered();
              cfg.routes.exception(ApiException.class, this::apiError);
              cfg.routes.exception(StoreException.class, (e, ctx) -> apiError(translate(e), ctx));
              cfg.routes.exception(Refused.class, (e, ctx) -> apiError(translate(e), ctx));
              cfg.routes.exception(
                  InvalidValueException.class,
                  (e, ctx) -> apiError(ApiException.invalid(e.field(), e.getMessage()), ctx));
              cfg.routes.exception(HttpResponseException.class, this::httpError);
              cfg.routes.exception(Exception.class, this::unexpected);
              cfg.routes.error(404, this::noRoute);
            });
    app.start();
    ticking =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("station-ticker").unstarted(r));
    long every = config.deliveryTick().toMillis();
    ticking.scheduleWithFixedDelay(this::tickSafely, every, every, TimeUnit.MILLISECONDS);
    LOG.info("station serving on http://{}:{}", config.host(), app.port());
    return this;
  }

  /** Runs the clockwork once now (tests move a clock and call this). */
  public void tick() {
    tick.run();
  }

  private void tickSafely() {
    try {
      tick.run();
    } catch (RuntimeException e) {
      LOG.error("the station's clockwork failed; it runs again at the next tick", e);
    }
  }

  /** The port it listens on (the one picked when configured as 0). */
  public synchronized int port() {
    if (app == null) {
      throw new IllegalStateException("the station server is not started");
    }
    return app.port();
  }

  /** The routes the features registered, with their guards; empty before {@link #start}. */
  public synchronized List<Route> routes() {
    return routes;
  }

  /**
   * Every route Javalin will answer, as {@code METHOD path}, whoever registered it (before and
   * after handlers are not routes).
   */
  public synchronized List<String> servedRoutes() {
    if (app == null) {
      return List.of();
    }
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .filter(e -> HTTP_METHODS.contains(e.endpoint.method.name()))
        .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
        .toList();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ticking != null) {
      ticking.shutdownNow();
    }
    // features that hold connections open (live streams) let go first
    for (Feature f : features) {
      if (f instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          LOG.warn("closing {} failed", f.getClass().getSimpleName(), e);
        }
      }
    }
    if (app != null) {
      app.stop();
    }
  }

  /** Reports an answered request by its route's pattern, as {@link Router} marked it. */
  private void answered(Context ctx, Float millis) {
    String route = ctx.attribute(Router.ROUTE_ATTRIBUTE);
    requests.answered(
        ctx.method().name(),
        route == null ? RequestObserver.UNMATCHED : route,
        ctx.statusCode(),
        (long) (millis * 1_000_000.0));
  }

  private static void securityHeaders(Context ctx) {
    SecurityHeaders.ALL.forEach(ctx::header);
  }

  /**
   * Refuses a body declared larger than the limit before reading any of it: the client learns at
   * once, and the connection is not held open waiting for bytes the station would refuse.
   */
  private void declaredLength(Context ctx) {
    if (ctx.req().getContentLengthLong() > config.maxBodyBytes()) {
      throw tooLarge();
    }
  }

  private ApiException tooLarge() {
    return new ApiException(
        413,
        "TOO_LARGE",
        "body",
        "the request body is larger than " + config.maxBodyBytes() + " bytes");
  }

  /** The one mapping of a feature service's refusal to an HTTP answer. */
  private static ApiException translate(Refused e) {
    int status =
        switch (e.kind()) {
          case NOT_FOUND -> 404;
          case INVALID -> 400;
          case FORBIDDEN -> 403;
          case CONFLICT -> 409;
        };
    return new ApiException(status, e.code(), e.field(), e.getMessage(), e.details());
  }

  private static ApiException translate(StoreException e) {
    return switch (e.problem()) {
      case NOT_FOUND -> ApiException.notFound(e.field(), e.getMessage());
      case CONFLICT, ALREADY_INITIALISED ->
          new ApiException(409, "CONFLICT", e.field(), e.getMessage());
      case INVALID -> ApiException.invalid(e.field(), e.getMessage());
      case NOT_INITIALISED, LOCKED, UNAVAILABLE ->
          new ApiException(503, "UNAVAILABLE", e.field(), e.getMessage());
    };
  }

  private void apiError(ApiException e, Context ctx) {
    ObjectNode body = json.createObjectNode();
    body.put("code", e.code());
    body.put("message", e.getMessage());
    body.put("field", e.field());
    for (Map.Entry<String, List<String>> d : new TreeMap<>(e.details()).entrySet()) {
      ArrayNode list = body.putArray(d.getKey());
      d.getValue().forEach(list::add);
    }
    e.headers().forEach(ctx::header);
    ctx.status(e.status()).contentType("application/json").result(body.toString());
  }

  private void httpError(HttpResponseException e, Context ctx) {
    String code =
        switch (e.getStatus()) {
          case 413 -> "TOO_LARGE";
          case 404 -> "NOT_FOUND";
          case 405 -> "METHOD_NOT_ALLOWED";
          default -> e.getStatus() < 500 ? "INVALID" : "UNAVAILABLE";
        };
    String message =
        switch (e.getStatus()) {
          case 413 -> tooLarge().getMessage();
          case 404 -> "no such route: " + ctx.method() + " " + ctx.path();
          default -> e.getMessage();
        };
    apiError(
        new ApiException(e.getStatus(), code, e.getStatus() == 413 ? "body" : "", message), ctx);
  }

  private void unexpected(Exception e, Context ctx) {
    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
    apiError(
        new ApiException(
            500, "INTERNAL", "", "the station could not answer this request; the error is logged"),
        ctx);
  }

  private void noRoute(Context ctx) {
    if (ctx.result() == null || ctx.result().isEmpty()) {
      apiError(ApiException.notFound("", "no such route: " + ctx.method() + " " + ctx.path()), ctx);
    }
  }

  /**
   * The OpenAPI document naming as its server the address and port this request reached, not the
   * jar's placeholder: a station on another port (or picked by the system) documents itself.
   */
  private static ObjectNode servedAt(ObjectNode openapi, Context ctx) {
    ObjectNode doc = openapi.deepCopy();
    String address = ctx.req().getLocalAddr();
    String host = address.contains(":") ? "[" + address + "]" : address;
    doc.putArray("servers")
        .addObject()
        .put("url", "http://" + host + ":" + ctx.req().getLocalPort());
    return doc;
  }

  private ObjectNode openapiDocument() {
    try (InputStream in = StationServer.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("the jar holds no /openapi.json");
      }
      return (ObjectNode) json.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /openapi.json", e);
    }
  }
}
