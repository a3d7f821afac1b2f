package dev.backchannel.store;

import dev.backchannel.cable.Precedence;

/**
 * What a store reports of its write path as it happens, for the station's metrics. It is called on
 * the store's own threads (the writer's, a releasing caller's), so an implementation must be quick,
 * thread-safe, and must not call the store back. It is told counts, durations and precedences only:
 * never a user, a designator or any content (G3).
 */
public interface StoreObserver {
  /** Observes nothing: what one-shot commands use, at no cost. */
  StoreObserver NONE = new StoreObserver() {};

  /**
   * A transaction was committed durably.
   *
   * @param tasks the changes it held: one or more, as group commit gathers them
   * @param transactionNanos from its BEGIN to the end of its COMMIT
   * @param commitNanos its COMMIT alone, which in SQLite's WAL mode is the write of the WAL and its
   *     fsync
   */
  default void committed(int tasks, long transactionNanos, long commitNanos) {}

  /** A cable of this precedence was released, once its transaction is durable. */
  default void released(Precedence precedence) {}
}
