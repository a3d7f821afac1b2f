package dev.backchannel.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Counts login attempts per account and per address over a sliding minute (DESIGN 5.6). Every
 * attempt counts, whether the account exists or not, so the answer tells nothing about accounts.
 * Memory is bounded: at most {@link #MAX_KEYS} accounts and addresses are tracked, the least
 * recently used forgotten first.
 *
 * <p>Thread-safe.
 */
public final class LoginLimiter {
  /** The most accounts and addresses tracked at once. */
  public static final int MAX_KEYS = 100_000;

  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final int perMinute;
  private final Map<String, Deque<Instant>> attempts =
      new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
          return size() > MAX_KEYS;
        }
      };

  /**
   * @param perMinute attempts allowed per account and per address in any minute
   */
  public LoginLimiter(int perMinute) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("perMinute must be at least 1: " + perMinute);
    }
    this.perMinute = perMinute;
  }

  /**
   * Records an attempt for the account and the address unless either has used up its minute; then
   * nothing is recorded and the wait until the next attempt is allowed is returned.
   */
  public synchronized Optional<Duration> attempt(String account, String address, Instant now) {
    Deque<Instant> byAccount = window("account:" + account.toLowerCase(Locale.ROOT), now);
    Deque<Instant> byAddress = window("address:" + address, now);
    Optional<Duration> wait = wait(byAccount, now).or(() -> wait(byAddress, now));
    if (wait.isEmpty()) {
      byAccount.addLast(now);
      byAddress.addLast(now);
    }
    return wait;
  }

  private Deque<Instant> window(String key, Instant now) {
    Deque<Instant> d = attempts.computeIfAbsent(key, k -> new ArrayDeque<>());
    Instant since = now.minus(WINDOW);
    for (Iterator<Instant> i = d.iterator(); i.hasNext(); ) {
      if (i.next().isAfter(since)) {
        break;
      }
      i.remove();
    }
    return d;
  }

  private Optional<Duration> wait(Deque<Instant> d, Instant now) {
    if (d.size() < perMinute) {
      return Optional.empty();
    }
    Duration w = Duration.between(now, d.peekFirst().plus(WINDOW));
    return Optional.of(w.isNegative() ? Duration.ZERO : w);
  }
}
