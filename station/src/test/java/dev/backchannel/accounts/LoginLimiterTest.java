package dev.backchannel.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backchannel.store.Store;
import dev.backchannel.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Login attempts per account and per address over a sliding minute (DESIGN 5.6): five are allowed,
 * the sixth is refused with the wait until the oldest leaves the minute, and a refused attempt
 * counts for nothing.
 */
class LoginLimiterTest {
  private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

  @TempDir Path dir;
  private Store store;
  private LoginLimiter limiter;

  @BeforeEach
  void open() {
    store = SqliteStore.open(dir.resolve("station.db"), Clock.systemUTC());
    limiter = new LoginLimiter(store, 5);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void fiveAttemptsAMinuteForAnAccountThenTheWaitIsTold() {
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.attempt("haig", "10.0.0." + i, at(i * 10))).isEmpty();
    }

    assertThat(limiter.attempt("haig", "10.0.0.9", at(50))).contains(Duration.ofSeconds(10));
    assertThat(limiter.attempt("haig", "10.0.0.9", at(55))).contains(Duration.ofSeconds(5));
  }

  @Test
  void anotherAccountFromAnotherAddressIsStillAllowed() {
    use("haig", "10.0.0.1", 5);
    assertThat(limiter.attempt("haig", "10.0.0.1", at(0))).isPresent();

    assertThat(limiter.attempt("kissinger", "10.0.0.2", at(0))).isEmpty();
  }

  @Test
  void anAddressIsLimitedAcrossAccounts() {
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.attempt("user" + i, "10.0.0.1", at(i))).isEmpty();
    }

    assertThat(limiter.attempt("user5", "10.0.0.1", at(5))).contains(Duration.ofSeconds(55));
    assertThat(limiter.attempt("user5", "10.0.0.2", at(5))).isEmpty();
  }

  @Test
  void theMinuteSlides() {
    assertThat(limiter.attempt("haig", "10.0.0.1", at(0))).isEmpty();
    for (int i = 1; i < 5; i++) {
      assertThat(limiter.attempt("haig", "10.0.0.1", at(30))).isEmpty();
    }
    assertThat(limiter.attempt("haig", "10.0.0.1", at(59))).contains(Duration.ofSeconds(1));

    // the attempt at 0 s has left the minute; the four at 30 s have not
    assertThat(limiter.attempt("haig", "10.0.0.1", at(60))).isEmpty();
    assertThat(limiter.attempt("haig", "10.0.0.1", at(61))).contains(Duration.ofSeconds(29));
    assertThat(limiter.attempt("haig", "10.0.0.1", at(90))).isEmpty();
  }

  @Test
  void afterAFullMinuteAllAttemptsAreAllowedAgain() {
    use("haig", "10.0.0.1", 5);
    assertThat(limiter.attempt("haig", "10.0.0.1", at(1))).isPresent();

    for (int i = 0; i < 5; i++) {
      assertThat(limiter.attempt("haig", "10.0.0.1", at(60))).isEmpty();
    }
    assertThat(limiter.attempt("haig", "10.0.0.1", at(60))).contains(Duration.ofSeconds(60));
  }

  @Test
  void accountNamesAreComparedWithoutCase() {
    limiter.attempt("haig", "10.0.0.1", at(0));
    limiter.attempt("HAIG", "10.0.0.2", at(0));
    limiter.attempt("Haig", "10.0.0.3", at(0));
    limiter.attempt("hAiG", "10.0.0.4", at(0));
    limiter.attempt("haig", "10.0.0.5", at(0));

    assertThat(limiter.attempt("HaIg", "10.0.0.6", at(1))).contains(Duration.ofSeconds(59));
  }

  @Test
  void refusedAttemptsAreNotRecorded() {
    use("haig", "10.0.0.1", 5);
    for (int s = 1; s < 60; s++) {
      assertThat(limiter.attempt("haig", "10.0.0.1", at(s))).isPresent();
    }

    // had the refusals counted, the minute would still be full
    assertThat(limiter.attempt("haig", "10.0.0.1", at(60))).isEmpty();
  }

  @Test
  void anAttemptRefusedForItsAddressDoesNotCountForItsAccount() {
    for (int i = 0; i < 5; i++) {
      limiter.attempt("user" + i, "10.0.0.1", at(0));
    }
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.attempt("haig", "10.0.0.1", at(1))).isPresent();
    }

    for (int i = 0; i < 5; i++) {
      assertThat(limiter.attempt("haig", "10.0.0.2", at(2))).isEmpty();
    }
  }

  @Test
  void anAttemptRefusedForItsAccountDoesNotCountForItsAddress() {
    use("haig", "10.0.0.1", 5);
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.attempt("haig", "10.0.0.2", at(1))).isPresent();
    }

    for (int i = 0; i < 5; i++) {
      assertThat(limiter.attempt("user" + i, "10.0.0.2", at(2))).isEmpty();
    }
  }

  @Test
  void theLimitIsConfigurable() {
    LoginLimiter one = new LoginLimiter(store, 1);

    assertThat(one.attempt("haig", "10.0.0.1", at(0))).isEmpty();
    assertThat(one.attempt("haig", "10.0.0.1", at(0))).contains(Duration.ofSeconds(60));
  }

  @Test
  void attemptsOlderThanTheMinuteAreForgotten() {
    use("haig", "10.0.0.1", 5);
    limiter.attempt("kissinger", "10.0.0.2", at(61));

    assertThat(
            store.attemptLogin(
                Set.of("account:haig"),
                at(61),
                Duration.ofDays(1),
                a -> {
                  assertThat(a.get("account:haig")).isEmpty();
                  return Optional.of(Duration.ZERO);
                }))
        .contains(Duration.ZERO);
  }

  @Test
  void atLeastOneAttemptMustBeAllowed() {
    assertThatThrownBy(() -> new LoginLimiter(store, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("perMinute must be at least 1: 0");
  }

  private void use(String account, String address, int attempts) {
    for (int i = 0; i < attempts; i++) {
      assertThat(limiter.attempt(account, address, at(0))).isEqualTo(Optional.empty());
    }
  }

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }
}
