package dev.backchannel.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.store.NewUser;
import dev.backchannel.store.Role;
import dev.backchannel.store.SessionKind;
import dev.backchannel.store.StationSetup;
import dev.backchannel.store.Store;
import dev.backchannel.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins under the limit of DESIGN 5.6 when password hashes wait their turn: an attempt is counted
 * when it arrives, before it waits for the hasher, so a queue of slow attempts buys no extra
 * guesses.
 */
class LoginsTest {
  private static final String PASSWORD = "correct horse battery";
  private static final int LIMIT = 5;

  @TempDir Path dir;

  private final CountDownLatch hashing = new CountDownLatch(1);
  private final CountDownLatch finish = new CountDownLatch(1);
  private final AtomicInteger hashesStarted = new AtomicInteger();
  private final ExecutorService clients = Executors.newFixedThreadPool(LIMIT + 1);
  private Store store;
  private Logins logins;

  @BeforeEach
  void setUp() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneOffset.UTC);
    store = SqliteStore.open(dir.resolve("station.db"), clock);
    store.initialise(
        new StationSetup(
            "WHS",
            "White House Situation Room",
            "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=",
            NewUser.of(
                "haig",
                new Clearance(Classification.TOP_SECRET, Set.of()),
                ZoneId.of("UTC"),
                Set.of(Role.ADMINISTRATOR),
                Optional.of(new PasswordHasher(64, 1, 1, 1).hash(PASSWORD.toCharArray())),
                Optional.empty())));
    // one hash at a time, and the first does not finish until the test says so: every later
    // attempt waits for the hasher
    PasswordHasher slow =
        new PasswordHasher(
            64,
            1,
            1,
            1,
            (password, salt, m, t, p) -> {
              hashesStarted.incrementAndGet();
              hashing.countDown();
              try {
                finish.await();
              } catch (InterruptedException e) {
                throw new AssertionError(e);
              }
              return PasswordHasher.ARGON2ID.derive(password, salt, m, t, p);
            });
    logins =
        new Logins(
            store,
            slow,
            new LoginLimiter(store, LIMIT),
            clock,
            Duration.ofHours(1),
            Duration.ofDays(1));
  }

  @AfterEach
  void tearDown() {
    finish.countDown();
    clients.close();
    store.close();
  }

  @Test
  void theAttemptOverTheLimitIsRefusedWhileTheEarlierOnesStillWaitForTheHasher() throws Exception {
    List<CompletableFuture<Logins.Login>> attempts = new ArrayList<>();
    for (int i = 0; i <= LIMIT; i++) {
      attempts.add(
          CompletableFuture.supplyAsync(
              () -> logins.login("haig", PASSWORD.toCharArray(), SessionKind.TOKEN, "10.0.0.1"),
              clients));
    }
    assertThat(hashing.await(10, TimeUnit.SECONDS)).isTrue();

    // whichever came last to the limiter is refused at once; the others are still queued
    Throwable why =
        CompletableFuture.anyOf(attempts.toArray(CompletableFuture[]::new))
            .handle((ok, e) -> e)
            .get(10, TimeUnit.SECONDS);

    assertThat(why).hasCauseInstanceOf(LoginRefused.class);
    assertThat(((LoginRefused) why.getCause()).retryAfter()).isPresent();
    assertThat(hashesStarted).hasValue(1);
    assertThat(attempts.stream().filter(CompletableFuture::isDone)).hasSize(1);

    finish.countDown();
    int succeeded = 0;
    for (CompletableFuture<Logins.Login> a : attempts) {
      if (a.handle((ok, e) -> ok != null).get(30, TimeUnit.SECONDS)) {
        succeeded++;
      }
    }
    assertThat(succeeded).isEqualTo(LIMIT);
  }
}
