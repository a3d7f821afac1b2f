package dev.backchannel.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DirectoryCacheTest {
  private final DirectoryCache cache = new DirectoryCache(true);
  private final AtomicInteger loads = new AtomicInteger();

  private Optional<String> load(String value) {
    loads.incrementAndGet();
    return Optional.of(value);
  }

  @Test
  void aValueFoundIsAnsweredAgainWithoutReadingIt() {
    assertThat(cache.get("k", () -> load("v1"))).contains("v1");
    assertThat(cache.get("k", () -> load("v2"))).contains("v1");
    assertThat(loads).hasValue(1);
  }

  @Test
  void nothingReadBeforeAChangeIsAnsweredAfterIt() {
    cache.get("k", () -> load("before"));

    cache.invalidate();

    assertThat(cache.get("k", () -> load("after"))).contains("after");
    assertThat(loads).hasValue(2);
  }

  @Test
  void aCacheForADatabaseOthersWriteKeepsNothing() {
    DirectoryCache shared = new DirectoryCache(false);
    shared.get("k", () -> load("v1"));

    assertThat(shared.get("k", () -> load("v2"))).contains("v2");
    assertThat(loads).hasValue(2);
  }

  @Test
  void aMissIsReadAgainEachTime() {
    assertThat(cache.get("k", Optional::<String>empty)).isEmpty();
    assertThat(cache.get("k", () -> load("created since"))).contains("created since");
  }

  @Test
  void aValueReadWhileAChangeWasCommittedIsNotKept() {
    Optional<String> read =
        cache.get(
            "k",
            () -> {
              cache.invalidate();
              return load("maybe stale");
            });

    assertThat(read).contains("maybe stale");
    assertThat(cache.get("k", () -> load("fresh"))).contains("fresh");
  }

  @Test
  void aFullCacheStartsAfreshRatherThanGrow() {
    for (int i = 0; i <= DirectoryCache.CAPACITY; i++) {
      int n = i;
      cache.get(n, () -> load("v" + n));
    }

    assertThat(cache.get(0, () -> load("again"))).contains("again");
    assertThat(cache.get(DirectoryCache.CAPACITY, () -> load("kept")))
        .contains("v" + DirectoryCache.CAPACITY);
  }
}
