package dev.backchannel.server;

/** Who may call a route at all; what a caller then sees is the access policy's to decide (G3). */
public enum Guard {
  /** Anyone, logged in or not. */
  PUBLIC,
  /** Any logged-in user. */
  USER,
  /** A logged-in administrator. */
  ADMINISTRATOR
}
