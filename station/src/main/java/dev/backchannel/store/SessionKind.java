package dev.backchannel.store;

/** How a caller authenticates after login. */
public enum SessionKind {
  /** A browser session in an HttpOnly cookie; state changes need its CSRF token. */
  SESSION,
  /** A bearer token for the CLI and scripts. */
  TOKEN
}
