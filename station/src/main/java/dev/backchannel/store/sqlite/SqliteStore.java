package dev.backchannel.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.backchannel.cable.rules.Objectives;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoreException.Problem;
import dev.backchannel.store.StoreObserver;
import dev.backchannel.store.jdbc.Coordination;
import dev.backchannel.store.jdbc.JdbcStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file in WAL mode with {@code synchronous=FULL} (G10), its schema
 * migrated by Flyway, its repositories those of {@link JdbcStore} with the {@link SqliteDialect}. A
 * lock file beside it keeps other processes out while it is open; a checkpointer beside the one
 * writer copies the write-ahead log into the file.
 */
public final class SqliteStore {
  private SqliteStore() {}

  /** The page size of a new station file, in bytes. */
  static final int PAGE_SIZE = 4 * 1024;

  /**
   * Opens (creating if needed) the station file, takes its lock, migrates its schema and starts its
   * writer; reports nothing.
   *
   * @throws StoreException LOCKED if another process holds the file
   */
  public static JdbcStore open(Path file, Clock clock) {
    return open(file, clock, StoreObserver.NONE);
  }

  /**
   * Opens (creating if needed) the station file, takes its lock, migrates its schema and starts its
   * writer, which reports each commit and release to {@code observer}.
   *
   * @throws StoreException LOCKED if another process holds the file
   */
  public static JdbcStore open(Path file, Clock clock, StoreObserver observer) {
    return open(file, clock, observer, Objectives.defaults());
  }

  /**
   * As {@link #open(Path, Clock, StoreObserver)}, escalating by {@code objectives} (G7).
   *
   * @throws StoreException LOCKED if another process holds the file
   */
  public static JdbcStore open(
      Path file, Clock clock, StoreObserver observer, Objectives objectives) {
    Objects.requireNonNull(observer, "observer");
    Objects.requireNonNull(objectives, "objectives");
    Path absolute = file.toAbsolutePath();
    Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
    FileChannel channel = null;
    FileLock lock;
    try {
      Files.createDirectories(absolute.getParent());
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StoreException(
          Problem.INVALID, "store", "cannot open the station file " + absolute + ": " + e, e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new StoreException(
          Problem.LOCKED,
          "store",
          "the station file "
              + absolute
              + " is in use by another process (a running station or another command); stop it"
              + " or give another --store");
    }
    // what is opened from here on is closed again, and the lock released, if opening fails: a
    // failed migration must not leave the file locked for the next try
    Deque<AutoCloseable> opened = new ArrayDeque<>();
    FileChannel lockChannel = channel;
    FileLock fileLock = lock;
    opened.push(lockChannel);
    opened.push(fileLock::release);
    try {
      createWithPageSize(absolute);
      // 64 MiB of page cache for the writer: imports and release bursts touch the same index pages
      // again and again
      SQLiteDataSource writing = dataSource(absolute, -64 * 1024);
      // the writer takes the write lock as each transaction begins, where SQLite waits for it (the
      // busy timeout): a deferred transaction asks for it at its first write while holding a read
      // snapshot, and SQLite refuses that at once, without waiting, whenever another connection
      // holds a lock on the file; once in about ten benchmark runs a whole batch failed so
      // (SQLITE_BUSY on a draft's INSERT)
      writing.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE.name());
      migrate(writing);
      Connection checkpointing = dataSource(absolute, -1024).getConnection();
      Checkpointer checkpointer =
          new Checkpointer(checkpointing, CHECKPOINT_EVERY, "store-checkpointer " + absolute);
      opened.push(checkpointer);
      HikariDataSource readers = readPool(absolute);
      opened.push(readers);
      JdbcStore store =
          JdbcStore.start(
              new JdbcStore.Parts(
                  "the station file " + absolute,
                  clock,
                  Jdbi.create(writing),
                  readers,
                  new SqliteDialect(),
                  objectives,
                  observer,
                  Coordination.SOLE),
              List.of(checkpointer, readers, fileLock::release, lockChannel));
      checkpointer.start();
      return store;
    } catch (SQLException e) {
      closeAll(opened, e);
      throw new IllegalStateException("cannot open the station file " + absolute, e);
    } catch (RuntimeException e) {
      closeAll(opened, e);
      throw e;
    }
  }

