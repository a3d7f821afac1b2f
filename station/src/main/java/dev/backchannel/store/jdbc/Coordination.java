package dev.backchannel.store.jdbc;

/**
 * What the processes that write one database need of each other: word of each other's commits, and
 * which of them runs the clockwork. A database one process alone opens (the SQLite file, under its
 * lock) needs neither: {@link #SOLE}.
 */
public interface Coordination extends AutoCloseable {

  /** One process alone: it leads the clockwork, and no one else commits. */
  Coordination SOLE =
      new Coordination() {
        @Override
        public boolean shared() {
          return false;
        }

        @Override
        public void start(Runnable othersCommitted) {}

        @Override
        public boolean leadsClockwork() {
          return true;
        }

        @Override
        public void close() {}
      };

  /**
   * Whether other processes may write the database at the same time: then nothing read may be kept
   * in memory past the next request (the directory), since another process may change it.
   */
  boolean shared();

  /** Starts calling {@code othersCommitted} (on a thread of its own) after commits elsewhere. */
  void start(Runnable othersCommitted);

  /** See {@link dev.backchannel.store.Store#leadsClockwork}. */
  boolean leadsClockwork();

  /** Stops; idempotent. */
  @Override
  void close();
}
