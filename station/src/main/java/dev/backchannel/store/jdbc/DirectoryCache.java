package dev.backchannel.store.jdbc;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The station's directory (users, sessions, channels, ends and their members, exchanges) as last
 * read, so that a request does not read the same rows again: it changes seldom and is read by every
 * request. Every change to it goes through the store's one writer, which {@link #invalidate
 * invalidates} the whole cache once the change is committed; what was read before is then never
 * answered again.
 *
 * <p>Only what was found is kept: a name or token that is not there is read again each time, so
 * guessing cannot fill the cache with misses, and the cache holds at most {@link #CAPACITY} entries
 * (it starts afresh when full). Correct for one process on the file, which the lock file ensures; a
 * store shared by processes keeps nothing.
 */
final class DirectoryCache {
  /** The most entries kept before the cache starts afresh. */
  static final int CAPACITY = 10_000;

  private record Generation(long number, Map<Object, Object> entries) {}

  private final boolean enabled;
  private final AtomicLong changes = new AtomicLong();
  private volatile Generation current = new Generation(0, new ConcurrentHashMap<>());

  /**
   * What {@code key} names, from the cache or else from {@code load}; kept when found.
   *
   * <p>The change count is read before loading, and the loaded value kept only under that count: a
   * value read while a change was being committed is kept, if at all, where no later read looks.
   */
  @SuppressWarnings("unchecked")
  <T> Optional<T> get(Object key, Supplier<Optional<T>> load) {
    if (!enabled) {
      return load.get();
    }
    long now = changes.get();
    Generation g = current;
    if (g.number() != now) {
      g = new Generation(now, new ConcurrentHashMap<>());
      current = g;
    }
    Object cached = g.entries().get(key);
    if (cached != null) {
      return Optional.of((T) cached);
    }
    Optional<T> loaded = load.get();
    if (loaded.isPresent() && changes.get() == now) {
      if (g.entries().size() >= CAPACITY) {
        g.entries().clear();
      }
      g.entries().put(key, loaded.get());
    }
    return loaded;
  }

  /**
   * @param enabled false to keep nothing: every {@link #get} loads (a database other processes
   *     write, whose changes this process would not hear of in time)
   */
  DirectoryCache(boolean enabled) {
    this.enabled = enabled;
  }

  /** Forgets everything read so far; called after each committed change of the directory. */
  void invalidate() {
    changes.incrementAndGet();
  }
}
