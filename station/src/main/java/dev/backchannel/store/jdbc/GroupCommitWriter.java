package dev.backchannel.store.jdbc;

import dev.backchannel.store.StoreObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a store. Every change is a task run on this writer's thread and connection; the
 * tasks waiting when a transaction starts run in it together, each inside its own savepoint (so one
 * failing task undoes only itself), and one commit makes them all durable: group commit. A caller
 * returns only after the commit that holds its change. Each commit is reported to a {@link
 * StoreObserver}, on this writer's thread, before its callers return.
 */
final class GroupCommitWriter implements AutoCloseable {
  /** The most tasks one transaction takes. */
  static final int MAX_BATCH = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

  private final Handle handle;
  private final Hooks hooks;
  private final StoreObserver observer;
  private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
  private final AtomicLong commits = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;

  private static final class Task<T> {
    final Function<Handle, T> work;
    final CompletableFuture<T> done = new CompletableFuture<>();
    T result;
    RuntimeException failure;

    Task(Function<Handle, T> work) {
      this.work = work;
    }
  }

  private static final Task<Void> STOP = new Task<>(h -> null);

  /**
   * What runs around the tasks of each transaction, on the writer's thread: a database's own
   * locking, and what is kept beside the changes (the audit log's tree).
   */
  interface Hooks {
    /** Nothing around the tasks. */
    Hooks NONE = new Hooks() {};

    /** First in each transaction, before its tasks. */
    default void began(Handle h) {}

    /** Before each task, inside the transaction. */
    default void taskStarted() {}

    /** The task just started failed, and its savepoint was rolled back. */
    default void taskUndone() {}

    /** After the tasks, before the COMMIT, in the same transaction. */
    default void committing(Handle h) {}

    /** The COMMIT succeeded. */
    default void committed() {}

    /** The transaction was rolled back. */
    default void rolledBack() {}
  }

  /**
   * @param observer told of each commit: its tasks and how long the transaction and its COMMIT took
   */
  GroupCommitWriter(Handle handle, String name, StoreObserver observer) {
    this(handle, Hooks.NONE, name, observer);
  }

  /**
   * @param hooks run around the tasks of each transaction
   * @param observer told of each commit: its tasks and how long the transaction and its COMMIT took
   */
  GroupCommitWriter(Handle handle, Hooks hooks, String name, StoreObserver observer) {
    this.handle = handle;
    this.hooks = hooks;
    this.observer = observer;
    this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /**
   * Runs {@code work} in the next transaction and returns its result once that transaction is
   * durable.
   *
   * @throws IllegalStateException if the writer is closed
   * @throws RuntimeException what {@code work} threw (its change undone), or the commit's failure
   */
  <T> T submit(Function<Handle, T> work) {
    Task<T> task = new Task<>(work);
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the store is closed");
      }
      queue.add(task);
    }
    try {
      return task.done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the store", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("the store failed", e.getCause());
    }
  }

  long commits() {
    return commits.get();
  }

  /** How many tasks wait for the next transaction (a gauge for metrics and tests). */
  int waiting() {
    return queue.size();
  }

  private void run() {
    List<Task<?>> batch = new ArrayList<>();
    boolean stopping = false;
    while (!stopping) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        break;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      stopping = batch.remove(STOP);
      if (!batch.isEmpty()) {
        runInOneTransaction(batch);
      }
      batch.clear();
    }
    for (Task<?> left = queue.poll(); left != null; left = queue.poll()) {
      left.done.completeExceptionally(new IllegalStateException("the store is closed"));
    }
  }

  private void runInOneTransaction(List<Task<?>> batch) {
    long began = System.nanoTime();
    long committing;
    try {
      handle.begin();
      hooks.began(handle);
      for (Task<?> task : batch) {
        runInSavepoint(task);
      }
      hooks.committing(handle);
      committing = System.nanoTime();
      handle.commit();
      hooks.committed();
      commits.incrementAndGet();
    } catch (RuntimeException | Error e) {
      // nothing of the batch is durable: every caller hears so, and the writer goes on
      hooks.rolledBack();
      try {
        handle.rollback();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      batch.forEach(t -> t.done.completeExceptionally(e));
      return;
    }
    long committed = System.nanoTime();
    // reported before its callers return, so that what they did next is seen with it
    observe(batch.size(), committed - began, committed - committing);
    for (Task<?> task : batch) {
      complete(task);
    }
  }

  /** Reports a commit; a failing observer is logged, since the writer must go on writing. */
  private void observe(int tasks, long transactionNanos, long commitNanos) {
    try {
      observer.committed(tasks, transactionNanos, commitNanos);
    } catch (RuntimeException e) {
      LOG.warn("the store's observer failed on a commit; the commit stands", e);
    }
  }

  private static <T> void complete(Task<T> task) {
    if (task.failure != null) {
      task.done.completeExceptionally(task.failure);
    } else {
      task.done.complete(task.result);
    }
  }

  private <T> void runInSavepoint(Task<T> task) {
    handle.execute("SAVEPOINT task");
    hooks.taskStarted();
    try {
      task.result = task.work.apply(handle);
      handle.execute("RELEASE task");
    } catch (RuntimeException e) {
      handle.execute("ROLLBACK TO task");
      handle.execute("RELEASE task");
      hooks.taskUndone();
      task.failure = e;
    }
  }

  /** Finishes the tasks already queued, then stops; idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(STOP);
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
