package dev.backchannel.server;

/**
 * What the server reports of each request once it is answered, for the station's metrics. It is
 * called on the request's thread, so an implementation must be quick, thread-safe and must not
 * throw.
 */
@FunctionalInterface
public interface RequestObserver {
  /** Observes nothing. */
  RequestObserver NONE = (method, route, status, nanos) -> {};

  /** The route of a request that matched none: a 404 for a path no feature registered. */
  String UNMATCHED = "unmatched";

  /**
   * A request was answered.
   *
   * @param method its HTTP method, as Javalin knows it ({@code GET}, {@code POST} …)
   * @param route the path pattern the route was registered with ({@code
   *     /api/exchanges/{exchange}/cables/{designator}}), or {@link #UNMATCHED}; never the path the
   *     client asked for, which may carry names and designators (G3)
   * @param status the status answered
   * @param nanos how long it took, from the request's arrival to its answer
   */
  void answered(String method, String route, int status, long nanos);
}
