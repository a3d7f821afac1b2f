package dev.backchannel.live;

import dev.backchannel.cable.Precedence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
   * One event as sent: its name, its JSON data, its place in the queue, the delivered cable it
   * announces (empty for every other event), and the number of the station event it comes from (0
   * for the stream's own: {@code resync}, {@code bye}).
   */
  public record Event(
      int rank, long sequence, String name, String data, Optional<Released> released, long event)
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
    private long written;

    private Subscription(long userId) {
      this.userId = userId;
    }

    /** The most urgent waiting event, waiting at most {@code timeout}; empty when none came. */
    public Optional<Event> next(Duration timeout) throws InterruptedException {
      if (overflowed) {
        overflowed = false;
        queue.clear();
        return Optional.of(
            new Event(0, sequence.incrementAndGet(), "resync", "{}", Optional.empty(), 0));
      }
      return Optional.ofNullable(queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Marks {@code e} written and answers the stream's resume point: the highest station event
     * number at and below which every message for this stream has been written. Messages leave the
     * queue by precedence, not by number, so a FLASH written ahead of an older ROUTINE does not
     * move it past the ROUTINE's number. Called by the stream's one writer.
     */
    public long written(Event e) {
      written = Math.max(written, e.event());
      long pending =
          queue.stream().mapToLong(Event::event).filter(n -> n > 0).min().orElse(Long.MAX_VALUE);
      return Math.min(written, pending - 1);
    }

    /** Queues the messages a resumed stream missed, from the feed's {@link LiveFeed#replay}. */
    public void replay(List<LiveFeed.Message> missed) {
      missed.forEach(m -> offer(event(m)));
    }

    /** Queues one {@code resync}: the stream missed more than can be replayed. */
    public void resync() {
      overflowed = true;
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
    return new Event(-1, sequence.incrementAndGet(), "bye", "{}", Optional.empty(), 0);
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
   * Queues a message for every connection of its user; a stream reports a delivered cable's release
   * to the {@link LiveObserver} once its message is written.
   */
  public void publish(LiveFeed.Message m) {
    Set<Subscription> set = byUser.get(m.user());
    if (set == null || set.isEmpty()) {
      return;
    }
    Event e = event(m);
    set.forEach(s -> s.offer(e));
  }

  private Event event(LiveFeed.Message m) {
    return new Event(
        m.rank(), sequence.incrementAndGet(), m.name(), m.data(), m.released(), m.event());
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
