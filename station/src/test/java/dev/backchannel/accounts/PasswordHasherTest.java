package dev.backchannel.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backchannel.cable.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Argon2id hashes in the PHC format, and how many run at once: each holds its memory cost on the
 * heap, so the hasher lets at most its bound run and the other callers wait.
 */
class PasswordHasherTest {
  private static final char[] PASSWORD = "correct horse battery".toCharArray();

  @Test
  void aHashVerifiesItsPasswordAndNoOther() {
    PasswordHasher hasher = new PasswordHasher(64, 1, 1, 1);

    String hash = hasher.hash(PASSWORD.clone());

    assertThat(hash).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
    assertThat(hasher.verify(PASSWORD.clone(), hash)).isTrue();
    assertThat(hasher.verify("correct horse battery!".toCharArray(), hash)).isFalse();
  }

  @Test
  void aHashIsVerifiedAtTheCostItCarriesNotTheHashersOwn() {
    String hash = new PasswordHasher(128, 2, 1, 1).hash(PASSWORD.clone());

    assertThat(new PasswordHasher(64, 1, 1, 1).verify(PASSWORD.clone(), hash)).isTrue();
  }

  @Test
  void noMoreHashesRunAtOnceThanTheBoundHoweverManyCallersThereAre() throws Exception {
    int bound = 3;
    int callers = 24;
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    // the barrier lets no hash finish until the bound is full, so the bound is reached, not just
    // kept; a hasher that let more in would see them arrive while these wait
    CyclicBarrier full = new CyclicBarrier(bound);
    PasswordHasher hasher =
        new PasswordHasher(
            64,
            1,
            1,
            bound,
            (password, salt, m, t, p) -> {
              most.accumulateAndGet(running.incrementAndGet(), Math::max);
              try {
                full.await(10, TimeUnit.SECONDS);
                Thread.sleep(5);
                return PasswordHasher.ARGON2ID.derive(password, salt, m, t, p);
              } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new AssertionError("the bound was never full", e);
              } finally {
                running.decrementAndGet();
              }
            });

    List<String> hashes = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        futures.add(pool.submit(() -> hasher.hash(PASSWORD.clone())));
      }
      for (Future<String> f : futures) {
        hashes.add(f.get(60, TimeUnit.SECONDS));
      }
    }

    assertThat(most.get()).isEqualTo(bound);
    PasswordHasher plain = new PasswordHasher(64, 1, 1, 1);
    assertThat(hashes).hasSize(callers).allMatch(h -> plain.verify(PASSWORD.clone(), h));
  }

  @Test
  void aCallerInterruptedWhileWaitingGivesUpAndKeepsItsInterrupt() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    PasswordHasher hasher =
        new PasswordHasher(
            64,
            1,
            1,
            1,
            (password, salt, m, t, p) -> {
              if (first.getAndSet(false)) {
                entered.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  throw new AssertionError(e);
                }
              }
              return PasswordHasher.ARGON2ID.derive(password, salt, m, t, p);
            });
    CompletableFuture<String> holder =
        CompletableFuture.supplyAsync(() -> hasher.hash(PASSWORD.clone()));
    entered.await();

    CompletableFuture<Boolean> keptInterrupt = new CompletableFuture<>();
    Thread waiter =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    hasher.hash(PASSWORD.clone());
                    keptInterrupt.completeExceptionally(new AssertionError("it hashed"));
                  } catch (CancellationException e) {
                    keptInterrupt.complete(Thread.currentThread().isInterrupted());
                  }
                });
    waiter.interrupt();

    assertThat(keptInterrupt.get(10, TimeUnit.SECONDS)).isTrue();
    release.countDown();
    assertThat(hasher.verify(PASSWORD.clone(), holder.get(10, TimeUnit.SECONDS))).isTrue();
  }

  @Test
  void atLeastOneHashMustRunAtOnce() {
    assertThatThrownBy(() -> new PasswordHasher(64, 1, 1, 0))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("needs at least 1 hash at once; got 0");
  }

  @Test
  void aCostBelowArgon2sMinimumIsRefusedWithTheCost() {
    assertThatThrownBy(() -> new PasswordHasher(4, 1, 1, 1))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("got m=4, t=1, p=1");
  }
}
