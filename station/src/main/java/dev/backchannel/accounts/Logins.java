package dev.backchannel.accounts;

import dev.backchannel.server.Sessions;
import dev.backchannel.store.Credentials;
import dev.backchannel.store.NewSession;
import dev.backchannel.store.SessionInfo;
import dev.backchannel.store.SessionKind;
import dev.backchannel.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Logins, sessions and tokens: checks passwords (Argon2id) and one-time set-up tokens under the
 * {@link LoginLimiter}, and opens, finds and revokes sessions. Knows nothing of HTTP.
 */
public final class Logins implements Sessions {
  /** The shortest password accepted. */
  public static final int MIN_PASSWORD = 12;

  /** The longest password accepted. */
  public static final int MAX_PASSWORD = 1_024;

  private final Store store;
  private final PasswordHasher hasher;
  private final LoginLimiter limiter;
  private final Clock clock;
  private final Duration sessionTtl;
  private final Duration tokenTtl;
  private volatile String decoy;

  public Logins(
      Store store,
      PasswordHasher hasher,
      LoginLimiter limiter,
      Clock clock,
      Duration sessionTtl,
      Duration tokenTtl) {
    this.store = Objects.requireNonNull(store, "store");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sessionTtl = Objects.requireNonNull(sessionTtl, "sessionTtl");
    this.tokenTtl = Objects.requireNonNull(tokenTtl, "tokenTtl");
  }

  /**
   * A login that succeeded: the secret to give the client, once, the session it opened, and how
   * long that session lasts from now by the station's clock.
   */
  public record Login(String secret, SessionInfo session, Duration lifetime) {}

  /**
   * Logs a user in with his password and opens a session or token.
   *
   * @throws LoginRefused with the same message for an unknown user and a wrong password, or when
   *     the account or address has used up its attempts
   */
  public Login login(String name, char[] password, SessionKind kind, String address) {
    try {
      // counted before it waits its turn at the hasher, so a queue of attempts gains no guesses
      Credentials c = check(name, address);
      // the same Argon2id work for an unknown, a disabled and a known user: timing tells nothing
      boolean matches =
          hasher.verify(
              password,
              c != null && c.passwordHash().isPresent() ? c.passwordHash().get() : decoy());
      boolean ok = matches && c != null && c.passwordHash().isPresent() && !c.user().disabled();
      if (!ok) {
        throw LoginRefused.badCredentials();
      }
      return open(c, kind, address);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * Sets a first password with the one-time set-up token that {@code init} or user creation
   * printed, and logs the user in.
   *
   * @throws LoginRefused as {@link #login} does, when the token is wrong or used
   * @throws IllegalArgumentException if the new password is too short or too long
   */
  public Login setUp(
      String name, String setupToken, char[] newPassword, SessionKind kind, String address) {
    try {
      requireStrength(newPassword);
      Credentials c = check(name, address);
      if (c == null
          || c.user().disabled()
          || c.setupTokenHash().isEmpty()
          || !Secrets.same(c.setupTokenHash().get(), Secrets.hash(setupToken))) {
        throw LoginRefused.badCredentials();
      }
      store.setPassword(c.user().name(), hasher.hash(newPassword), c.user().name());
      return open(c, kind, address);
    } finally {
      Arrays.fill(newPassword, '\0');
    }
  }

  /**
   * Checks that a new password may be used.
   *
   * @throws IllegalArgumentException saying why not (never echoing the password)
   */
  public static void requireStrength(char[] password) {
    if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
      throw new IllegalArgumentException(
          "a password must be "
              + MIN_PASSWORD
              + " to "
              + MAX_PASSWORD
              + " characters; this one has "
              + password.length);
    }
  }

  private Credentials check(String name, String address) {
    Optional<Duration> wait = limiter.attempt(name, address, clock.instant());
    if (wait.isPresent()) {
      throw LoginRefused.rateLimited(wait.get());
    }
    return store.credentials(name).orElse(null);
  }

  private String decoy() {
    String d = decoy;
    if (d == null) {
      d = hasher.hash("not a password of anyone".toCharArray());
      decoy = d;
    }
    return d;
  }

  private Login open(Credentials c, SessionKind kind, String address) {
    String secret = Secrets.newToken();
    Instant now = clock.instant();
    Instant expires =
        now.truncatedTo(ChronoUnit.SECONDS)
            .plus(kind == SessionKind.SESSION ? sessionTtl : tokenTtl);
    NewSession s =
        new NewSession(Secrets.hash(secret), c.user().id(), kind, Secrets.newToken(), expires);
    store.createSession(s, address);
    return new Login(
        secret,
        new SessionInfo(s.tokenHash(), c.user(), kind, s.csrfToken(), s.expiresAt()),
        Duration.between(now, expires));
  }

  @Override
  public Optional<SessionInfo> session(String secret, SessionKind kind) {
    Instant now = clock.instant();
    return store
        .session(Secrets.hash(secret))
        .filter(s -> s.kind() == kind && s.expiresAt().isAfter(now) && !s.user().disabled());
  }

  /** Ends a session or token. */
  public void logout(SessionInfo session) {
    store.revokeSession(session.tokenHash(), session.user().name());
  }
}
