package dev.backchannel.store.jdbc;

import dev.backchannel.cable.CaveatRegistry;
import dev.backchannel.cable.Limits;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.event.Event;
import dev.backchannel.event.EventCodec;
import dev.backchannel.event.LogEntry;
import dev.backchannel.store.StoreObserver;
import dev.backchannel.store.StoredCable;
import dev.backchannel.tlog.Rfc6962;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The one JDBC layer the store's repositories share: reads on a pool of readers, changes on the one
 * {@link GroupCommitWriter} (G1, G10), the {@link Dialect}, the clock, the event writer, and what
 * is kept in memory (the directory as read, the caveat registry). It decides nothing.
 */
final class Database {
  private final String where;
  private final Clock clock;
  private final Jdbi readers;
  private final GroupCommitWriter writer;
  private final Dialect dialect;
  private final StoreObserver observer;
  private final DirectoryCache directory;
  private final AtomicLong releases = new AtomicLong();
  private final String cableColumns;
  private volatile CaveatRegistry registry = CaveatRegistry.of(List.of());
  private volatile CanonicalText stored = storedText(registry);
  private final MerkleLog log;
  private final SecureRandom salts = new SecureRandom();

  /** The hashes of the cables the latest events concerned, which their next events name again. */
  private final Map<Long, String> cableHashes =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
          return size() > 4096;
        }
      };

  /**
   * @param where the store as its messages name it ("the station file /srv/station.db")
   * @param shared whether other processes write the database too: then the directory is read afresh
   *     by every request, since their changes would not reach this process's cache
   */
  Database(
      String where,
      Clock clock,
      Jdbi readers,
      GroupCommitWriter writer,
      Dialect dialect,
      StoreObserver observer,
      MerkleLog log,
      boolean shared) {
    this.log = Objects.requireNonNull(log, "log");
    this.directory = new DirectoryCache(!shared);
    this.where = Objects.requireNonNull(where, "where");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.readers = Objects.requireNonNull(readers, "readers");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.cableColumns = Rows.cableColumns(dialect);
  }

  /** The store as messages name it. */
  String where() {
    return where;
  }

  Dialect dialect() {
    return dialect;
  }

  StoreObserver observer() {
    return observer;
  }

  DirectoryCache directory() {
    return directory;
  }

  /** Releases made since the store opened. */
  AtomicLong releases() {
    return releases;
  }

  /** The audit log's tree, which only the writer's thread may use. */
  MerkleLog log() {
    return log;
  }

  GroupCommitWriter writer() {
    return writer;
  }

  /** Reads on a connection of the readers' pool, which sees what was committed. */
  <T> T read(HandleCallback<T, RuntimeException> work) {
    return readers.withHandle(work);
  }

  /**
   * The instant of the change the writer is running, read from the clock once as it starts: every
   * row and event one change writes bears the same instant, so an event can be found again from its
   * rows.
   */
  private final ThreadLocal<Long> changeInstant = new ThreadLocal<>();

  /** Runs a change on the writer; returns once the transaction that holds it is durable. */
  <T> T write(Function<Handle, T> work) {
    return writer.submit(
        h -> {
          changeInstant.set(clock.millis());
          try {
            return work.apply(h);
          } finally {
            changeInstant.remove();
          }
        });
  }

  /**
   * Runs a change of the directory (users, sessions, channels, ends, exchanges, caveats) on the
   * writer, then forgets the directory as read so far: what a request reads after this returns is
   * what was committed.
   */
  <T> T changeDirectory(Function<Handle, T> work) {
    try {
      return write(work);
    } finally {
      directory.invalidate();
    }
  }

  /** A cable by id, on the handle of the transaction at hand. */
  StoredCable cableById(Handle h, long id) {
    return findCable(h, id).orElseThrow();
  }

  /** A cable by id, if there is one. */
  Optional<StoredCable> findCable(Handle h, long id) {
    return h.createQuery(
            "SELECT "
                + cableColumns
                + " FROM cable c JOIN exchange x ON x.id = c.exchange_id WHERE c.id = :id")
        .bind("id", id)
        .mapTo(StoredCable.class)
        .findOne();
  }

  /** The station's caveats, as last committed. */
  CaveatRegistry registry() {
    return registry;
  }

  /** How stored cables are read back: with the station's caveats. */
  CanonicalText stored() {
    return stored;
  }

  /**
   * Keeps the registry just committed, and reads cables with it from now on; the same registry
   * again (as a shared database's is read at every transaction) changes nothing.
   */
  synchronized void registry(CaveatRegistry registry) {
    if (registry.equals(this.registry)) {
      return;
    }
    this.stored = storedText(registry);
    this.registry = registry;
  }

  /** Stored cables are read back with the station's caveats and without the limits drafts keep. */
  private static CanonicalText storedText(CaveatRegistry registry) {
    return new CanonicalText(
        registry,
        new Limits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 10_000, 10_000));
  }

  /** The instant of the change being written, or the clock's now outside one. */
  long now() {
    Long at = changeInstant.get();
    return at != null ? at : clock.millis();
  }

  static final String INSERT_EVENT =
      "INSERT INTO event (at, kind, actor, exchange_id, cable_id, data, leaf_index, salt) VALUES"
          + " (?, ?, ?, ?, ?, ?, ?, ?)";

  /**
   * Appends an event in the writer's transaction (G8), in its one encoding ({@link EventCodec}),
   * and its leaf to the audit log: the one event writer.
   */
  void event(Handle h, Event e, String actor, Long exchangeId, Long cableId) {
    event(h, now(), e, actor, exchangeId, cableId);
  }

  /** As {@link #event(Handle, Event, String, Long, Long)}, at an instant the change names. */
  void event(Handle h, long at, Event e, String actor, Long exchangeId, Long cableId) {
    try (PreparedStatement ps = statement(h, INSERT_EVENT)) {
      bindEvent(h, ps, at, e, actor, exchangeId, cableId);
      ps.executeUpdate();
    } catch (SQLException x) {
      throw new IllegalStateException("could not append the event " + e.kind(), x);
    }
  }

  /**
   * Binds an event's row to the parameters of {@link #INSERT_EVENT} and appends its leaf to the
   * audit log: the statement must then be run in this transaction.
   */
  void bindEvent(
      Handle h, PreparedStatement ps, long at, Event e, String actor, Long exchangeId, Long cableId)
      throws SQLException {
    String data = EventCodec.encode(e);
    Optional<String> known =
        switch (e) {
          case Event.CableReleased r -> Optional.of(r.sha256());
          case Event.CableImported i -> Optional.of(i.sha256());
          case Event.CableReceived r -> Optional.of(r.sha256());
          default -> Optional.empty();
        };
    Leaf leaf = appendLeaf(h, at, e.kind(), actor, cableId, known, data);
    ps.setLong(1, at);
    ps.setString(2, e.kind());
    ps.setString(3, actor);
    setNullable(ps, 4, exchangeId);
    setNullable(ps, 5, cableId);
    ps.setString(6, data);
    ps.setLong(7, leaf.index());
    ps.setBytes(8, leaf.salt());
  }

  /** A leaf of the audit log: its index and the salt of its entry. */
  record Leaf(long index, byte[] salt) {}

  /**
   * Appends the leaf of an event's entry ({@link LogEntry}) to the audit log, with a fresh salt.
   *
   * @param cableHash the SHA-256 of the cable the event concerns, when the caller knows it
   */
  Leaf appendLeaf(
      Handle h,
      long at,
      String kind,
      String actor,
      Long cableId,
      Optional<String> cableHash,
      String data) {
    Optional<String> cable = Optional.empty();
    if (cableId != null) {
      String sha256 = cableHash.orElseGet(() -> cableHash(h, cableId));
      cableHashes.put(cableId, sha256);
      cable = Optional.of(sha256);
    }
    byte[] salt = new byte[LogEntry.SALT_LENGTH];
    salts.nextBytes(salt);
    LogEntry entry = new LogEntry(Instant.ofEpochMilli(at), kind, actor, cable, data, salt);
    return new Leaf(log.append(Rfc6962.leafHash(entry.bytes())), salt);
  }

  /** The SHA-256 of a cable's canonical text, as stored, which its events' leaves name. */
  private String cableHash(Handle h, long cableId) {
    String known = cableHashes.get(cableId);
    if (known != null) {
      return known;
    }
    return h.createQuery("SELECT sha256 FROM cable WHERE id = :id")
        .bind("id", cableId)
        .mapTo(String.class)
        .one();
  }

  static void setNullable(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setLong(index, value);
    }
  }

  /**
   * The writer's kept statement for {@code sql}; closing it readies it for its next use. Anywhere
   * else, a statement of its own.
   */
  static PreparedStatement statement(Handle h, String sql) throws SQLException {
    return h.getStatementBuilder() instanceof KeptStatements k
        ? k.prepare(h.getConnection(), sql)
        : h.getConnection().prepareStatement(sql);
  }
}
