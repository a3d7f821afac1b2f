package dev.backchannel.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A session or token to store, by the SHA-256 of its secret.
 *
 * @param tokenHash lower-case hex SHA-256 of the secret the caller holds
 * @param userId the user it authenticates
 * @param kind browser session or bearer token
 * @param csrfToken the CSRF token state-changing browser requests must carry (not secret from the
 *     user himself, so kept as is)
 * @param expiresAt when it stops working
 */
public record NewSession(
    String tokenHash, long userId, SessionKind kind, String csrfToken, Instant expiresAt) {
  public NewSession {
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(csrfToken, "csrfToken");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
