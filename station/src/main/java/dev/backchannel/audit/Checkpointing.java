package dev.backchannel.audit;

import dev.backchannel.server.ServerConfig;
import dev.backchannel.store.Store;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs the audit log's checkpoints as the settings say (every so many entries, or so much time
 * after the last, when the log grew): on a thread of its own, in the process that leads the
 * clockwork, so that several processes on one database sign one sequence of checkpoints.
 */
public final class Checkpointing implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpointing.class);

  private final AuditLog log;
  private final Store store;
  private final ServerConfig.Checkpoints settings;
  private ScheduledExecutorService timer;
  private boolean closed;

  public Checkpointing(AuditLog log, Store store, ServerConfig.Checkpoints settings) {
    this.log = Objects.requireNonNull(log, "log");
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Starts looking a few times a second whether a checkpoint is due; nothing without a key. */
  public synchronized void start() {
    if (closed || timer != null || !log.signs()) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("checkpoints").daemon(true).unstarted(r));
    long every = Math.min(250, Math.max(10, settings.interval().toMillis() / 4));
    timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      if (store.leadsClockwork()) {
        log.checkpointIfDue(settings.interval(), settings.entries());
      }
    } catch (RuntimeException e) {
      // the next tick tries again; a checkpoint late is no history lost
      LOG.warn("could not sign a checkpoint of the audit log", e);
    }
  }

  /** Stops; idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (timer != null) {
      timer.shutdownNow();
      try {
        timer.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
