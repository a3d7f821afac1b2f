package dev.backchannel.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backchannel.store.StoreObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The group-commit writer on a real SQLite file: savepoints isolate tasks within one commit. */
class GroupCommitWriterTest {
  @TempDir Path dir;
  private Jdbi jdbi;
  private Handle handle;
  private GroupCommitWriter writer;

  /** Each commit as the writer reported it: its tasks, transaction and COMMIT nanoseconds. */
  private final List<long[]> reported = new CopyOnWriteArrayList<>();

  private final StoreObserver commits =
      new StoreObserver() {
        @Override
        public void committed(int tasks, long transactionNanos, long commitNanos) {
          reported.add(new long[] {tasks, transactionNanos, commitNanos});
        }
      };

  @BeforeEach
  void start() {
    jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("w.db"));
    jdbi.useHandle(h -> h.execute("CREATE TABLE t (v INTEGER NOT NULL)"));
    handle = jdbi.open();
    writer = new GroupCommitWriter(handle, "test-writer", commits);
    writer.start();
  }

  @AfterEach
  void stop() {
    writer.close();
    handle.close();
  }

  private List<Integer> values() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT v FROM t ORDER BY v").mapTo(Integer.class).list());
  }

  private static Void insert(Handle h, int v) {
    h.execute("INSERT INTO t (v) VALUES (?)", v);
    return null;
  }

  @Test
  void aFailingTaskIsUndoneAloneAndTheOthersOfItsCommitStay() throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    Future<?> first =
        pool.submit(
            () ->
                writer.submit(
                    h -> {
                      holding.countDown();
                      try {
                        release.await(10, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return insert(h, 1);
                    }));
    holding.await(10, TimeUnit.SECONDS);
    long commitsBefore = writer.commits();
    List<Future<?>> queued = new ArrayList<>();
    queued.add(pool.submit(() -> writer.submit(h -> insert(h, 2))));
    queued.add(
        pool.submit(
            () ->
                writer.submit(
                    h -> {
                      insert(h, 3);
                      throw new IllegalArgumentException("bad task");
                    })));
    queued.add(pool.submit(() -> writer.submit(h -> insert(h, 4))));
    // the three wait in the queue while the first task holds the writer
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (writer.waiting() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(writer.waiting()).isEqualTo(3);
    release.countDown();

    first.get(10, TimeUnit.SECONDS);
    queued.get(0).get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> queued.get(1).get(10, TimeUnit.SECONDS))
        .hasRootCauseMessage("bad task");
    queued.get(2).get(10, TimeUnit.SECONDS);
    pool.shutdown();

    assertThat(values()).containsExactly(1, 2, 4);
    assertThat(writer.commits() - commitsBefore)
        .as("one commit for the first task, one for the three queued behind it")
        .isEqualTo(2);
    assertThat(reported.subList(reported.size() - 2, reported.size()))
        .as("tasks per commit: the failed task's savepoint was undone inside its commit")
        .extracting(c -> c[0])
        .containsExactly(1L, 3L);
  }

  @Test
  void eachCommitIsReportedWithItsTasksAndTheCommitWithinTheTransactionTime() {
    writer.submit(h -> insert(h, 1));
    writer.submit(h -> insert(h, 2));

    assertThat(reported).hasSize(2);
    assertThat(reported)
        .allSatisfy(
            c -> {
              assertThat(c[0]).isEqualTo(1);
              assertThat(c[2]).isPositive().isLessThanOrEqualTo(c[1]);
            });
  }

  @Test
  void aFailedTransactionIsNotReportedAsACommit() {
    assertThatThrownBy(
        () ->
            writer.submit(
                h -> {
                  throw new AssertionError("broken");
                }));

    assertThat(reported).isEmpty();
  }

  @Test
  void aFailingObserverLeavesTheCommitAndTheWriterWorking() {
    writer.close();
    writer =
        new GroupCommitWriter(
            handle,
            "test-writer",
            new StoreObserver() {
              @Override
              public void committed(int tasks, long transactionNanos, long commitNanos) {
                throw new IllegalStateException("metrics broke");
              }
            });
    writer.start();

    writer.submit(h -> insert(h, 1));
    writer.submit(h -> insert(h, 2));

    assertThat(values()).containsExactly(1, 2);
  }

  @Test
  void anErrorFailsItsBatchAndTheWriterGoesOn() {
    assertThatThrownBy(
            () ->
                writer.submit(
                    h -> {
                      insert(h, 1);
                      throw new AssertionError("broken");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage("broken");

    writer.submit(h -> insert(h, 2));

    assertThat(values()).containsExactly(2);
  }

  @Test
  void submittingAfterCloseIsRefusedAndCloseIsIdempotent() {
    writer.close();
    writer.close();

    assertThatThrownBy(() -> writer.submit(h -> insert(h, 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the store is closed");
  }
}
