package dev.backchannel.accounts;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A login or password set-up was refused. The message is the same for an unknown user, a disabled
 * one and a wrong password, so that it tells nothing about which accounts exist.
 */
public final class LoginRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Optional<Duration> retryAfter;

  private LoginRefused(String message, Optional<Duration> retryAfter) {
    super(message);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** The name, password or set-up token is wrong (or the user may not log in). */
  public static LoginRefused badCredentials() {
    return new LoginRefused("the name or the password is wrong", Optional.empty());
  }

  /** Too many attempts for this account or address in the last minute. */
  public static LoginRefused rateLimited(Duration wait) {
    return new LoginRefused(
        "too many login attempts; try again in " + seconds(wait) + " s", Optional.of(wait));
  }

  /**
   * The whole seconds to wait, rounded up and at least 1, when refused for too many attempts: what
   * the message says and an HTTP Retry-After carries (an attempt sooner is refused again).
   */
  public OptionalLong retryAfterSeconds() {
    return retryAfter.map(w -> OptionalLong.of(seconds(w))).orElse(OptionalLong.empty());
  }

  private static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  /** How long to wait, when refused for too many attempts. */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
