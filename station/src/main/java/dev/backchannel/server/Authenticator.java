package dev.backchannel.server;

import dev.backchannel.access.Reader;
import dev.backchannel.store.SessionInfo;
import dev.backchannel.store.SessionKind;
import dev.backchannel.store.Store;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the caller of a request: a bearer token ({@code Authorization: Bearer …}) for the CLI, or a
 * session cookie for browsers. An unknown, revoked or expired secret makes no caller.
 */
final class Authenticator {
  private final Sessions sessions;
  private final Store store;

  Authenticator(Sessions sessions, Store store) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.store = Objects.requireNonNull(store, "store");
  }

  Optional<Caller> authenticate(Context ctx) {
    String authorization = ctx.header("Authorization");
    Optional<SessionInfo> session;
    if (authorization != null) {
      session =
          authorization.regionMatches(true, 0, "Bearer ", 0, 7)
              ? sessions.session(authorization.substring(7).strip(), SessionKind.TOKEN)
              : Optional.empty();
    } else {
      String cookie = ctx.cookie(StationServer.SESSION_COOKIE);
      session =
          cookie == null || cookie.isEmpty()
              ? Optional.empty()
              : sessions.session(cookie, SessionKind.SESSION);
    }
    return session.map(s -> new Caller(s, new Reader(s.user(), store.memberships(s.user().id()))));
  }
}
