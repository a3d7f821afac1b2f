package dev.backchannel.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.CaveatRegistry;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Dtg;
import dev.backchannel.cable.Handling;
import dev.backchannel.cable.HandlingKind;
import dev.backchannel.cable.InvalidValueException;
import dev.backchannel.cable.Limits;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.Reference;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.StationSerial;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.cable.rules.Escalations;
import dev.backchannel.cable.rules.Objectives;
import dev.backchannel.event.Event;
import dev.backchannel.event.EventCodec;
import dev.backchannel.json.CableJson;
import dev.backchannel.store.CableQuery;
import dev.backchannel.store.ChannelInfo;
import dev.backchannel.store.Credentials;
import dev.backchannel.store.Draft;
import dev.backchannel.store.EndInfo;
import dev.backchannel.store.Escalation;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.ExchangeInfo.SeriesInfo;
import dev.backchannel.store.ImportRequest;
import dev.backchannel.store.ImportResult;
import dev.backchannel.store.Membership;
import dev.backchannel.store.NewExchange;
import dev.backchannel.store.NewSession;
import dev.backchannel.store.NewUser;
import dev.backchannel.store.OfficeHours;
import dev.backchannel.store.Receipt;
import dev.backchannel.store.ReceiptKind;
import dev.backchannel.store.ReleaseRequest;
import dev.backchannel.store.ReleaseWarning;
import dev.backchannel.store.Role;
import dev.backchannel.store.SessionInfo;
import dev.backchannel.store.SessionKind;
import dev.backchannel.store.StationInfo;
import dev.backchannel.store.StationSetup;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoreException.Problem;
import dev.backchannel.store.StoreObserver;
import dev.backchannel.store.StoreStats;
import dev.backchannel.store.StoredCable;
import dev.backchannel.store.StoredEvent;
import dev.backchannel.store.UserChange;
import dev.backchannel.store.UserInfo;
import dev.backchannel.store.Visibility;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.EmptyHandling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file in WAL mode with {@code synchronous=FULL} (G10), its schema
 * migrated by Flyway, every change made by one {@link GroupCommitWriter}. A lock file beside it
 * keeps other processes out while it is open.
 */
public final class SqliteStore implements Store {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

  private final Path file;
  private final Clock clock;

  /** The handling objectives the clockwork escalates by (G7). */
  private final Objectives objectives = Objectives.defaults();

  private final FileChannel lockChannel;
  private final FileLock lock;
  private final HikariDataSource readers;
  private final Jdbi jdbi;
  private final Handle writerHandle;
  private final GroupCommitWriter writer;
  private final Checkpointer checkpointer;
  private final StoreObserver observer;
  private final DirectoryCache directory = new DirectoryCache();
  private final AtomicLong releases = new AtomicLong();
  private final AtomicBoolean closed;
  private volatile CaveatRegistry registry;
  private volatile CanonicalText stored;

  private SqliteStore(
      Path file,
      Clock clock,
      FileChannel lockChannel,
      FileLock lock,
      HikariDataSource readers,
      Jdbi jdbi,
      Handle writerHandle,
      GroupCommitWriter writer,
      Checkpointer checkpointer,
      StoreObserver observer,
      AtomicBoolean closed) {
    this.file = file;
    this.clock = clock;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.readers = readers;
    this.jdbi = jdbi;
    this.writerHandle = writerHandle;
    this.writer = writer;
    this.checkpointer = checkpointer;
    this.observer = observer;
    this.closed = closed;
  }

  /** The page size of a new station file, in bytes. */
  static final int PAGE_SIZE = 4 * 1024;

  /**
   * Opens (creating if needed) the station file, takes its lock, migrates its schema and starts its
   * writer; reports nothing.
   *
   * @throws StoreException LOCKED if another process holds the file
   */
  public static SqliteStore open(Path file, Clock clock) {
    return open(file, clock, StoreObserver.NONE);
  }

