package dev.backchannel.server;

/** Who may call a route at all; what a caller then sees is the access policy's to decide (G3). */
public enum Guard {
  /** Anyone, logged in or not. */
  PUBLIC,
  /** Any logged-in user. */
  USER,
  /** A logged-in administrator. */
  ADMINISTRATOR,
  /**
   * A peer station (issue 25), by the signature its request carries, which the route's feature
   * checks before anything else: no session, no CSRF token.
   */
  PEER;

  /** Whether the route needs a logged-in user. */
  boolean needsUser() {
    return this == USER || this == ADMINISTRATOR;
  }
}
