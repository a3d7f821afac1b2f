package dev.backchannel.store;

import java.time.Instant;
import java.util.Objects;

/** A stored, unrevoked session or token with its user as he is now. */
public record SessionInfo(
    String tokenHash, UserInfo user, SessionKind kind, String csrfToken, Instant expiresAt) {
  public SessionInfo {
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(csrfToken, "csrfToken");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
