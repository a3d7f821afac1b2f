package dev.backchannel.server;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;

/**
 * The browser session's cookie, as the JSON login and the login page both set it: HTTP-only,
 * SameSite=Strict, for the whole station, for the session's lifetime.
 */
public final class SessionCookie {
  private SessionCookie() {}

  /** Sets the cookie holding a session's secret. */
  public static void set(Context ctx, String secret, Duration lifetime, boolean secure) {
    ctx.cookie(
        new Cookie(
            StationServer.SESSION_COOKIE,
            secret,
            "/",
            (int) Math.min(Integer.MAX_VALUE, lifetime.toSeconds()),
            secure,
            true,
            null,
            SameSite.STRICT));
  }

  /** Removes it. */
  public static void remove(Context ctx) {
    ctx.removeCookie(StationServer.SESSION_COOKIE, "/");
  }
}