  /** Closes each of {@code opened} in turn, adding what fails to {@code failure}. */
  private static void closeAll(Iterable<AutoCloseable> opened, Exception failure) {
    for (AutoCloseable c : opened) {
      try {
        c.close();
      } catch (Exception suppressed) {
        failure.addSuppressed(suppressed);
      }
    }
  }

  /**
   * How often the write-ahead log is copied into the file: often enough that each copy is small (a
   * busy second writes a few MiB), seldom enough that an idle station does nothing.
   */
  static final Duration CHECKPOINT_EVERY = Duration.ofMillis(250);

  /**
   * The version of the newest migration under {@code db/migration/sqlite}: a file at this version
   * opens without Flyway (a test keeps the two equal).
   */
  static final int SCHEMA_VERSION = 12;

  /**
   * Brings the file's schema up to {@link #SCHEMA_VERSION} with Flyway, unless its history already
   * records that version: loading Flyway and scanning the jar for migrations took a good part of
   * the station's start, for nothing on a file that is current.
   */
  private static void migrate(SQLiteDataSource writing) {
    if (schemaVersion(writing) != SCHEMA_VERSION) {
      Flyway.configure()
          .dataSource(writing)
          .locations("classpath:db/migration/sqlite")
          .load()
          .migrate();
    }
  }

  /** The highest version the file's migration history records as done; 0 for a new file. */
  private static int schemaVersion(SQLiteDataSource writing) {
    try (Connection c = writing.getConnection();
        Statement s = c.createStatement();
        ResultSet history =
            s.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name ="
                    + " 'flyway_schema_history'")) {
      if (!history.next()) {
        return 0;
      }
      try (ResultSet v =
          s.executeQuery(
              "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1")) {
        return v.next() ? v.getInt(1) : 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the schema version of the station file", e);
    }
  }

  /** How many connections the readers share: more than the cores, as a read may wait on I/O. */
  static final int READERS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  private static SQLiteDataSource dataSource(Path file, int cacheSize) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(10_000);
    config.setCacheSize(cacheSize);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file);
    return dataSource;
  }

  /**
   * The readers' connections, opened once and kept: opening one means opening the file, applying
   * the pragmas and reading the schema, which cost a third of a release when every read did it.
   * They are {@code query_only}, so a read can never write past the writer (WAL lets them read
   * while it writes), and each has a smaller page cache than the writer's, to bound memory.
   */
  private static HikariDataSource readPool(Path file) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(dataSource(file, -8 * 1024));
    config.setPoolName("store-readers");
    config.setMaximumPoolSize(READERS);
    config.setMinimumIdle(1);
    config.setConnectionInitSql("PRAGMA query_only = true");
    return new HikariDataSource(config);
  }

  /**
   * Gives a new (empty) station file 4 KiB pages before anything else is written to it. Every
   * commit writes each page it touched whole to the log: a release touches about thirty (the cable,
   * its events, deliveries, receipts and their indexes), and at 16 KiB the log's writes cost a
   * quarter of the writer's time; 4 KiB released 16 % more cables a second, for imports 16 % slower
   * (README, Measurements). The page size is fixed once the file is in WAL mode; an existing file
   * keeps the size it was made with.
   */
  private static void createWithPageSize(Path file) {
    try {
      if (Files.exists(file) && Files.size(file) > 0) {
        return;
      }
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement st = c.createStatement()) {
        st.execute("PRAGMA page_size = " + PAGE_SIZE);
        st.execute("PRAGMA journal_mode = WAL");
      }
    } catch (IOException | SQLException e) {
      throw new StoreException(
          Problem.INVALID, "store", "cannot create the station file " + file + ": " + e, e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing was held yet
      }
    }
  }
}
