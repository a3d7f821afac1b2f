package dev.backchannel.live;

import dev.backchannel.store.Store;
import dev.backchannel.store.StoredEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the station's events as the store commits them, whichever process sharing the store made
 * them, and publishes the live messages each makes ({@link LiveFeed}) to the streams open on this
 * process. It wakes when the store reports a commit ({@link Store#whenCommitted}), and at least
 * every {@link #POLL} whatever it heard.
 */
public final class EventFollower implements AutoCloseable {
  /** The longest the follower sleeps without looking at the store. */
  static final Duration POLL = Duration.ofSeconds(1);

  /** The most events one read takes. */
  private static final int PAGE = 500;

  /** The most events a resumed stream is replayed; further behind, it is told to resync. */
  public static final int REPLAY_LIMIT = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(EventFollower.class);

  private final Store store;
  private final LiveFeed feed;
  private final LiveEvents events;
  private final Semaphore wake = new Semaphore(0);
  private final Object publishing = new Object();
  private long position;
  private Thread thread;
  private AutoCloseable listening;
  private volatile boolean closed;

  public EventFollower(Store store, LiveFeed feed, LiveEvents events) {
    this.store = Objects.requireNonNull(store, "store");
    this.feed = Objects.requireNonNull(feed, "feed");
    this.events = Objects.requireNonNull(events, "events");
  }

  /** Starts following from the newest event now stored: what came before is no one's news. */
  public synchronized void start() {
    if (thread != null || closed) {
      throw new IllegalStateException("the event follower is started already or closed");
    }
    synchronized (publishing) {
      position = store.lastEventId();
    }
    listening = store.whenCommitted(wake::release);
    thread = Thread.ofPlatform().name("live-follower").daemon(true).start(this::run);
  }

  private void run() {
    while (!closed) {
      try {
        wake.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
        wake.drainPermits();
        follow();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!closed) {
          LOG.warn("could not follow the station's events; trying again", e);
        }
      }
    }
  }

  /** Publishes every event stored after the position, in order. */
  private void follow() {
    while (!closed) {
      List<StoredEvent> page;
      synchronized (publishing) {
        page = store.events(position, PAGE);
        for (StoredEvent e : page) {
          if (events.streams() == 0) {
            // no one listens here: nothing to tell, and nothing to read for it
            position = e.id();
            continue;
          }
          try {
            feed.messages(e, events::connected).forEach(events::publish);
          } catch (RuntimeException x) {
            // one event that cannot be told must not stop the stream of every later one; a
            // stream that resumes gets it again from its replay
            LOG.warn(
                "could not publish the live messages of event {} ({}); skipped",
                e.id(),
                e.kind(),
                x);
          }
          position = e.id();
        }
      }
      if (page.size() < PAGE) {
        return;
      }
    }
  }

  /**
   * Subscribes a user's stream, resumed after the station event {@code after} when given: the
   * messages of the events since then that were not published to it are queued first, or one {@code
   * resync} when it is more than {@link #REPLAY_LIMIT} events behind. Nothing is published between
   * the replay and the subscription, so nothing falls between them.
   */
  public LiveEvents.Subscription subscribe(long user, OptionalLong after) {
    LiveEvents.Subscription s;
    long upTo;
    synchronized (publishing) {
      s = events.subscribe(user);
      upTo = position;
    }
    if (after.isPresent() && after.getAsLong() < upTo) {
      if (upTo - after.getAsLong() > REPLAY_LIMIT) {
        s.resync();
      } else {
        s.replay(feed.replay(user, after.getAsLong(), upTo));
      }
    }
    return s;
  }

  /** Stops following; idempotent. */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      t = thread;
    }
    if (listening != null) {
      try {
        listening.close();
      } catch (Exception e) {
        LOG.debug("could not stop listening to the store", e);
      }
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(POLL.multipliedBy(2).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
