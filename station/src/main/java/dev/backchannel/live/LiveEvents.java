package dev.backchannel.live;

import dev.backchannel.cable.Precedence;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live events waiting for each connected user, most urgent first: a FLASH goes ahead of any
 * queued lower-precedence event (G7), events of equal rank in the order published. Each queue is
 * bounded ({@link #QUEUE_LIMIT}); a subscriber that falls that far behind gets one {@code resync}
 * event instead of more, and reloads his inbox.
 *
 * <p>Carries only what the publisher decided the user may know (G3); thread-safe.
 */
public final class LiveEvents {
  /** The most events one subscriber may have waiting. */
  public static final int QUEUE_LIMIT = 50_000;

  /** The rank of events that are not about a cable's precedence (receipts, holds). */
  public static final int NOTICE_RANK = 5;

  private final Map<Long, Set<Subscription>> byUser = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  /**
   * The delivered cable an event announces, as the release-to-live latency needs it: its precedence
   * and when it was released, nothing that names it.
   */
  public record Released(Precedence precedence, Instant at) {
    public Released {
      Objects.requireNonNull(precedence, "precedence");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * One event as sent: its name, its JSON data, its place in the queue, and the delivered cable it
   * announces (empty for every other event).
   */
  public record Event(
      int rank, long sequence, String name, String data, Optional<Released> released)
      implements Comparable<Event> {
    public Event {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(released, "released");
    }

    @Override
    public int compareTo(Event o) {
      int r = Integer.compare(rank, o.rank);
      return r != 0 ? r : Long.compare(sequence, o.sequence);
    }
  }

  /** A user's connection to the stream; closing it ends the subscription (idempotent). */
  public final class Subscription implements AutoCloseable {
    private final long userId;
    private final PriorityBlockingQueue<Event> queue = new PriorityBlockingQueue<>();
    private volatile boolean overflowed;

    private Subscription(long userId) {
      this.userId = userId;
    }

    /** The most urgent waiting event, waiting at most {@code timeout}; empty when none came. */
    public Optional<Event> next(Duration timeout) throws InterruptedException {
      if (overflowed) {
        overflowed = false;
        queue.clear();
        return Optional.of(
            new Event(0, sequence.incrementAndGet(), "resync", "{}", Optional.empty()));
      }
      return Optional.ofNullable(queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    void offer(Event e) {
      if (queue.size() >= QUEUE_LIMIT) {
        overflowed = true;
        return;
      }
      queue.add(e);
    }

    @Override
    public void close() {
      Set<Subscription> set = byUser.get(userId);
      if (set != null) {
        set.remove(this);
      }
    }
  }

  private volatile boolean closed;

  /**
   * Ends every stream: each subscriber gets a last {@code bye} event ahead of anything queued.
   * Idempotent.
   */
  public void close() {
    closed = true;
    byUser.values().forEach(set -> set.forEach(s -> s.queue.add(bye())));
  }

  private Event bye() {
    return new Event(-1, sequence.incrementAndGet(), "bye", "{}", Optional.empty());
  }

  /** Starts receiving a user's events; after {@link #close} the first event is {@code bye}. */
  public Subscription subscribe(long userId) {
    Subscription s = new Subscription(userId);
    byUser.computeIfAbsent(userId, u -> ConcurrentHashMap.newKeySet()).add(s);
    if (closed) {
      s.queue.add(bye());
    }
    return s;
  }

  /**
   * Queues an event for every connection of a user.
   *
   * @param rank 0 (FLASH OVERRIDE) to 4 (ROUTINE) for cables, {@link #NOTICE_RANK} for notices
   */
  public void publish(long userId, int rank, String name, String data) {
    publish(userId, rank, name, data, Optional.empty());
  }

  /**
   * Queues the event announcing a delivered cable for every connection of a user; its stream
   * reports the cable's release to the {@link LiveObserver} once the event is written.
   *
   * @param rank 0 (FLASH OVERRIDE) to 4 (ROUTINE)
   * @param released the cable's precedence and release instant (empty for a cable that has none)
   */
  public void publishDelivery(long userId, int rank, String data, Optional<Released> released) {
    publish(userId, rank, "delivered", data, released);
  }

  private void publish(
      long userId, int rank, String name, String data, Optional<Released> released) {
    Set<Subscription> set = byUser.get(userId);
    if (set == null || set.isEmpty()) {
      return;
    }
    Event e = new Event(rank, sequence.incrementAndGet(), name, data, released);
    set.forEach(s -> s.offer(e));
  }

  /** How many streams are open now, over all users. */
  public int streams() {
    return byUser.values().stream().mapToInt(Set::size).sum();
  }

  /** Whether the user has a connection now (publishers skip work for nobody). */
  public boolean connected(long userId) {
    Set<Subscription> set = byUser.get(userId);
    return set != null && !set.isEmpty();
  }
}