  /**
   * Opens (creating if needed) the station file, takes its lock, migrates its schema and starts its
   * writer, which reports each commit and release to {@code observer}.
   *
   * @throws StoreException LOCKED if another process holds the file
   */
  public static SqliteStore open(Path file, Clock clock, StoreObserver observer) {
    Objects.requireNonNull(observer, "observer");
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
      migrate(writing);
      Jdbi writingJdbi = Jdbi.create(writing);
      writingJdbi.setStatementBuilderFactory(connection -> new KeptStatements());
      Handle writerHandle = writingJdbi.open();
      opened.push(writerHandle);
      // the writer never checkpoints: the checkpointer does, beside it
      writerHandle.execute("PRAGMA wal_autocheckpoint = 0");
      Connection checkpointing = dataSource(absolute, -1024).getConnection();
      Checkpointer checkpointer =
          new Checkpointer(checkpointing, CHECKPOINT_EVERY, "store-checkpointer " + absolute);
      opened.push(checkpointer);
      HikariDataSource readers = readPool(absolute);
      opened.push(readers);
      AtomicBoolean closed = new AtomicBoolean();
      // a read after close is misuse, refused as such rather than as the pool's failure
      Jdbi jdbi =
          Jdbi.create(
              () -> {
                if (closed.get()) {
                  throw new IllegalStateException("the station file " + absolute + " is closed");
                }
                return readers.getConnection();
              });
      GroupCommitWriter writer =
          new GroupCommitWriter(writerHandle, "store-writer " + absolute, observer);
      SqliteStore store =
          new SqliteStore(
              absolute,
              clock,
              lockChannel,
              fileLock,
              readers,
              jdbi,
              writerHandle,
              writer,
              checkpointer,
              observer,
              closed);
      store.registry = registryRow(writerHandle);
      store.stored = storedText(store.registry);
      writer.start();
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
  static final int SCHEMA_VERSION = 6;

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

  /** The station file. */
  public Path file() {
    return file;
  }

  // ---- station and users ----

  @Override
  public StationInfo initialise(StationSetup setup) {
    return changeDirectory(
        h -> {
          if (stationRow(h).isPresent()) {
            throw new StoreException(
                Problem.ALREADY_INITIALISED,
                "store",
                "the station file " + file + " is set up already");
          }
          h.createUpdate(
                  "INSERT INTO station (id, prefix, name, public_key, created_at)"
                      + " VALUES (1, :prefix, :name, :key, :at)")
              .bind("prefix", setup.prefix())
              .bind("name", setup.name())
              .bind("key", setup.publicKey())
              .bind("at", now())
              .execute();
          event(h, new Event.StationInitialised(setup.prefix(), setup.name()), "init", null, null);
          insertUser(h, setup.admin(), "init");
          return stationRow(h).orElseThrow();
        });
  }

  @Override
  public Optional<StationInfo> station() {
    return jdbi.withHandle(SqliteStore::stationRow);
  }

  private static Optional<StationInfo> stationRow(Handle h) {
    return h.createQuery(
            "SELECT prefix, name, public_key, station_serial FROM station WHERE id = 1")
        .map(
            (rs, ctx) ->
                new StationInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
        .findOne();
  }

  private StationInfo requireStation(Handle h) {
    return stationRow(h)
        .orElseThrow(
            () ->
                new StoreException(
                    Problem.NOT_INITIALISED,
                    "store",
                    "the station file " + file + " is not set up; run backchannel init first"));
  }

  @Override
  public UserInfo createUser(NewUser user, String actor) {
    return changeDirectory(
        h -> {
          requireStation(h);
          return insertUser(h, user, actor);
        });
  }

  /** A name of a user, channel, end or exchange: not blank, no surrounding spaces. */
  private static String requireName(String kind, String name) {
    return requireName(kind, kind, name);
  }

  /** A name of a user, channel, end or exchange: {@code field} is the request field it came in. */
  private static String requireName(String kind, String field, String name) {
    if (name.isBlank() || !name.strip().equals(name) || name.length() > 100) {
      throw new StoreException(
          Problem.INVALID,
          field,
          "a "
              + kind
              + " name must be 1 to 100 characters without surrounding spaces: \""
              + name
              + "\"");
    }
    return name;
  }

  /**
   * Refuses a name cables address by that another user has already: the access policy knows a
   * reader by it (G3), so it must name one user only.
   */
  private static void requireUnaddressed(Handle h, String addressedAs, long exceptUserId) {
    if (addressedAs.isEmpty()) {
      throw new StoreException(
          Problem.INVALID, "addressedAs", "the name cables address a user by cannot be blank");
    }
    Optional<String> other =
        h.createQuery("SELECT name FROM user_account WHERE addressed_as = :a AND id <> :id")
            .bind("a", addressedAs)
            .bind("id", exceptUserId)
            .mapTo(String.class)
            .findOne();
    if (other.isPresent()) {
      throw new StoreException(
          Problem.CONFLICT,
          "addressedAs",
          "cables address "
              + other.get()
              + " as "
              + addressedAs
              + " already; a name names one user");
    }
  }

  private UserInfo insertUser(Handle h, NewUser user, String actor) {
    requireName("user", "name", user.name());
    if (userRow(h, user.name()).isPresent()) {
      throw new StoreException(
          Problem.CONFLICT, "name", "a user named " + user.name() + " exists already");
    }
    requireUnaddressed(h, user.addressedAs(), -1);
    long id =
        h.createUpdate(
                "INSERT INTO user_account (name, addressed_as, clearance, caveats, time_zone,"
                    + " office_hours, roles, password_hash, setup_token_hash, created_at) VALUES"
                    + " (:name, :addressedAs, :clearance, :caveats, :zone, :hours, :roles,"
                    + " :password, :token, :at)")
            .bind("name", user.name())
            .bind("addressedAs", user.addressedAs())
            .bind("hours", user.officeHours().text())
            .bind("clearance", user.clearance().level().name())
            .bind("caveats", joinCaveats(user.clearance().caveats()))
            .bind("zone", user.timeZone().getId())
            .bind("roles", joinRoles(user.roles()))
            .bind("password", user.passwordHash().orElse(null))
            .bind("token", user.setupTokenHash().orElse(null))
            .bind("at", now())
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    event(
        h,
        new Event.UserCreated(
            user.name(), user.clearance().level().name(), joinRoles(user.roles())),
        actor,
        null,
        null);
    return new UserInfo(
        id,
        user.name(),
        user.addressedAs(),
        user.clearance(),
        user.timeZone(),
        user.officeHours(),
        user.roles(),
        false);
  }

  @Override
  public Optional<UserInfo> user(String name) {
    return directory.get(List.of("user", name), () -> jdbi.withHandle(h -> userRow(h, name)));
  }

  private static final String USER_COLUMNS =
      "u.id, u.name, u.addressed_as, u.clearance, u.caveats, u.time_zone, u.office_hours, u.roles,"
          + " u.disabled";

  private static Optional<UserInfo> userRow(Handle h, String name) {
    return h.createQuery("SELECT " + USER_COLUMNS + " FROM user_account u WHERE u.name = :name")
        .bind("name", name)
        .map((rs, ctx) -> userRow(rs, 1))
        .findOne();
  }

  /** A user from the nine {@link #USER_COLUMNS} starting at {@code at}. */
  private static UserInfo userRow(ResultSet rs, int at) throws SQLException {
    return new UserInfo(
        rs.getLong(at),
        rs.getString(at + 1),
        rs.getString(at + 2),
        new Clearance(
            Classification.valueOf(rs.getString(at + 3)), splitCaveats(rs.getString(at + 4))),
        ZoneId.of(rs.getString(at + 5)),
        OfficeHours.parse(rs.getString(at + 6)),
        splitRoles(rs.getString(at + 7)),
        rs.getInt(at + 8) != 0);
  }

  private UserInfo requireUser(Handle h, String name) {
    return userRow(h, name)
        .orElseThrow(
            () -> new StoreException(Problem.NOT_FOUND, "user", "there is no user " + name));
  }

  @Override
  public List<UserInfo> users() {
    return directory
        .get(
            "users",
            () ->
                Optional.of(
                    jdbi.withHandle(
                        h ->
                            h.createQuery(
                                    "SELECT "
                                        + USER_COLUMNS
                                        + " FROM user_account u ORDER BY u.name")
                                .map((rs, ctx) -> userRow(rs, 1))
                                .list())))
        .orElseThrow();
  }

  @Override
  public UserInfo updateUser(String name, UserChange change, String actor) {
    if (change.isEmpty()) {
      throw new StoreException(Problem.INVALID, "user", "nothing to change for user " + name);
    }
    return changeDirectory(
        h -> {
          UserInfo before = requireUser(h, name);
          UserInfo after =
              new UserInfo(
                  before.id(),
                  before.name(),
                  change
                      .addressedAs()
                      .map(a -> a.strip().toUpperCase(Locale.ROOT))
                      .orElse(before.addressedAs()),
                  change.clearance().orElse(before.clearance()),
                  change.timeZone().orElse(before.timeZone()),
                  change.officeHours().orElse(before.officeHours()),
                  change.roles().orElse(before.roles()),
                  change.disabled().orElse(before.disabled()));
          requireUnaddressed(h, after.addressedAs(), after.id());
          h.createUpdate(
                  "UPDATE user_account SET addressed_as = :addressedAs, clearance = :clearance,"
                      + " caveats = :caveats, time_zone = :zone, office_hours = :hours, roles ="
                      + " :roles, disabled = :disabled WHERE id = :id")
              .bind("addressedAs", after.addressedAs())
              .bind("clearance", after.clearance().level().name())
              .bind("caveats", joinCaveats(after.clearance().caveats()))
              .bind("zone", after.timeZone().getId())
              .bind("hours", after.officeHours().text())
              .bind("roles", joinRoles(after.roles()))
              .bind("disabled", after.disabled() ? 1 : 0)
              .bind("id", after.id())
              .execute();
          if (after.disabled()) {
            revokeAll(h, after.id());
          }
          event(h, userChanged(after), actor, null, null);
          return after;
        });
  }

  private static Event.UserChanged userChanged(UserInfo u) {
    return new Event.UserChanged(
        u.name(),
        u.addressedAs(),
        u.clearance().level().name(),
        joinCaveats(u.clearance().caveats()),
        u.timeZone().getId(),
        u.officeHours().text(),
        joinRoles(u.roles()),
        u.disabled());
  }

  private static String joinRoles(Set<Role> roles) {
    return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
  }

  @Override
  public Optional<Credentials> credentials(String name) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + USER_COLUMNS
                        + ", u.password_hash, u.setup_token_hash FROM user_account u WHERE u.name"
                        + " = :name")
                .bind("name", name)
                .map(
                    (rs, ctx) ->
                        new Credentials(
                            userRow(rs, 1),
                            Optional.ofNullable(rs.getString(10)),
                            Optional.ofNullable(rs.getString(11))))
                .findOne());
  }

  @Override
  public void setPassword(String name, String passwordHash, String actor) {
    changeDirectory(
        h -> {
          UserInfo u = requireUser(h, name);
          h.createUpdate(
                  "UPDATE user_account SET password_hash = :hash, setup_token_hash = NULL WHERE"
                      + " id = :id")
              .bind("hash", passwordHash)
              .bind("id", u.id())
              .execute();
          // a new password ends every session the old one opened
          revokeAll(h, u.id());
          event(h, new Event.PasswordSet(u.name()), actor, null, null);
          return null;
        });
  }

  private void revokeAll(Handle h, long userId) {
    h.createUpdate("UPDATE session SET revoked_at = :at WHERE user_id = :id AND revoked_at IS NULL")
        .bind("at", now())
        .bind("id", userId)
        .execute();
  }

  // ---- sessions ----

  @Override
  public void createSession(NewSession session, String address) {
    changeDirectory(
        h -> {
          String user =
              h.createQuery("SELECT name FROM user_account WHERE id = :id")
                  .bind("id", session.userId())
                  .mapTo(String.class)
                  .findOne()
                  .orElseThrow(
                      () ->
                          new StoreException(
                              Problem.NOT_FOUND, "user", "there is no user " + session.userId()));
          h.createUpdate(
                  "INSERT INTO session (token_hash, user_id, kind, csrf_token, created_at,"
                      + " expires_at) VALUES (:hash, :user, :kind, :csrf, :at, :expires)")
              .bind("hash", session.tokenHash())
              .bind("user", session.userId())
              .bind("kind", session.kind().name())
              .bind("csrf", session.csrfToken())
              .bind("at", now())
              .bind("expires", session.expiresAt().toEpochMilli())
              .execute();
          event(
              h,
              new Event.Login(user, session.kind().name(), address, session.expiresAt().toString()),
              user,
              null,
              null);
          return null;
        });
  }

  @Override
  public Optional<SessionInfo> session(String tokenHash) {
    return directory.get(
        List.of("session", tokenHash),
        () ->
            jdbi.withHandle(
                h ->
                    h.createQuery(
                            "SELECT s.token_hash, s.kind, s.csrf_token, s.expires_at, "
                                + USER_COLUMNS
                                + " FROM session s JOIN user_account u ON u.id = s.user_id WHERE"
                                + " s.token_hash = :hash AND s.revoked_at IS NULL")
                        .bind("hash", tokenHash)
                        .map(
                            (rs, ctx) ->
                                new SessionInfo(
                                    rs.getString(1),
                                    userRow(rs, 5),
                                    SessionKind.valueOf(rs.getString(2)),
                                    rs.getString(3),
                                    Instant.ofEpochMilli(rs.getLong(4))))
                        .findOne()));
  }

  @Override
  public void revokeSession(String tokenHash, String actor) {
    changeDirectory(
        h -> {
          Optional<String> owner =
              h.createQuery(
                      "UPDATE session SET revoked_at = :at WHERE token_hash = :hash AND revoked_at"
                          + " IS NULL RETURNING (SELECT name FROM user_account WHERE id ="
                          + " session.user_id)")
                  .bind("at", now())
                  .bind("hash", tokenHash)
                  .mapTo(String.class)
                  .findOne();
          if (owner.isPresent()) {
            event(h, new Event.Logout(owner.get()), actor, null, null);
          }
          return null;
        });
  }

  private static String joinCaveats(Set<Caveat> caveats) {
    return new TreeSet<>(caveats).stream().map(Caveat::name).collect(Collectors.joining(","));
  }

  private static Set<Caveat> splitCaveats(String text) {
    return text.isEmpty()
        ? Set.of()
        : Arrays.stream(text.split(",")).map(Caveat::new).collect(Collectors.toSet());
  }

  private static Set<Role> splitRoles(String text) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (!text.isEmpty()) {
      Arrays.stream(text.split(",")).map(Role::valueOf).forEach(roles::add);
    }
    return roles;
  }

  // ---- channels and exchanges ----

  @Override
  public ChannelInfo createChannel(String name, String endA, String endB, String actor) {
    requireName("channel", name);
    requireName("end", endA);
    requireName("end", endB);
    if (endA.equalsIgnoreCase(endB)) {
      throw new StoreException(
          Problem.INVALID, "ends", "the two ends of a channel need two names; both are " + endA);
    }
    return changeDirectory(
        h -> {
          requireStation(h);
          if (channelRow(h, name).isPresent()) {
            throw new StoreException(
                Problem.CONFLICT, "name", "a channel named " + name + " exists already");
          }
          long id =
              h.createUpdate("INSERT INTO channel (name, created_at) VALUES (:name, :at)")
                  .bind("name", name)
                  .bind("at", now())
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
          for (String end : List.of(endA, endB)) {
            h.createUpdate("INSERT INTO channel_end (channel_id, name) VALUES (:channel, :name)")
                .bind("channel", id)
                .bind("name", end)
                .execute();
          }
          event(h, new Event.ChannelCreated(name, endA, endB), actor, null, null);
          return new ChannelInfo(id, name, List.of(endA, endB));
        });
  }

  @Override
  public Optional<ChannelInfo> channel(String name) {
    return directory.get(List.of("channel", name), () -> jdbi.withHandle(h -> channelRow(h, name)));
  }

  private static Optional<ChannelInfo> channelRow(Handle h, String name) {
    return h.createQuery("SELECT id, name FROM channel WHERE name = :name")
        .bind("name", name)
        .map((rs, ctx) -> new ChannelInfo(rs.getLong(1), rs.getString(2), List.of()))
        .findOne()
        .map(
            c ->
                new ChannelInfo(
                    c.id(),
                    c.name(),
                    h.createQuery("SELECT name FROM channel_end WHERE channel_id = :id ORDER BY id")
                        .bind("id", c.id())
                        .mapTo(String.class)
                        .list()));
  }

  @Override
  public List<ChannelInfo> channels() {
    return jdbi.withHandle(
        h ->
            h
                .createQuery("SELECT name FROM channel ORDER BY name")
                .mapTo(String.class)
                .list()
                .stream()
                .map(n -> channelRow(h, n).orElseThrow())
                .toList());
  }

  private static ChannelInfo requireChannel(Handle h, String name) {
    return channelRow(h, name)
        .orElseThrow(
            () -> new StoreException(Problem.NOT_FOUND, "channel", "there is no channel " + name));
  }

  @Override
  public List<EndInfo> ends(String channel) {
    return directory
        .get(
            List.of("ends", channel),
            () -> Optional.of(jdbi.withHandle(h -> endRows(h, requireChannel(h, channel)))))
        .orElseThrow();
  }

  private static List<EndInfo> endRows(Handle h, ChannelInfo channel) {
    Map<String, List<EndInfo.Member>> members = new LinkedHashMap<>();
    Map<String, Boolean> secondApproval = new LinkedHashMap<>();
    Map<String, Optional<Instant>> heldSince = new LinkedHashMap<>();
    h.createQuery(
            "SELECT e.name, e.second_approval, u.name, m.release_authority, e.held_since FROM"
                + " channel_end e LEFT JOIN end_member m ON m.end_id = e.id LEFT JOIN user_account"
                + " u ON u.id = m.user_id WHERE e.channel_id = :id ORDER BY e.id, u.name")
        .bind("id", channel.id())
        .map(
            (rs, ctx) -> {
              String end = rs.getString(1);
              secondApproval.put(end, rs.getInt(2) != 0);
              long held = rs.getLong(5);
              heldSince.put(
                  end, rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(held)));
              List<EndInfo.Member> list = members.computeIfAbsent(end, e -> new ArrayList<>());
              if (rs.getString(3) != null) {
                list.add(new EndInfo.Member(rs.getString(3), rs.getInt(4) != 0));
              }
              return end;
            })
        .list();
    return members.entrySet().stream()
        .map(
            e ->
                new EndInfo(
                    channel.name(),
                    e.getKey(),
                    secondApproval.get(e.getKey()),
                    e.getValue(),
                    heldSince.get(e.getKey())))
        .toList();
  }

  private static long requireEnd(Handle h, ChannelInfo channel, String end) {
    return h.createQuery("SELECT id FROM channel_end WHERE channel_id = :channel AND name = :name")
        .bind("channel", channel.id())
        .bind("name", end)
        .mapTo(Long.class)
        .findOne()
        .orElseThrow(
            () ->
                new StoreException(
                    Problem.NOT_FOUND,
                    "end",
                    "channel "
                        + channel.name()
                        + " has no end "
                        + end
                        + "; its ends are "
                        + String.join(" and ", channel.ends())));
  }

  private static EndInfo endRow(Handle h, ChannelInfo channel, String end) {
    return endRows(h, channel).stream()
        .filter(e -> e.name().equalsIgnoreCase(end))
        .findFirst()
        .orElseThrow();
  }

  @Override
  public EndInfo putMember(
      String channel, String end, String user, boolean releaseAuthority, String actor) {
    return changeDirectory(
        h -> {
          ChannelInfo c = requireChannel(h, channel);
          long endId = requireEnd(h, c, end);
          UserInfo u = requireUser(h, user);
          Optional<String> other =
              h.createQuery(
                      "SELECT e.name FROM end_member m JOIN channel_end e ON e.id = m.end_id WHERE"
                          + " e.channel_id = :channel AND e.id <> :end AND m.user_id = :user")
                  .bind("channel", c.id())
                  .bind("end", endId)
                  .bind("user", u.id())
                  .mapTo(String.class)
                  .findOne();
          if (other.isPresent()) {
            throw new StoreException(
                Problem.CONFLICT,
                "user",
                u.name()
                    + " is a member of the other end "
                    + other.get()
                    + " of channel "
                    + c.name()
                    + "; a user belongs to one end of a channel");
          }
          h.createUpdate(
                  "INSERT INTO end_member (end_id, user_id, release_authority) VALUES (:end,"
                      + " :user, :authority) ON CONFLICT (end_id, user_id) DO UPDATE SET"
                      + " release_authority = excluded.release_authority")
              .bind("end", endId)
              .bind("user", u.id())
              .bind("authority", releaseAuthority ? 1 : 0)
              .execute();
          EndInfo after = endRow(h, c, end);
          event(
              h,
              new Event.MemberPut(c.name(), after.name(), u.name(), releaseAuthority),
              actor,
              null,
              null);
          return after;
        });
  }

  @Override
  public EndInfo removeMember(String channel, String end, String user, String actor) {
    return changeDirectory(
        h -> {
          ChannelInfo c = requireChannel(h, channel);
          long endId = requireEnd(h, c, end);
          UserInfo u = requireUser(h, user);
          int removed =
              h.createUpdate("DELETE FROM end_member WHERE end_id = :end AND user_id = :user")
                  .bind("end", endId)
                  .bind("user", u.id())
                  .execute();
          if (removed == 0) {
            throw new StoreException(
                Problem.NOT_FOUND,
                "user",
                u.name() + " is not a member of end " + end + " of channel " + c.name());
          }
          EndInfo after = endRow(h, c, end);
          event(h, new Event.MemberRemoved(c.name(), after.name(), u.name()), actor, null, null);
          return after;
        });
  }

  @Override
  public EndInfo setSecondApproval(String channel, String end, boolean required, String actor) {
    return changeDirectory(
        h -> {
          ChannelInfo c = requireChannel(h, channel);
          long endId = requireEnd(h, c, end);
          h.createUpdate("UPDATE channel_end SET second_approval = :required WHERE id = :id")
              .bind("required", required ? 1 : 0)
              .bind("id", endId)
              .execute();
          EndInfo after = endRow(h, c, end);
          event(h, new Event.EndChanged(c.name(), after.name(), required), actor, null, null);
          return after;
        });
  }

  @Override
  public List<Membership> memberships(long userId) {
    return directory
        .get(
            List.of("memberships", userId),
            () ->
                Optional.of(
                    jdbi.withHandle(
                        h ->
                            h.createQuery(
                                    "SELECT c.name, e.name, m.release_authority FROM end_member m JOIN channel_end"
                                        + " e ON e.id = m.end_id JOIN channel c ON c.id = e.channel_id WHERE"
                                        + " m.user_id = :user ORDER BY c.name")
                                .bind("user", userId)
                                .map(
                                    (rs, ctx) ->
                                        new Membership(
                                            rs.getString(1), rs.getString(2), rs.getInt(3) != 0))
                                .list())))
        .orElseThrow();
  }

  // ---- caveats ----

  @Override
  public CaveatRegistry caveats() {
    return registry;
  }

  private static CaveatRegistry registryRow(Handle h) {
    return CaveatRegistry.of(
        h.createQuery("SELECT name FROM caveat ORDER BY name").mapTo(String.class).list().stream()
            .map(Caveat::new)
            .toList());
  }

  @Override
  public CaveatRegistry addCaveat(Caveat caveat, String actor) {
    CaveatRegistry registry =
        changeDirectory(
            h -> {
              CaveatRegistry before = registryRow(h);
              if (before.contains(caveat)) {
                throw new StoreException(
                    Problem.CONFLICT,
                    "caveat",
                    "the caveat " + caveat.name() + " is registered already");
              }
              List<Caveat> all = new ArrayList<>(before.caveats());
              all.add(caveat);
              CaveatRegistry after;
              try {
                after = CaveatRegistry.of(all);
              } catch (InvalidValueException e) {
                throw new StoreException(
                    Problem.INVALID, "caveat", e.getMessage().substring(e.field().length() + 2), e);
              }
              h.createUpdate("INSERT INTO caveat (name, created_at) VALUES (:name, :at)")
                  .bind("name", caveat.name())
                  .bind("at", now())
                  .execute();
              event(h, new Event.CaveatAdded(caveat.name()), actor, null, null);
              return after;
            });
    this.stored = storedText(registry);
    this.registry = registry;
    return registry;
  }

  /** Stored cables are read back with the station's caveats and without the limits drafts keep. */
  private static CanonicalText storedText(CaveatRegistry registry) {
    return new CanonicalText(
        registry,
        new Limits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 10_000, 10_000));
  }

  @Override
  public ExchangeInfo createExchange(NewExchange x, String actor) {
    requireName("exchange", x.name());
    if (x.first().series().equals(x.second().series())) {
      throw new StoreException(
          Problem.INVALID,
          "series",
          "an exchange needs two series; both are " + x.first().series());
    }
    if (x.first().sendingEnd().equalsIgnoreCase(x.second().sendingEnd())) {
      throw new StoreException(
          Problem.INVALID,
          "sendingEnd",
          "each end sends one series; both series are sent by " + x.first().sendingEnd());
    }
    return changeDirectory(
        h -> {
          requireStation(h);
          ChannelInfo channel =
              channelRow(h, x.channel())
                  .orElseThrow(
                      () ->
                          new StoreException(
                              Problem.NOT_FOUND, "channel", "no channel named " + x.channel()));
          if (exchangeRow(h, x.name()).isPresent()) {
            throw new StoreException(
                Problem.CONFLICT, "name", "an exchange named " + x.name() + " exists already");
          }
          long id =
              h.createUpdate(
                      "INSERT INTO exchange (channel_id, name, created_at) VALUES (:channel,"
                          + " :name, :at)")
                  .bind("channel", channel.id())
                  .bind("name", x.name())
                  .bind("at", now())
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
          for (NewExchange.SeriesEnd s : List.of(x.first(), x.second())) {
            long endId =
                h.createQuery(
                        "SELECT id FROM channel_end WHERE channel_id = :channel AND name = :end")
                    .bind("channel", channel.id())
                    .bind("end", s.sendingEnd())
                    .mapTo(Long.class)
                    .findOne()
                    .orElseThrow(
                        () ->
                            new StoreException(
                                Problem.NOT_FOUND,
                                "sendingEnd",
                                "channel "
                                    + channel.name()
                                    + " has no end named "
                                    + s.sendingEnd()
                                    + "; its ends are "
                                    + String.join(" and ", channel.ends())));
            h.createUpdate(
                    "INSERT INTO series (exchange_id, name, sending_end_id) VALUES (:exchange,"
                        + " :name, :end)")
                .bind("exchange", id)
                .bind("name", s.series().name())
                .bind("end", endId)
                .execute();
          }
          event(
              h,
              new Event.ExchangeCreated(
                  x.name(),
                  channel.name(),
                  x.first().series().name() + " from " + x.first().sendingEnd(),
                  x.second().series().name() + " from " + x.second().sendingEnd()),
              actor,
              id,
              null);
          return exchangeRow(h, x.name()).orElseThrow();
        });
  }

  @Override
  public Optional<ExchangeInfo> exchange(String name) {
    return directory.get(
        List.of("exchange", name), () -> jdbi.withHandle(h -> exchangeRow(h, name)));
  }

  @Override
  public List<ExchangeInfo> exchanges() {
    return jdbi.withHandle(
        h ->
            h
                .createQuery("SELECT name FROM exchange ORDER BY id")
                .mapTo(String.class)
                .list()
                .stream()
                .map(name -> exchangeRow(h, name).orElseThrow())
                .toList());
  }

  private static Optional<ExchangeInfo> exchangeRow(Handle h, String name) {
    return h.createQuery(
            "SELECT e.id, e.name, c.name FROM exchange e JOIN channel c ON c.id = e.channel_id"
                + " WHERE e.name = :name")
        .bind("name", name)
        .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)})
        .findOne()
        .map(
            row -> {
              List<SeriesInfo> series =
                  h.createQuery(
                          "SELECT s.id, s.name, ce.name, ce.id FROM series s JOIN channel_end ce"
                              + " ON ce.id = s.sending_end_id WHERE s.exchange_id = :id ORDER BY"
                              + " s.id")
                      .bind("id", (Long) row[0])
                      .map(
                          (rs, ctx) ->
                              new SeriesInfo(
                                  rs.getLong(1),
                                  new Series(rs.getString(2)),
                                  rs.getString(3),
                                  rs.getLong(4)))
                      .list();
              return new ExchangeInfo((Long) row[0], (String) row[1], (String) row[2], series);
            });
  }

  /**
   * An exchange for a task on the writer: as the directory keeps it (committed, and nothing of it
   * changes once made), else read on the writer's own connection (one made by an earlier task of
   * the same transaction, or none: NOT_FOUND).
   */
  private ExchangeInfo kept(Handle h, String name) {
    return exchange(name).orElseGet(() -> requireExchange(h, name));
  }

  private ExchangeInfo requireExchange(Handle h, String name) {
    requireStation(h);
    return exchangeRow(h, name)
        .orElseThrow(
            () -> new StoreException(Problem.NOT_FOUND, "exchange", "no exchange named " + name));
  }

  private static SeriesInfo requireSeries(ExchangeInfo exchange, Series series) {
    return exchange
        .series(series)
        .orElseThrow(
            () -> new StoreException(Problem.NOT_FOUND, "series", notASeriesOf(exchange, series)));
  }

  /**
   * Runs a change of the directory (users, sessions, channels, ends, exchanges, caveats) on the
   * writer, then forgets the directory as read so far: what a request reads after this returns is
   * what was committed.
   */
  private <T> T changeDirectory(Function<Handle, T> work) {
    try {
      return writer.submit(work);
    } finally {
      directory.invalidate();
    }
  }

  // ---- release ----

  @Override
  public StoredCable release(ReleaseRequest request) {
    if (!request.draft().isDraft()) {
      throw new StoreException(
          Problem.INVALID,
          "draft",
          "only a draft can be released; this cable already has "
              + (request.draft().designator().isPresent()
                  ? "the designator " + request.draft().designator().get().displayText()
                  : "a DTG"));
    }
    StoredCable released = writer.submit(h -> release(h, request));
    releases.incrementAndGet();
    try {
      observer.released(released.cable().precedence());
    } catch (RuntimeException e) {
      // the cable is durable and numbered: its releaser must hear so, whatever the metrics did
      LOG.warn("the store's observer failed on a release; the release stands", e);
    }
    return released;
  }

  private StoredCable release(Handle h, ReleaseRequest request) {
    ExchangeInfo exchange = kept(h, request.exchange());
    SeriesInfo series = requireSeries(exchange, request.series());
    SeriesInfo opposite = exchange.opposite(series);
    unregisteredCaveat(request.draft())
        .ifPresent(
            message -> {
              throw new StoreException(Problem.INVALID, "label", message);
            });
    for (Reference ref : request.draft().references()) {
      requireReferenced(h, exchange, ref);
    }
    long sendingEnd = series.sendingEndId();
    long receivingEnd = opposite.sendingEndId();
    List<Long> unread = unreadAtRelease(h, request, opposite);
    List<String> since = deliveredSinceSaved(h, request, opposite, sendingEnd);
    if ((!unread.isEmpty() || !since.isEmpty()) && !request.confirmed()) {
      throw new ReleaseWarning(designators(h, unread), since);
    }
    int serial =
        h.createQuery("UPDATE series SET counter = counter + 1 WHERE id = :id RETURNING counter")
            .bind("id", series.id())
            .mapTo(Integer.class)
            .one();
    Object[] station =
        h.createQuery(
                "UPDATE station SET station_serial = station_serial + 1 WHERE id = 1"
                    + " RETURNING prefix, station_serial")
            .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getInt(2)})
            .one();
    // G5: what the sending end had in hand; imported cables are the record as held here
    // newest first by the designator's index: the answer is nearly always the newest cable, where
    // MAX() looked at every cable of the series
    int seen =
        h.createQuery(
                "SELECT c.serial FROM cable c WHERE c.series_id = :id AND (c.origin = 'IMPORTED' OR"
                    + " EXISTS (SELECT 1 FROM end_delivery d WHERE d.cable_id = c.id AND d.end_id ="
                    + " :end AND d.delivered_at IS NOT NULL)) ORDER BY c.serial DESC LIMIT 1")
            .bind("id", opposite.id())
            .bind("end", sendingEnd)
            .mapTo(Integer.class)
            .findOne()
            .orElse(0);
    Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Cable cable =
        request.draft().toBuilder()
            .dtg(Dtg.of(at))
            .designator(
                new Designator.Numbered(
                    series.series(),
                    serial,
                    Optional.of(
                        new StationSerial(Optional.of((String) station[0]), (Integer) station[1]))))
            .build();
    Prepared p = Prepared.of(cable);
    long id;
    try (PreparedStatement insert = statement(h, INSERT_CABLE);
        PreparedStatement references = statement(h, INSERT_REFERENCE);
        PreparedStatement readers = statement(h, INSERT_READER)) {
      id =
          insertCable(
              insert, exchange.id(), series.id(), p, at.toEpochMilli(), seen, request.actor());
      addReferences(references, id, cable);
      addReaders(readers, id, cable);
      references.executeBatch();
      readers.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("could not store the cable " + cable.designator(), e);
    }
    String canonical = p.canonical();
    String sha256 = p.sha256();
    for (long u : unread) {
      h.createUpdate("INSERT INTO released_unread (cable_id, unread_cable_id) VALUES (:c, :u)")
          .bind("c", id)
          .bind("u", u)
          .execute();
    }
    if (request.draftId().isPresent()) {
      h.createUpdate("DELETE FROM draft WHERE id = :id")
          .bind("id", request.draftId().get())
          .execute();
    }
    event(
        h,
        new Event.CableReleased(cable.designator().orElseThrow().displayText(), sha256, seen),
        request.actor(),
        exchange.id(),
        id);
    deliver(h, exchange.id(), id, cable, receivingEnd, at.toEpochMilli(), request.actor());
    return new StoredCable(
        id,
        exchange.name(),
        cable,
        canonical,
        sha256,
        StoredCable.Origin.RELEASED,
        Optional.of(at),
        OptionalInt.of(seen),
        OptionalInt.empty(),
        exchange.channel(),
        readers(cable));
  }

  /**
   * Why a cable cannot be kept when its label holds a caveat this station does not register: it
   * could not be read back (nor its label shown) afterwards.
   */
  private Optional<String> unregisteredCaveat(Cable cable) {
    CaveatRegistry known = registry;
    return cable.label().caveats().stream()
        .filter(c -> !known.contains(c))
        .findFirst()
        .map(
            c ->
                "the caveat "
                    + c.name()
                    + " is not registered at this station; an administrator adds it first");
  }

  private static void requireReferenced(Handle h, ExchangeInfo exchange, Reference ref) {
    Optional<ExchangeInfo> target =
        ref.exchange().isPresent() ? exchangeRow(h, ref.exchange().get()) : Optional.of(exchange);
    boolean found =
        target
            .flatMap(t -> t.series(ref.series()))
            .map(
                s ->
                    h.createQuery(
                                "SELECT COUNT(*) FROM cable WHERE series_id = :id AND serial = :serial")
                            .bind("id", s.id())
                            .bind("serial", ref.serial())
                            .mapTo(Integer.class)
                            .one()
                        > 0)
            .orElse(false);
    if (!found) {
      throw new StoreException(
          Problem.NOT_FOUND,
          "references",
          "REF "
              + ref.text()
              + " names no cable of exchange "
              + ref.exchange().orElse(exchange.name()));
    }
  }

  private static final String CABLE_INSERT_COLUMNS =
      "exchange_id, series_id, serial, station_prefix, station_number, origin, precedence,"
          + " classification, canonical, structured, sha256, released_at, seen, document,"
          + " edition_text, created_at";

  // the long texts are bound as their UTF-8 bytes, encoded off the writer thread, and stored as
  // TEXT: SQLite reads a BLOB cast to TEXT as text in the database encoding (UTF-8)
  private static final String CABLE_INSERT_VALUES =
      "?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT), ?, ?, ?, ?, ?, CAST(? AS TEXT), ?";

  private static final String INSERT_CABLE =
      "INSERT INTO cable ("
          + CABLE_INSERT_COLUMNS
          + ", releaser) VALUES ("
          + CABLE_INSERT_VALUES
          + ", ?) ON CONFLICT DO NOTHING RETURNING id";

  /** An import names the cable's id itself: one update count a row, no result set. */
  private static final String IMPORT_CABLE =
      "INSERT INTO cable (id, "
          + CABLE_INSERT_COLUMNS
          + ") VALUES (?, "
          + CABLE_INSERT_VALUES
          + ") ON CONFLICT DO NOTHING";

  /**
   * A cable ready to store: its canonical text (and its UTF-8 bytes), hash and structured form,
   * made off the writer.
   */
  private record Prepared(
      Cable cable, String canonical, byte[] canonicalUtf8, String sha256, String structured) {
    static Prepared of(Cable cable) {
      return of(cable, CanonicalText.render(cable));
    }

    static Prepared of(Cable cable, String canonical) {
      byte[] utf8 = canonical.getBytes(StandardCharsets.UTF_8);
      return new Prepared(
          cable, canonical, utf8, CanonicalText.sha256(utf8), CableJson.envelope(cable).toString());
    }
  }

  /** Inserts a released cable and who released it; returns its id. */
  private static long insertCable(
      PreparedStatement ps,
      long exchangeId,
      long seriesId,
      Prepared p,
      long releasedAt,
      int seen,
      String releaser)
      throws SQLException {
    bindCable(ps, 0, exchangeId, seriesId, p, "RELEASED", releasedAt, (long) seen, null, null);
    ps.setString(CABLE_INSERT_PARAMETERS + 1, releaser);
    // RETURNING rather than getGeneratedKeys, which prepares a query for every row
    try (ResultSet id = ps.executeQuery()) {
      if (!id.next()) {
        throw new IllegalStateException(
            "the serial " + p.cable().designator().orElseThrow() + " is held already");
      }
      return id.getLong(1);
    }
  }

  /** How many parameters {@link #bindCable} binds. */
  private static final int CABLE_INSERT_PARAMETERS = 16;

  /** Binds a cable's columns after the first {@code offset} parameters. */
  private static void bindCable(
      PreparedStatement ps,
      int offset,
      long exchangeId,
      Long seriesId,
      Prepared p,
      String origin,
      Long releasedAt,
      Long seen,
      Long document,
      byte[] editionUtf8)
      throws SQLException {
    Designator d = p.cable().designator().orElseThrow();
    ps.setLong(offset + 1, exchangeId);
    setNullable(ps, offset + 2, seriesId);
    setNullable(ps, offset + 3, d.numbered().map(n -> (long) n.serial()).orElse(null));
    ps.setString(offset + 4, d.stationSerial().flatMap(StationSerial::prefix).orElse(null));
    setNullable(ps, offset + 5, d.stationSerial().map(x -> (long) x.number()).orElse(null));
    ps.setString(offset + 6, origin);
    ps.setString(offset + 7, p.cable().precedence().name());
    ps.setString(offset + 8, p.cable().label().classification().name());
    ps.setBytes(offset + 9, p.canonicalUtf8());
    ps.setString(offset + 10, p.structured());
    ps.setString(offset + 11, p.sha256());
    setNullable(ps, offset + 12, releasedAt);
    setNullable(ps, offset + 13, seen);
    setNullable(ps, offset + 14, document);
    if (editionUtf8 == null) {
      ps.setNull(offset + 15, Types.BLOB);
    } else {
      ps.setBytes(offset + 15, editionUtf8);
    }
    ps.setLong(offset + 16, System.currentTimeMillis());
  }

  private static void setNullable(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setLong(index, value);
    }
  }

  private static final String INSERT_REFERENCE =
      "INSERT INTO cable_reference (cable_id, position, series, serial, paragraph, exchange_name)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  /** Adds a cable's references to the batch of {@code ps}. */
  private static void addReferences(PreparedStatement ps, long cableId, Cable cable)
      throws SQLException {
    int position = 0;
    for (Reference r : cable.references()) {
      ps.setLong(1, cableId);
      ps.setInt(2, position++);
      ps.setString(3, r.series().name());
      ps.setInt(4, r.serial());
      setNullable(ps, 5, r.paragraph().isPresent() ? (long) r.paragraph().getAsInt() : null);
      ps.setString(6, r.exchange().orElse(null));
      ps.addBatch();
    }
  }

  // ---- import ----

  /** An import made ready off the writer: the cable, its edition text's bytes, its event's data. */
  private record PreparedImport(Prepared prepared, byte[] editionUtf8, String eventData) {
    static PreparedImport of(ImportRequest r) {
      Prepared p = Prepared.of(r.cable(), r.canonical());
      Event e =
          new Event.CableImported(
              r.cable().designator().orElseThrow().displayText(),
              p.sha256(),
              r.source(),
              r.document().isPresent() ? Optional.of(r.document().getAsInt()) : Optional.empty());
      return new PreparedImport(
          p, r.editionText().getBytes(StandardCharsets.UTF_8), EventCodec.encode(e));
    }
  }

  @Override
  public List<ImportResult> importCables(
      String exchangeName, List<ImportRequest> cables, String actor) {
    // rendering, hashing, encoding and the JSON need no lock: made on every core, off the writer
    List<Optional<PreparedImport>> prepared =
        cables.parallelStream()
            .map(
                r ->
                    r.cable().designator().isPresent()
                        ? Optional.of(PreparedImport.of(r))
                        : Optional.<PreparedImport>empty())
            .toList();
    return writer.submit(
        h -> {
          ExchangeInfo exchange = requireExchange(h, exchangeName);
          Connection c = h.getConnection();
          try (PreparedStatement insert = c.prepareStatement(IMPORT_CABLE);
              PreparedStatement references = c.prepareStatement(INSERT_REFERENCE);
              PreparedStatement events = c.prepareStatement(INSERT_EVENT);
              PreparedStatement readers = c.prepareStatement(INSERT_READER);
              PreparedStatement heldNumbered =
                  c.prepareStatement(
                      "SELECT sha256 FROM cable WHERE series_id = ? AND serial = ?");
              PreparedStatement heldStation =
                  c.prepareStatement(
                      "SELECT sha256 FROM cable WHERE exchange_id = ? AND series_id IS NULL AND"
                          + " station_prefix IS ? AND station_number = ?")) {
            // the writer alone inserts, inside this transaction: the ids that follow are free
            long nextId =
                h.createQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM cable").mapTo(Long.class).one();
            ImportResult[] results = new ImportResult[cables.size()];
            // the cables go in as one batch; the rows naming them follow for those that went in
            record Candidate(int index, long id, Long seriesId) {}
            List<Candidate> candidates = new ArrayList<>(cables.size());
            long at = now();
            for (int i = 0; i < cables.size(); i++) {
              ImportRequest r = cables.get(i);
              if (prepared.get(i).isEmpty()) {
                results[i] =
                    new ImportResult(
                        r.source(),
                        "",
                        ImportResult.Outcome.REFUSED,
                        "the cable has no designator");
                continue;
              }
              PreparedImport pi = prepared.get(i).get();
              Prepared p = pi.prepared();
              Designator d = p.cable().designator().orElseThrow();
              String text = d.displayText();
              Optional<String> unregistered = unregisteredCaveat(p.cable());
              if (unregistered.isPresent()) {
                results[i] =
                    new ImportResult(
                        r.source(), text, ImportResult.Outcome.REFUSED, unregistered.get());
                continue;
              }
              Long seriesId = null;
              if (d.numbered().isPresent()) {
                Optional<SeriesInfo> series = exchange.series(d.numbered().get().series());
                if (series.isEmpty()) {
                  results[i] =
                      new ImportResult(
                          r.source(),
                          text,
                          ImportResult.Outcome.REFUSED,
                          notASeriesOf(exchange, d.numbered().get().series()));
                  continue;
                }
                seriesId = series.get().id();
              }
              long id = nextId++;
              insert.setLong(1, id);
              bindCable(
                  insert,
                  1,
                  exchange.id(),
                  seriesId,
                  p,
                  "IMPORTED",
                  null,
                  null,
                  r.document().isPresent() ? (long) r.document().getAsInt() : null,
                  pi.editionUtf8());
              insert.addBatch();
              candidates.add(new Candidate(i, id, seriesId));
            }
            // ON CONFLICT DO NOTHING: a designator held already (or earlier in this batch) counts 0
            long[] inserted = insert.executeLargeBatch();
            for (int k = 0; k < candidates.size(); k++) {
              Candidate candidate = candidates.get(k);
              ImportRequest r = cables.get(candidate.index());
              PreparedImport pi = prepared.get(candidate.index()).orElseThrow();
              Prepared p = pi.prepared();
              Designator d = p.cable().designator().orElseThrow();
              String text = d.displayText();
              if (inserted[k] == 0) {
                String held =
                    held(d, candidate.seriesId(), exchange.id(), heldNumbered, heldStation);
                results[candidate.index()] =
                    held.equals(p.sha256())
                        ? new ImportResult(r.source(), text, ImportResult.Outcome.DUPLICATE, "")
                        : new ImportResult(
                            r.source(),
                            text,
                            ImportResult.Outcome.CONFLICT,
                            text + " is held already with another text (SHA-256 " + held + ")");
                continue;
              }
              long id = candidate.id();
              addReferences(references, id, p.cable());
              addReaders(readers, id, p.cable());
              bindEvent(events, at, "CABLE_IMPORTED", actor, exchange.id(), id, pi.eventData());
              events.addBatch();
              results[candidate.index()] =
                  new ImportResult(r.source(), text, ImportResult.Outcome.IMPORTED, "");
            }
            references.executeBatch();
            readers.executeBatch();
            events.executeBatch();
            return List.of(results);
          } catch (SQLException e) {
            throw new IllegalStateException("could not import into " + exchangeName, e);
          }
        });
  }

  private static String held(
      Designator d,
      Long seriesId,
      long exchangeId,
      PreparedStatement heldNumbered,
      PreparedStatement heldStation)
      throws SQLException {
    PreparedStatement ps;
    if (seriesId != null) {
      ps = heldNumbered;
      ps.setLong(1, seriesId);
      ps.setInt(2, d.numbered().orElseThrow().serial());
    } else {
      StationSerial s = d.stationSerial().orElseThrow();
      ps = heldStation;
      ps.setLong(1, exchangeId);
      ps.setString(2, s.prefix().orElse(null));
      ps.setInt(3, s.number());
    }
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String notASeriesOf(ExchangeInfo exchange, Series series) {
    return series
        + " is not a series of exchange "
        + exchange.name()
        + "; its series are "
        + exchange.series().get(0).series()
        + " and "
        + exchange.series().get(1).series();
  }

  // ---- traffic: delivery, holds, receipts, drafts ----

  private static final String PRECEDENCE_RANK =
      "CASE c.precedence WHEN 'FLASH_OVERRIDE' THEN 0 WHEN 'FLASH' THEN 1 WHEN 'IMMEDIATE' THEN 2"
          + " WHEN 'PRIORITY' THEN 3 ELSE 4 END";

  /**
   * Opposite-series cables delivered to the originator or the releaser and not opened by him (G5);
   * empty for the operator, who reads nothing.
   */
  private static List<Long> unreadAtRelease(Handle h, ReleaseRequest request, SeriesInfo opposite) {
    if (request.releaser().isEmpty()) {
      return List.of();
    }
    // by the index of unopened deliveries alone: a principal's opened traffic can be large, his
    // unopened little; the same cable delivered to both is one, and they come in serial order
    SortedMap<Integer, Long> bySerial = new TreeMap<>();
    h.createQuery(
            "SELECT c.serial, c.id FROM delivery d INDEXED BY delivery_unopened JOIN cable c ON"
                + " c.id = d.cable_id WHERE d.user_id IN (SELECT id FROM user_account WHERE id ="
                + " :releaser OR addressed_as = :originator) AND d.delivered_at IS NOT NULL AND"
                + " d.opened_at IS NULL AND c.series_id = :series")
        .bind("series", opposite.id())
        .bind("releaser", request.releaser().get())
        .bind("originator", request.draft().from().name())
        .map((rs, ctx) -> Map.entry(rs.getInt(1), rs.getLong(2)))
        .forEach(e -> bySerial.put(e.getKey(), e.getValue()));
    return List.copyOf(bySerial.values());
  }

  /** Opposite-series cables delivered to the sending end since the draft was last saved (G5). */
  private static List<String> deliveredSinceSaved(
      Handle h, ReleaseRequest request, SeriesInfo opposite, long sendingEnd) {
    if (request.draftId().isEmpty()) {
      return List.of();
    }
    long savedAt =
        h.createQuery("SELECT saved_at FROM draft WHERE id = :id")
            .bind("id", request.draftId().get())
            .mapTo(Long.class)
            .findOne()
            .orElseThrow(
                () ->
                    new StoreException(
                        Problem.NOT_FOUND,
                        "draft",
                        "there is no draft " + request.draftId().get()));
    List<Long> ids =
        h.createQuery(
                "SELECT c.id FROM cable c JOIN end_delivery d ON d.cable_id = c.id WHERE"
                    + " c.series_id = :series AND d.end_id = :end AND d.delivered_at > :saved"
                    + " ORDER BY c.serial")
            .bind("series", opposite.id())
            .bind("end", sendingEnd)
            .bind("saved", savedAt)
            .mapTo(Long.class)
            .list();
    return designators(h, ids);
  }

  private static List<String> designators(Handle h, List<Long> cableIds) {
    List<String> out = new ArrayList<>();
    for (long id : cableIds) {
      out.add(
          h.createQuery(
                  "SELECT s.name || ' ' || c.serial FROM cable c JOIN series s ON s.id ="
                      + " c.series_id WHERE c.id = :id")
              .bind("id", id)
              .mapTo(String.class)
              .one());
    }
    return out.stream().map(SqliteStore::displayDesignator).toList();
  }

  private static String displayDesignator(String seriesAndSerial) {
    int space = seriesAndSerial.indexOf(' ');
    return new Series(seriesAndSerial.substring(0, space)).displayName()
        + seriesAndSerial.substring(space);
  }

  /**
   * Queues a released cable for its receiving end and that end's readers (its members and the users
   * the cable names as TO or INFO), and delivers it at once unless the end is held: then each
   * reader's delivery is written delivered, with its DELIVERED receipt, in the statement that
   * queues it, rather than queued and then updated.
   */
  private void deliver(
      Handle h, long exchangeId, long cableId, Cable cable, long endId, long at, String actor) {
    boolean held =
        h.createQuery("SELECT held_since IS NOT NULL FROM channel_end WHERE id = :id")
            .bind("id", endId)
            .mapTo(Boolean.class)
            .one();
    h.createUpdate(
            "INSERT INTO end_delivery (cable_id, end_id, queued_at, delivered_at) VALUES (:c, :e,"
                + " :at, :delivered)")
        .bind("c", cableId)
        .bind("e", endId)
        .bind("at", at)
        .bind("delivered", held ? null : at)
        .execute();
    if (!held) {
      queueEscalation(h, cableId, endId, firstLook(cable, at));
    }
    List<String> named = new ArrayList<>();
    cable.to().forEach(p -> named.add(p.name()));
    cable.info().forEach(p -> named.add(p.name()));
    // the receiving end's members and the named readers, each cleared for the classification:
    // the envelope rule of G3 for exactly these users; no one else is ever told it exists
    List<Object[]> candidates =
        h.createQuery(
                "SELECT u.id, u.clearance, u.time_zone, u.office_hours, u.name FROM user_account u"
                    + " WHERE u.disabled = 0 AND (u.id IN (SELECT user_id FROM end_member WHERE"
                    + " end_id = :e) OR u.addressed_as IN (<names>))")
            .bind("e", endId)
            .bindList(EmptyHandling.NULL_KEYWORD, "names", named)
            .map(
                (rs, ctx) ->
                    new Object[] {
                      rs.getLong(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5)
                    })
            .list();
    Classification level = cable.label().classification();
    // DESIGN 5.2: "deliver at opening of business" waits for each reader's office hours, in his
    // own time zone; never a FLASH
    boolean openingOfBusiness =
        cable.handling().stream().anyMatch(x -> x.kind() == HandlingKind.OPENING_OF_BUSINESS)
            && cable.precedence() != Precedence.FLASH
            && cable.precedence() != Precedence.FLASH_OVERRIDE;
    List<String> delivered = new ArrayList<>();
    try (PreparedStatement insert =
            statement(
                h,
                "INSERT OR IGNORE INTO delivery (cable_id, user_id, queued_at, due_at,"
                    + " delivered_at) VALUES (?, ?, ?, ?, ?)");
        PreparedStatement receipts = statement(h, INSERT_DELIVERED_RECEIPT)) {
      for (Object[] c : candidates) {
        if (!Classification.valueOf((String) c[1]).atLeast(level)) {
          continue;
        }
        Long due = null;
        if (openingOfBusiness) {
          long opening =
              OfficeHours.parse((String) c[3])
                  .nextOpening(Instant.ofEpochMilli(at), ZoneId.of((String) c[2]))
                  .toEpochMilli();
          due = opening > at ? opening : null;
        }
        boolean now = !held && due == null;
        insert.setLong(1, cableId);
        insert.setLong(2, (Long) c[0]);
        insert.setLong(3, at);
        setNullable(insert, 4, due);
        setNullable(insert, 5, now ? at : null);
        insert.addBatch();
        if (now) {
          receipts.setLong(1, cableId);
          receipts.setLong(2, (Long) c[0]);
          receipts.setLong(3, at);
          receipts.addBatch();
          delivered.add((String) c[4]);
        }
      }
      insert.executeBatch();
      receipts.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("could not queue the deliveries of cable " + cableId, e);
    }
    if (!held) {
      event(h, new Event.Delivered(delivered), actor, exchangeId, cableId);
    }
  }

  private static final String INSERT_DELIVERED_RECEIPT =
      "INSERT OR IGNORE INTO receipt (cable_id, user_id, kind, at, client) VALUES (?, ?,"
          + " 'DELIVERED', ?, 'station')";

  /** Queues a delivered cable for the clockwork's first look at its escalations (G7). */
  private static void queueEscalation(Handle h, long cableId, long endId, long due) {
    h.createUpdate(
            "INSERT OR IGNORE INTO escalation_due (cable_id, end_id, due_at) VALUES (:c, :e,"
                + " :due)")
        .bind("c", cableId)
        .bind("e", endId)
        .bind("due", due)
        .execute();
  }

  /**
   * The DELIVERED receipts of the deliveries of cable {@code :c} made at {@code :at}. The primary
   * key finds the cable's rows; the instant is only checked ({@code +}): used as an index term it
   * made the planner scan every delivery made at that instant, and a hold resumed under a stopped
   * clock (or one millisecond's burst) made that quadratic.
   */
  static final String DELIVERED_RECEIPTS =
      "INSERT OR IGNORE INTO receipt (cable_id, user_id, kind, at, client) SELECT cable_id,"
          + " user_id, 'DELIVERED', :at, 'station' FROM delivery WHERE cable_id = :c AND"
          + " +delivered_at = :at";

  /**
   * Marks a cable's queued deliveries delivered, with their DELIVERED receipts and one event, and
   * queues each end it reached for the escalations of G7.
   */
  private void completeDelivery(
      Handle h, long exchangeId, long cableId, Cable cable, long at, String actor) {
    h.createUpdate(
            "INSERT OR IGNORE INTO escalation_due (cable_id, end_id, due_at) SELECT cable_id,"
                + " end_id, :due FROM end_delivery WHERE cable_id = :c AND delivered_at IS NULL")
        .bind("due", firstLook(cable, at))
        .bind("c", cableId)
        .execute();
    h.createUpdate(
            "UPDATE end_delivery SET delivered_at = :at WHERE cable_id = :c AND delivered_at IS"
                + " NULL")
        .bind("at", at)
        .bind("c", cableId)
        .execute();
    List<String> readers =
        h.createQuery(
                "UPDATE delivery SET delivered_at = :at WHERE cable_id = :c AND delivered_at IS"
                    + " NULL AND (due_at IS NULL OR due_at <= :at) RETURNING (SELECT name FROM"
                    + " user_account WHERE id = user_id)")
            .bind("at", at)
            .bind("c", cableId)
            .mapTo(String.class)
            .list();
    h.createUpdate(DELIVERED_RECEIPTS).bind("at", at).bind("c", cableId).execute();
    event(h, new Event.Delivered(readers), actor, exchangeId, cableId);
  }

  @Override
  public EndInfo holdEnd(String channel, String end, String actor) {
    return changeDirectory(
        h -> {
          ChannelInfo c = requireChannel(h, channel);
          long endId = requireEnd(h, c, end);
          int changed =
              h.createUpdate(
                      "UPDATE channel_end SET held_since = :at, held_by = :actor WHERE id = :id AND"
                          + " held_since IS NULL")
                  .bind("at", now())
                  .bind("actor", actor)
                  .bind("id", endId)
                  .execute();
          EndInfo after = endRow(h, c, end);
          if (changed > 0) {
            event(h, new Event.EndHeld(c.name(), after.name()), actor, null, null);
          }
          return after;
        });
  }

  @Override
  public List<StoredCable> resumeEnd(
      String channel, String end, String actor, Consumer<List<StoredCable>> eachDelivered) {
    long endId =
        changeDirectory(
            h -> {
              ChannelInfo c = requireChannel(h, channel);
              long id = requireEnd(h, c, end);
              int changed =
                  h.createUpdate(
                          "UPDATE channel_end SET held_since = NULL, held_by = NULL WHERE id = :id"
                              + " AND held_since IS NOT NULL")
                      .bind("id", id)
                      .execute();
              if (changed > 0) {
                int held =
                    h.createQuery(
                            "SELECT COUNT(*) FROM end_delivery WHERE end_id = :e AND delivered_at"
                                + " IS NULL")
                        .bind("e", id)
                        .mapTo(Integer.class)
                        .one();
                event(
                    h,
                    new Event.EndResumed(c.name(), endRow(h, c, end).name(), held),
                    actor,
                    null,
                    null);
              }
              return id;
            });
    // in chunks, each its own transaction: a FLASH released meanwhile waits for one chunk, not for
    // the whole backlog (G7); a new hold stops what is left
    List<StoredCable> delivered = new ArrayList<>();
    while (true) {
      List<StoredCable> chunk = writer.submit(h -> deliverHeld(h, endId, actor));
      if (chunk.isEmpty()) {
        return delivered;
      }
      eachDelivered.accept(chunk);
      delivered.addAll(chunk);
    }
  }

  /** The cables a resumed end delivers in one transaction. */
  private static final int RESUME_CHUNK = 100;

  /**
   * How long one resume transaction delivers for at most: a FLASH released meanwhile waits about
   * this long (G7) however slow the chunk's cables are, as they are on a station whose code the JIT
   * has not compiled yet.
   */
  private static final long RESUME_CHUNK_NANOS = 5_000_000;

  private List<StoredCable> deliverHeld(Handle h, long endId, String actor) {
    boolean heldAgain =
        h.createQuery("SELECT held_since IS NOT NULL FROM channel_end WHERE id = :id")
            .bind("id", endId)
            .mapTo(Boolean.class)
            .one();
    if (heldAgain) {
      return List.of();
    }
    List<Object[]> next =
        h.createQuery(
                "SELECT c.id, c.exchange_id, c.precedence FROM end_delivery d JOIN cable c ON c.id"
                    + " = d.cable_id WHERE d.end_id = :end AND d.delivered_at IS NULL ORDER BY "
                    + PRECEDENCE_RANK
                    + ", c.released_at, c.id LIMIT :n")
            .bind("end", endId)
            .bind("n", RESUME_CHUNK)
            .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3)})
            .list();
    long at = now();
    long started = System.nanoTime();
    List<StoredCable> out = new ArrayList<>();
    for (Object[] row : next) {
      // one precedence a transaction: a FLASH the hold kept is made durable and announced alone,
      // not with a hundred ROUTINE behind it
      if (!row[2].equals(next.getFirst()[2])
          || !out.isEmpty() && System.nanoTime() - started > RESUME_CHUNK_NANOS) {
        break;
      }
      StoredCable c = cableById(h, (Long) row[0]);
      completeDelivery(h, (Long) row[1], c.id(), c.cable(), at, actor);
      out.add(c);
    }
    return out;
  }

  @Override
  public Receipt receipt(
      long cableId, long userId, ReceiptKind kind, String client, Optional<Long> by, String actor) {
    return writer.submit(
        h -> {
          int inserted =
              h.createUpdate(
                      "INSERT OR IGNORE INTO receipt (cable_id, user_id, kind, at, client,"
                          + " by_user_id) VALUES (:c, :u, :kind, :at, :client, :by)")
                  .bind("c", cableId)
                  .bind("u", userId)
                  .bind("kind", kind.name())
                  .bind("at", now())
                  .bind("client", client)
                  .bind("by", by.orElse(null))
                  .execute();
          Receipt r =
              receiptRows(h, cableId).stream()
                  .filter(x -> x.kind() == kind && x.reader().equals(userName(h, userId)))
                  .findFirst()
                  .orElseThrow();
          if (inserted > 0 && kind == ReceiptKind.OPENED) {
            h.createUpdate(
                    "UPDATE delivery SET opened_at = :at WHERE cable_id = :c AND user_id = :u")
                .bind("at", r.at().toEpochMilli())
                .bind("c", cableId)
                .bind("u", userId)
                .execute();
          }
          if (inserted > 0) {
            Long exchangeId = exchangeOf(h, cableId);
            event(
                h,
                new Event.ReceiptRecorded(r.reader(), kind.name(), client),
                actor,
                exchangeId,
                cableId);
          }
          return r;
        });
  }

  private static long exchangeOf(Handle h, long cableId) {
    return h.createQuery("SELECT exchange_id FROM cable WHERE id = :id")
        .bind("id", cableId)
        .mapTo(Long.class)
        .one();
  }

  private static String userName(Handle h, long userId) {
    return h.createQuery("SELECT name FROM user_account WHERE id = :id")
        .bind("id", userId)
        .mapTo(String.class)
        .one();
  }

  private static List<Receipt> receiptRows(Handle h, long cableId) {
    return h.createQuery(
            "SELECT r.cable_id, u.name, r.kind, r.at, r.client, b.name FROM receipt r JOIN"
                + " user_account u ON u.id = r.user_id LEFT JOIN user_account b ON b.id ="
                + " r.by_user_id WHERE r.cable_id = :c ORDER BY r.at, u.name, r.kind")
        .bind("c", cableId)
        .map(
            (rs, ctx) ->
                new Receipt(
                    rs.getLong(1),
                    rs.getString(2),
                    ReceiptKind.valueOf(rs.getString(3)),
                    Instant.ofEpochMilli(rs.getLong(4)),
                    rs.getString(5),
                    Optional.ofNullable(rs.getString(6))))
        .list();
  }

  @Override
  public boolean pass(long cableId, long byUserId, long toUserId, String actor) {
    return writer.submit(
        h -> {
          String to =
              h.createQuery("SELECT addressed_as FROM user_account WHERE id = :id")
                  .bind("id", toUserId)
                  .mapTo(String.class)
                  .one();
          long at = now();
          int passed =
              h.createUpdate(
                      "INSERT OR IGNORE INTO receipt (cable_id, user_id, kind, at, client,"
                          + " by_user_id) VALUES (:c, :u, 'PASSED', :at, 'station', :by)")
                  .bind("c", cableId)
                  .bind("u", toUserId)
                  .bind("at", at)
                  .bind("by", byUserId)
                  .execute();
          if (passed == 0) {
            return false;
          }
          h.createUpdate("INSERT OR IGNORE INTO cable_reader (cable_id, name) VALUES (:c, :n)")
              .bind("c", cableId)
              .bind("n", to)
              .execute();
          // he may have opened it before it was passed to him (as a member of its end)
          h.createUpdate(
                  "INSERT INTO delivery (cable_id, user_id, queued_at, delivered_at, opened_at)"
                      + " VALUES (:c, :u, :at, :at, (SELECT at FROM receipt WHERE cable_id = :c AND"
                      + " user_id = :u AND kind = 'OPENED')) ON CONFLICT (cable_id, user_id) DO"
                      + " UPDATE SET delivered_at = COALESCE(delivered_at, excluded.delivered_at)")
              .bind("c", cableId)
              .bind("u", toUserId)
              .bind("at", at)
              .execute();
          h.createUpdate(
                  "INSERT OR IGNORE INTO receipt (cable_id, user_id, kind, at, client) VALUES (:c,"
                      + " :u, 'DELIVERED', :at, 'station')")
              .bind("c", cableId)
              .bind("u", toUserId)
              .bind("at", at)
              .execute();
          long exchangeId = exchangeOf(h, cableId);
          event(
              h,
              new Event.Passed(userName(h, toUserId), userName(h, byUserId)),
              actor,
              exchangeId,
              cableId);
          return true;
        });
  }

  @Override
  public List<StoredCable> deliverDue(Instant now) {
    List<StoredCable> out = new ArrayList<>(deliverAtOpening(now));
    // an end whose hold was lifted by a resume that did not finish (the station stopped): its
    // queue is delivered here, in the resume's order and chunks, so nothing stays stranded (G10)
    List<Long> ends =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT e.id FROM channel_end e WHERE e.held_since IS NULL AND EXISTS"
                            + " (SELECT 1 FROM end_delivery d WHERE d.end_id = e.id AND"
                            + " d.delivered_at IS NULL) ORDER BY e.id")
                    .mapTo(Long.class)
                    .list());
    for (long endId : ends) {
      while (true) {
        List<StoredCable> chunk = writer.submit(h -> deliverHeld(h, endId, "station"));
        if (chunk.isEmpty()) {
          break;
        }
        out.addAll(chunk);
      }
    }
    return out;
  }

  /** Delivers, in one transaction, what waited for its readers' opening of business until now. */
  private List<StoredCable> deliverAtOpening(Instant now) {
    long at = now.toEpochMilli();
    return writer.submit(
        h -> {
          List<Object[]> due =
              h.createQuery(
                      "SELECT DISTINCT d.cable_id, c.exchange_id, "
                          + PRECEDENCE_RANK
                          + ", c.released_at FROM delivery d JOIN cable c ON c.id = d.cable_id"
                          + " JOIN end_delivery e ON e.cable_id = d.cable_id WHERE d.delivered_at"
                          + " IS NULL AND d.due_at <= :at AND e.delivered_at IS NOT NULL ORDER BY "
                          + PRECEDENCE_RANK
                          + ", c.released_at, d.cable_id")
                  .bind("at", at)
                  .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getLong(2)})
                  .list();
          List<StoredCable> out = new ArrayList<>();
          for (Object[] row : due) {
            StoredCable c = cableById(h, (Long) row[0]);
            completeDelivery(h, (Long) row[1], c.id(), c.cable(), at, "station");
            out.add(c);
          }
          return out;
        });
  }

  private StoredCable cableById(Handle h, long id) {
    return h.createQuery(
            "SELECT "
                + CABLE_COLUMNS
                + " FROM cable c JOIN exchange x ON x.id = c.exchange_id WHERE c.id = :id")
        .bind("id", id)
        .map((rs, ctx) -> cableRow(rs))
        .one();
  }

  /** The cables the clockwork looks at in one transaction, so that a FLASH waits for few. */
  private static final int ESCALATION_CHUNK = 200;

  @Override
  public List<Escalation> escalate(Instant now) {
    List<Escalation> out = new ArrayList<>();
    while (true) {
      int[] looked = new int[1];
      out.addAll(
          writer.submit(
              h -> {
                List<Escalation> raised = new ArrayList<>();
                looked[0] = escalateDue(h, now, raised);
                return raised;
              }));
      if (looked[0] < ESCALATION_CHUNK) {
        return out;
      }
    }
  }

  /**
   * Looks at up to {@link #ESCALATION_CHUNK} cables whose next stage is due, raises what is late
   * into {@code out}, and either queues each for its next stage or lets it go; answers how many it
   * looked at.
   */
  private int escalateDue(Handle h, Instant now, List<Escalation> out) {
    long at = now.toEpochMilli();
    // the longest objective twice over, and a day to spare for a station that was down
    long window = 2 * objectives.longest().toMillis() + 86_400_000L;
    h.createUpdate(
            "DELETE FROM escalation_due WHERE due_at <= :at AND EXISTS (SELECT 1 FROM escalation x"
                + " WHERE x.cable_id = escalation_due.cable_id AND x.stage IN ('ORIGINATOR',"
                + " 'SETTLED'))")
        .bind("at", at)
        .execute();
    List<long[]> due =
        h.createQuery(
                "SELECT q.cable_id, q.end_id, e.delivered_at FROM escalation_due q JOIN"
                    + " end_delivery e ON e.cable_id = q.cable_id AND e.end_id = q.end_id WHERE"
                    + " q.due_at <= :at ORDER BY q.due_at LIMIT :n")
            .bind("at", at)
            .bind("n", ESCALATION_CHUNK)
            .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
            .list();
    for (long[] row : due) {
      long cableId = row[0];
      long endId = row[1];
      long delivered = row[2];
      Optional<Long> next =
          delivered > at - window
              ? escalateOne(h, now, cableById(h, cableId), endId, delivered, out)
              : Optional.empty();
      if (next.isPresent()) {
        h.createUpdate(
                "UPDATE escalation_due SET due_at = :due WHERE cable_id = :c AND end_id = :e")
            .bind("due", next.get())
            .bind("c", cableId)
            .bind("e", endId)
            .execute();
      } else {
        h.createUpdate("DELETE FROM escalation_due WHERE cable_id = :c AND end_id = :e")
            .bind("c", cableId)
            .bind("e", endId)
            .execute();
      }
    }
    return due.size();
  }

  /** When the clockwork first looks at a cable delivered at {@code deliveredAt} (G7). */
  private long firstLook(Cable cable, long deliveredAt) {
    return Escalations.firstLook(cable, Instant.ofEpochMilli(deliveredAt), objectives)
        .toEpochMilli();
  }

  /**
   * Raises the stages of one delivered cable that are due at {@code now}, by the rule of G7 ({@link
   * Escalations}); answers when to look at it next, or empty when nothing more can come of it.
   */
  private Optional<Long> escalateOne(
      Handle h, Instant now, StoredCable c, long endId, long delivered, List<Escalation> out) {
    List<String> to = c.cable().to().stream().map(x -> x.name()).toList();
    Instant deliveredAt = Instant.ofEpochMilli(delivered);
    Escalations.Look look =
        Escalations.look(
            c.cable().precedence(),
            objectives,
            deliveredAt,
            deadline(h, c, deliveredAt, to),
            now,
            answer -> late(h, c.id(), to, answer.name()));
    for (Escalations.Raise r : look.raise()) {
      escalation(
              h, c, Escalation.Stage.valueOf(r.stage().name()), endId, r.late(), now.toEpochMilli())
          .ifPresent(out::add);
    }
    if (look.settled()) {
      h.createUpdate(
              "INSERT OR IGNORE INTO escalation (cable_id, stage, at) VALUES (:c, 'SETTLED', :at)")
          .bind("c", c.id())
          .bind("at", now.toEpochMilli())
          .execute();
    }
    return look.next().map(Instant::toEpochMilli);
  }

  /** The TO addressees the cable reached who have no receipt of that kind. */
  private static List<String> late(Handle h, long cableId, List<String> to, String kind) {
    if (to.isEmpty()) {
      return List.of();
    }
    return h.createQuery(
            "SELECT u.name FROM delivery d JOIN user_account u ON u.id = d.user_id WHERE d.cable_id"
                + " = :c AND d.delivered_at IS NOT NULL AND u.addressed_as IN (<to>) AND NOT EXISTS"
                + " (SELECT 1 FROM receipt r WHERE r.cable_id = d.cable_id AND r.user_id ="
                + " d.user_id AND r.kind = :kind) ORDER BY u.name")
        .bind("c", cableId)
        .bindList("to", to)
        .bind("kind", kind)
        .mapTo(String.class)
        .list();
  }

  /**
   * The earliest deliver-by deadline of a cable, a time of day read in its first addressee's zone.
   */
  private static Optional<Instant> deadline(
      Handle h, StoredCable c, Instant delivered, List<String> to) {
    List<Handling> by =
        c.cable().handling().stream().filter(x -> x.kind() == HandlingKind.DELIVER_BY).toList();
    if (by.isEmpty()) {
      return Optional.empty();
    }
    ZoneId zone =
        to.isEmpty()
            ? ZoneOffset.UTC
            : h.createQuery("SELECT time_zone FROM user_account WHERE addressed_as = :a")
                .bind("a", to.get(0))
                .mapTo(String.class)
                .findOne()
                .map(ZoneId::of)
                .orElse(ZoneOffset.UTC);
    Instant released = c.releasedAt().orElse(delivered);
    return by.stream()
        .map(x -> x.deadlineAfter(released, zone))
        .flatMap(Optional::stream)
        .min(Instant::compareTo);
  }

  /** Records one stage of an escalation once, with its event; empty when it happened before. */
  private Optional<Escalation> escalation(
      Handle h, StoredCable c, Escalation.Stage stage, long endId, List<String> late, long at) {
    int inserted =
        h.createUpdate(
                "INSERT OR IGNORE INTO escalation (cable_id, stage, at) VALUES (:c, :s, :at)")
            .bind("c", c.id())
            .bind("s", stage.name())
            .bind("at", at)
            .execute();
    if (inserted == 0) {
      return Optional.empty();
    }
    List<UserInfo> told =
        stage == Escalation.Stage.ORIGINATOR
            ? h.createQuery(
                    "SELECT " + USER_COLUMNS + " FROM user_account u WHERE u.addressed_as = :from")
                .bind("from", c.cable().from().name())
                .map((rs, ctx) -> userRow(rs, 1))
                .list()
            // the end's members with the role, read as roles are read everywhere: a set, not
            // words matched in a column
            : h
                .createQuery(
                    "SELECT "
                        + USER_COLUMNS
                        + " FROM end_member m JOIN user_account u ON u.id = m.user_id WHERE"
                        + " m.end_id = :e ORDER BY u.name")
                .bind("e", endId)
                .map((rs, ctx) -> userRow(rs, 1))
                .stream()
                .filter(u -> u.roles().contains(Role.DUTY_OFFICER))
                .toList();
    event(
        h,
        new Event.Escalated(stage.name(), late, told.stream().map(UserInfo::name).toList()),
        "station",
        exchangeOf(h, c.id()),
        c.id());
    return Optional.of(new Escalation(c, stage, told, late));
  }

  @Override
  public List<Receipt> receipts(long cableId) {
    return jdbi.withHandle(h -> receiptRows(h, cableId));
  }

  @Override
  public List<UserInfo> deliveredTo(long cableId) {
    // the readers' ids alone, their accounts from the directory as kept: building a user from his
    // row (clearance, time zone, office hours, roles) cost more than the query, once a release
    List<Long> ids =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT user_id FROM delivery WHERE cable_id = :c AND delivered_at IS NOT"
                            + " NULL")
                    .bind("c", cableId)
                    .mapTo(Long.class)
                    .list());
    Map<Long, UserInfo> byId = usersById();
    if (!byId.keySet().containsAll(ids)) {
      // a user created in the same moment, not yet in the directory as kept: read them all
      return jdbi.withHandle(
          h ->
              h.createQuery(
                      "SELECT "
                          + USER_COLUMNS
                          + " FROM delivery d JOIN user_account u ON u.id = d.user_id WHERE"
                          + " d.cable_id = :c AND d.delivered_at IS NOT NULL ORDER BY u.name")
                  .bind("c", cableId)
                  .map((rs, ctx) -> userRow(rs, 1))
                  .list());
    }
    return ids.stream().map(byId::get).sorted(Comparator.comparing(UserInfo::name)).toList();
  }

  /** Every user by id, from the directory as kept. */
  private Map<Long, UserInfo> usersById() {
    return directory
        .get(
            "usersById",
            () ->
                Optional.of(
                    users().stream().collect(Collectors.toUnmodifiableMap(UserInfo::id, u -> u))))
        .orElseThrow();
  }

  @Override
  public Optional<Instant> deliveredAt(long cableId, long userId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT delivered_at FROM delivery WHERE cable_id = :c AND user_id = :u AND"
                        + " delivered_at IS NOT NULL")
                .bind("c", cableId)
                .bind("u", userId)
                .mapTo(Long.class)
                .findOne()
                .map(Instant::ofEpochMilli));
  }

  @Override
  public List<StoredCable> inbox(long userId, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + CABLE_COLUMNS
                        + " FROM delivery d JOIN cable c ON c.id = d.cable_id JOIN exchange x ON"
                        + " x.id = c.exchange_id WHERE d.user_id = :u AND d.delivered_at IS NOT"
                        + " NULL ORDER BY "
                        + PRECEDENCE_RANK
                        + ", c.released_at DESC, c.id DESC LIMIT :limit")
                .bind("u", userId)
                .bind("limit", limit)
                .map((rs, ctx) -> cableRow(rs))
                .list());
  }

  @Override
  public Set<Long> heldCables(String exchange) {
    return jdbi.withHandle(
        h ->
            Set.copyOf(
                h.createQuery(
                        "SELECT d.cable_id FROM end_delivery d JOIN cable c ON c.id = d.cable_id"
                            + " JOIN exchange x ON x.id = c.exchange_id WHERE x.name = :x AND"
                            + " d.delivered_at IS NULL")
                    .bind("x", exchange)
                    .mapTo(Long.class)
                    .list()));
  }

  /**
   * Undelivered deliveries by precedence: found through the index on {@code delivered_at}, so a
   * scrape reads the queue, not every delivery ever made.
   */
  static final String QUEUED_DELIVERIES =
      "SELECT c.precedence, COUNT(*) FROM delivery d JOIN cable c ON c.id = d.cable_id WHERE"
          + " d.delivered_at IS NULL GROUP BY c.precedence";

  @Override
  public Map<Precedence, Long> queuedDeliveries() {
    Map<Precedence, Long> queued = new EnumMap<>(Precedence.class);
    for (Precedence p : Precedence.values()) {
      queued.put(p, 0L);
    }
    jdbi.useHandle(
        h ->
            h.createQuery(QUEUED_DELIVERIES)
                .map((rs, ctx) -> Map.entry(Precedence.valueOf(rs.getString(1)), rs.getLong(2)))
                .forEach(e -> queued.put(e.getKey(), e.getValue())));
    return Collections.unmodifiableMap(queued);
  }

  @Override
  public List<String> releasedUnread(long cableId) {
    return releasedUnread(List.of(cableId)).getOrDefault(cableId, List.of());
  }

  @Override
  public Map<Long, List<String>> releasedUnread(Collection<Long> cableIds) {
    if (cableIds.isEmpty()) {
      return Map.of();
    }
    Map<Long, List<String>> out = new HashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT u.cable_id, s.name || ' ' || c.serial FROM released_unread u JOIN cable"
                        + " c ON c.id = u.unread_cable_id JOIN series s ON s.id = c.series_id"
                        + " WHERE u.cable_id IN (<ids>) ORDER BY u.cable_id, c.serial")
                .bindList("ids", List.copyOf(cableIds))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), displayDesignator(rs.getString(2))))
                .forEach(
                    e ->
                        out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue())));
    out.replaceAll((k, v) -> List.copyOf(v));
    return Map.copyOf(out);
  }

  private static final String DRAFT_COLUMNS =
      "d.id, x.name, s.name, ch.name, e.name, a.name, d.text, d.saved_at, ap.name";

  private static final String DRAFT_FROM =
      " FROM draft d JOIN exchange x ON x.id = d.exchange_id JOIN series s ON s.id = d.series_id"
          + " JOIN channel_end e ON e.id = d.end_id JOIN channel ch ON ch.id = e.channel_id JOIN"
          + " user_account a ON a.id = d.author_id LEFT JOIN user_account ap ON ap.id ="
          + " d.approved_by";

  private static Draft draftRow(ResultSet rs) throws SQLException {
    return new Draft(
        rs.getLong(1),
        rs.getString(2),
        new Series(rs.getString(3)),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        Instant.ofEpochMilli(rs.getLong(8)),
        Optional.ofNullable(rs.getString(9)));
  }

  private static Optional<Draft> draftRow(Handle h, long id) {
    return h.createQuery("SELECT " + DRAFT_COLUMNS + DRAFT_FROM + " WHERE d.id = :id")
        .bind("id", id)
        .map((rs, ctx) -> draftRow(rs))
        .findOne();
  }

  private static Draft requireDraft(Handle h, long id) {
    return draftRow(h, id)
        .orElseThrow(
            () -> new StoreException(Problem.NOT_FOUND, "draft", "there is no draft " + id));
  }

  @Override
  public Draft createDraft(String exchange, Series series, String end, long authorId, String text) {
    return writer.submit(
        h -> {
          ExchangeInfo x = kept(h, exchange);
          SeriesInfo s = requireSeries(x, series);
          ChannelInfo c = requireChannel(h, x.channel());
          long endId = requireEnd(h, c, end);
          long at = now();
          long id =
              h.createUpdate(
                      "INSERT INTO draft (exchange_id, series_id, end_id, author_id, text,"
                          + " created_at, saved_at) VALUES (:x, :s, :e, :a, :text, :at, :at)")
                  .bind("x", x.id())
                  .bind("s", s.id())
                  .bind("e", endId)
                  .bind("a", authorId)
                  .bind("text", text)
                  .bind("at", at)
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
          Draft d = requireDraft(h, id);
          event(
              h,
              new Event.DraftSaved(id, Optional.of(s.series().name())),
              d.author(),
              x.id(),
              null);
          return d;
        });
  }

  @Override
  public Draft updateDraft(long id, String text, String actor) {
    return writer.submit(
        h -> {
          requireDraft(h, id);
          h.createUpdate(
                  "UPDATE draft SET text = :text, saved_at = :at, approved_by = NULL, approved_at"
                      + " = NULL WHERE id = :id")
              .bind("text", text)
              .bind("at", now())
              .bind("id", id)
              .execute();
          event(h, new Event.DraftSaved(id, Optional.empty()), actor, null, null);
          return requireDraft(h, id);
        });
  }

  @Override
  public Optional<Draft> draft(long id) {
    return jdbi.withHandle(h -> draftRow(h, id));
  }

  @Override
  public List<Draft> drafts(long userId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + DRAFT_COLUMNS
                        + DRAFT_FROM
                        + " WHERE d.end_id IN (SELECT end_id FROM end_member WHERE user_id = :u)"
                        + " ORDER BY d.saved_at DESC, d.id DESC")
                .bind("u", userId)
                .map((rs, ctx) -> draftRow(rs))
                .list());
  }

  @Override
  public Draft approveDraft(long id, long approverId, String actor) {
    return writer.submit(
        h -> {
          requireDraft(h, id);
          h.createUpdate("UPDATE draft SET approved_by = :u, approved_at = :at WHERE id = :id")
              .bind("u", approverId)
              .bind("at", now())
              .bind("id", id)
              .execute();
          event(h, new Event.DraftApproved(id), actor, null, null);
          return requireDraft(h, id);
        });
  }

  @Override
  public void discardDraft(long id, String actor) {
    writer.submit(
        h -> {
          requireDraft(h, id);
          h.createUpdate("DELETE FROM draft WHERE id = :id").bind("id", id).execute();
          event(h, new Event.DraftDiscarded(id), actor, null, null);
          return null;
        });
  }

  // ---- reads ----

  /** Separates the names {@code group_concat} joins: no name can hold a control character. */
  private static final String UNIT_SEPARATOR = String.valueOf((char) 31);

  private static final String CABLE_COLUMNS =
      "c.id, x.name, c.canonical, c.sha256, c.origin, c.released_at, c.seen, c.document,"
          + " (SELECT name FROM channel WHERE id = x.channel_id),"
          + " (SELECT group_concat(name, char(31)) FROM cable_reader WHERE cable_id = c.id)";

  private StoredCable cableRow(ResultSet rs) throws SQLException {
    long releasedAt = rs.getLong(6);
    boolean released = !rs.wasNull();
    int seen = rs.getInt(7);
    boolean hasSeen = !rs.wasNull();
    int document = rs.getInt(8);
    boolean hasDocument = !rs.wasNull();
    String canonical = rs.getString(3);
    return new StoredCable(
        rs.getLong(1),
        rs.getString(2),
        stored.parse(canonical),
        canonical,
        rs.getString(4),
        StoredCable.Origin.valueOf(rs.getString(5)),
        released ? Optional.of(Instant.ofEpochMilli(releasedAt)) : Optional.empty(),
        hasSeen ? OptionalInt.of(seen) : OptionalInt.empty(),
        hasDocument ? OptionalInt.of(document) : OptionalInt.empty(),
        rs.getString(9),
        rs.getString(10) == null ? Set.of() : Set.of(rs.getString(10).split(UNIT_SEPARATOR)));
  }

  @Override
  public Optional<StoredCable> cable(String exchange, Series series, int serial) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + CABLE_COLUMNS
                        + " FROM cable c JOIN exchange x ON x.id = c.exchange_id JOIN series s ON"
                        + " s.id = c.series_id WHERE x.name = :exchange AND s.name = :series AND"
                        + " c.serial = :serial")
                .bind("exchange", exchange)
                .bind("series", series.name())
                .bind("serial", serial)
                .map((rs, ctx) -> cableRow(rs))
                .findOne());
  }

  @Override
  public Optional<StoredCable> cableByStationSerial(String exchange, String stationSerial) {
    StationSerial s;
    try {
      s = StationSerial.parse(stationSerial.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + CABLE_COLUMNS
                        + " FROM cable c JOIN exchange x ON x.id = c.exchange_id WHERE x.name ="
                        + " :exchange AND c.station_prefix IS :prefix AND c.station_number ="
                        + " :number ORDER BY c.id LIMIT 1")
                .bind("exchange", exchange)
                .bind("prefix", s.prefix().orElse(null))
                .bind("number", s.number())
                .map((rs, ctx) -> cableRow(rs))
                .findOne());
  }

  @Override
  public List<StoredCable> cables(Optional<String> exchange, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + CABLE_COLUMNS
                        + " FROM cable c JOIN exchange x ON x.id = c.exchange_id"
                        + (exchange.isPresent() ? " WHERE x.name = :exchange" : "")
                        + " ORDER BY c.id DESC LIMIT :limit")
                .bind("exchange", exchange.orElse(null))
                .bind("limit", limit)
                .map((rs, ctx) -> cableRow(rs))
                .list());
  }

  @Override
  public List<StoredCable> cables(Visibility visibility, CableQuery query) {
    if (visibility.classifications().isEmpty()) {
      return List.of();
    }
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + CABLE_COLUMNS
                        + " FROM cable c JOIN exchange x ON x.id = c.exchange_id JOIN channel ch ON"
                        + " ch.id = x.channel_id LEFT JOIN series s ON s.id = c.series_id WHERE"
                        + " c.classification IN (<levels>) AND (ch.name IN (<channels>) OR c.id IN"
                        + " (SELECT cable_id FROM cable_reader WHERE name = :reader))"
                        + (query.exchange().isPresent() ? " AND x.name = :exchange" : "")
                        + (query.series().isPresent() ? " AND s.name = :series" : "")
                        + (query.precedence().isPresent() ? " AND c.precedence = :precedence" : "")
                        + " ORDER BY c.id DESC LIMIT :limit")
                .bindList(
                    "levels",
                    visibility.classifications().stream().map(Classification::name).toList())
                .bindList(
                    EmptyHandling.NULL_KEYWORD, "channels", List.copyOf(visibility.channels()))
                .bind("reader", visibility.addressedAs())
                .bind("exchange", query.exchange().orElse(null))
                .bind("series", query.series().map(Series::name).orElse(null))
                .bind("precedence", query.precedence().map(Precedence::name).orElse(null))
                .bind("limit", query.limit())
                .map((rs, ctx) -> cableRow(rs))
                .list());
  }

  /** The names a cable itself gives as its readers (FROM, TO, INFO), for {@code cable_reader}. */
  private static Set<String> readers(Cable cable) {
    Set<String> names = new LinkedHashSet<>();
    names.add(cable.from().name());
    cable.to().forEach(p -> names.add(p.name()));
    cable.info().forEach(p -> names.add(p.name()));
    return names;
  }

  private static final String INSERT_READER =
      "INSERT OR IGNORE INTO cable_reader (cable_id, name) VALUES (?, ?)";

  /** Adds the names a cable gives as its readers to the batch of {@code ps}. */
  private static void addReaders(PreparedStatement ps, long cableId, Cable cable)
      throws SQLException {
    for (String name : readers(cable)) {
      ps.setLong(1, cableId);
      ps.setString(2, name);
      ps.addBatch();
    }
  }

  @Override
  public List<Integer> serials(String exchange, Series series) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT c.serial FROM cable c JOIN series s ON s.id = c.series_id JOIN exchange"
                        + " x ON x.id = s.exchange_id WHERE x.name = :exchange AND s.name ="
                        + " :series ORDER BY c.serial")
                .bind("exchange", exchange)
                .bind("series", series.name())
                .mapTo(Integer.class)
                .list());
  }

  @Override
  public List<String> unresolvedReferences(String exchange) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT fs.name, c.serial, c.station_prefix, c.station_number, r.series,"
                        + " r.serial FROM cable_reference r JOIN cable c ON c.id = r.cable_id JOIN"
                        + " exchange x ON x.id = c.exchange_id LEFT JOIN series fs ON fs.id ="
                        + " c.series_id WHERE x.name = :exchange AND r.exchange_name IS NULL AND"
                        + " NOT EXISTS (SELECT 1 FROM cable t JOIN series ts ON ts.id = t.series_id"
                        + " WHERE ts.exchange_id = x.id AND ts.name = r.series AND t.serial ="
                        + " r.serial) ORDER BY c.id, r.position")
                .bind("exchange", exchange)
                .map(
                    (rs, ctx) -> {
                      String from =
                          rs.getString(1) != null
                              ? new Series(rs.getString(1)).displayName() + " " + rs.getInt(2)
                              : (rs.getString(3) == null ? "" : rs.getString(3) + " ")
                                  + rs.getInt(4);
                      return from + " → " + rs.getString(5) + " " + rs.getInt(6);
                    })
                .list());
  }

  @Override
  public List<StoredEvent> events(long afterId, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, at, kind, actor, data FROM event WHERE id > :after ORDER BY id"
                        + " LIMIT :limit")
                .bind("after", afterId)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new StoredEvent(
                            rs.getLong(1),
                            Instant.ofEpochMilli(rs.getLong(2)),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5)))
                .list());
  }

  @Override
  public StoreStats stats() {
    return new StoreStats(writer.commits(), releases.get());
  }

  // ---- events ----

  private static final String INSERT_EVENT =
      "INSERT INTO event (at, kind, actor, exchange_id, cable_id, data) VALUES (?, ?, ?, ?, ?, ?)";

  /**
   * Appends an event in the writer's transaction (G8), in its one encoding ({@link EventCodec}).
   */
  private void event(Handle h, Event e, String actor, Long exchangeId, Long cableId) {
    try (PreparedStatement ps = statement(h, INSERT_EVENT)) {
      bindEvent(ps, now(), e.kind(), actor, exchangeId, cableId, EventCodec.encode(e));
      ps.executeUpdate();
    } catch (SQLException x) {
      throw new IllegalStateException("could not append the event " + e.kind(), x);
    }
  }

  private static void bindEvent(
      PreparedStatement ps,
      long at,
      String kind,
      String actor,
      Long exchangeId,
      Long cableId,
      String data)
      throws SQLException {
    ps.setLong(1, at);
    ps.setString(2, kind);
    ps.setString(3, actor);
    setNullable(ps, 4, exchangeId);
    setNullable(ps, 5, cableId);
    ps.setString(6, data);
  }

  /**
   * The writer's kept statement for {@code sql}; closing it readies it for its next use. Anywhere
   * else, a statement of its own.
   */
  private static PreparedStatement statement(Handle h, String sql) throws SQLException {
    return h.getStatementBuilder() instanceof KeptStatements k
        ? k.prepare(h.getConnection(), sql)
        : h.getConnection().prepareStatement(sql);
  }

  private long now() {
    return clock.millis();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // each is closed whatever the one before did, the lock last; the first failure is thrown with
    // the others suppressed in it
    List<AutoCloseable> parts =
        List.of(checkpointer, writer, writerHandle, readers, lock::release, lockChannel);
    RuntimeException failure = null;
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("could not close the station file " + file, e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
