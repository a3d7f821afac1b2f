package dev.backchannel.accounts;

import dev.backchannel.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Counts login attempts per account and per address over a sliding minute (DESIGN 5.6). Every
 * attempt counts, whether the account exists or not, so the answer tells nothing about accounts.
 * The attempts are kept in the store, so that every station process sharing it counts them together
 * (issue 22); the store forgets those older than the minute.
 *
 * <p>Thread-safe.
 */
public final class LoginLimiter {
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final Store store;
  private final int perMinute;

  /**
   * @param perMinute attempts allowed per account and per address in any minute
   */
  public LoginLimiter(Store store, int perMinute) {
    this.store = Objects.requireNonNull(store, "store");
    if (perMinute < 1) {
      throw new IllegalArgumentException("perMinute must be at least 1: " + perMinute);
    }
    this.perMinute = perMinute;
  }

  /**
   * Records an attempt for the account and the address unless either has used up its minute; then
   * nothing is recorded and the wait until the next attempt is allowed is returned.
   */
  public Optional<Duration> attempt(String account, String address, Instant now) {
    String byAccount = "account:" + account.toLowerCase(Locale.ROOT);
    String byAddress = "address:" + address;
    return store.attemptLogin(
        Set.of(byAccount, byAddress),
        now,
        WINDOW,
        attempts -> wait(attempts, byAccount, now).or(() -> wait(attempts, byAddress, now)));
  }

  private Optional<Duration> wait(Map<String, List<Instant>> attempts, String key, Instant now) {
    List<Instant> within = attempts.get(key);
    if (within.size() < perMinute) {
      return Optional.empty();
    }
    Duration w = Duration.between(now, within.getFirst().plus(WINDOW));
    return Optional.of(w.isNegative() ? Duration.ZERO : w);
  }
}
