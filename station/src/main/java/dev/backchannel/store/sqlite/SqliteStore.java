package dev.backchannel.store.sqlite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.CaveatRegistry;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.Designator;
import dev.backchannel.cable.Dtg;
import dev.backchannel.cable.Limits;
import dev.backchannel.cable.Reference;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.StationSerial;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.json.CableJson;
import dev.backchannel.store.ChannelInfo;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.ExchangeInfo.SeriesInfo;
import dev.backchannel.store.ImportRequest;
import dev.backchannel.store.ImportResult;
import dev.backchannel.store.NewExchange;
import dev.backchannel.store.NewUser;
import dev.backchannel.store.ReleaseRequest;
import dev.backchannel.store.Role;
import dev.backchannel.store.StationInfo;
import dev.backchannel.store.StationSetup;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoreException.Problem;
import dev.backchannel.store.StoreStats;
import dev.backchannel.store.StoredCable;
import dev.backchannel.store.StoredEvent;
import dev.backchannel.store.UserInfo;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file in WAL mode with {@code synchronous=FULL} (G10), its schema
 * migrated by Flyway, every change made by one {@link GroupCommitWriter}. A lock file beside it
 * keeps other processes out while it is open.
 */
public final class SqliteStore implements Store {
  /** Stored cables are read back without the limits drafts must keep. */
  private static final CanonicalText STORED =
      new CanonicalText(
          CaveatRegistry.DEFAULT,
          new Limits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 10_000, 10_000));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Clock clock;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Jdbi jdbi;
  private final Handle writerHandle;
  private final GroupCommitWriter writer;
  private final AtomicLong releases = new AtomicLong();
  private volatile boolean closed;

  private SqliteStore(
      Path file,
      Clock clock,
      FileChannel lockChannel,
      FileLock lock,
      Jdbi jdbi,
      Handle writerHandle,
      GroupCommitWriter writer) {
    this.file = file;
    this.clock = clock;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.jdbi = jdbi;
    this.writerHandle = writerHandle;
    this.writer = writer;
  }

  /**
   * Opens (creating if needed) the station file, takes its lock, migrates its schema and starts its
   * writer.
   *
   * @throws StoreException LOCKED if another process holds the file
   */
  public static SqliteStore open(Path file, Clock clock) {
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
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(10_000);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + absolute);
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration/sqlite")
        .load()
        .migrate();
    Jdbi jdbi = Jdbi.create(dataSource);
    Handle writerHandle = jdbi.open();
    GroupCommitWriter writer = new GroupCommitWriter(writerHandle, "store-writer " + absolute);
    SqliteStore store = new SqliteStore(absolute, clock, channel, lock, jdbi, writerHandle, writer);
    writer.start();
    return store;
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
    return writer.submit(
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
          event(
              h,
              "STATION_INITIALISED",
              "init",
              null,
              null,
              data().put("prefix", setup.prefix()).put("name", setup.name()));
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
    return writer.submit(
        h -> {
          requireStation(h);
          return insertUser(h, user, actor);
        });
  }

  private UserInfo insertUser(Handle h, NewUser user, String actor) {
    if (userRow(h, user.name()).isPresent()) {
      throw new StoreException(
          Problem.CONFLICT, "name", "a user named " + user.name() + " exists already");
    }
    long id =
        h.createUpdate(
                "INSERT INTO user_account (name, clearance, caveats, time_zone, roles,"
                    + " password_hash, setup_token_hash, created_at) VALUES (:name, :clearance,"
                    + " :caveats, :zone, :roles, :password, :token, :at)")
            .bind("name", user.name())
            .bind("clearance", user.clearance().level().name())
            .bind("caveats", joinCaveats(user.clearance().caveats()))
            .bind("zone", user.timeZone().getId())
            .bind(
                "roles",
                user.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")))
            .bind("password", user.passwordHash().orElse(null))
            .bind("token", user.setupTokenHash().orElse(null))
            .bind("at", now())
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    event(
        h,
        "USER_CREATED",
        actor,
        null,
        null,
        data()
            .put("user", user.name())
            .put("clearance", user.clearance().level().name())
            .put("roles", user.roles().toString()));
    return new UserInfo(id, user.name(), user.clearance(), user.timeZone(), user.roles());
  }

  @Override
  public Optional<UserInfo> user(String name) {
    return jdbi.withHandle(h -> userRow(h, name));
  }

  private static Optional<UserInfo> userRow(Handle h, String name) {
    return h.createQuery(
            "SELECT id, name, clearance, caveats, time_zone, roles FROM user_account"
                + " WHERE name = :name")
        .bind("name", name)
        .map(
            (rs, ctx) ->
                new UserInfo(
                    rs.getLong(1),
                    rs.getString(2),
                    new Clearance(
                        Classification.valueOf(rs.getString(3)), splitCaveats(rs.getString(4))),
                    ZoneId.of(rs.getString(5)),
                    splitRoles(rs.getString(6))))
        .findOne();
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
    if (endA.equalsIgnoreCase(endB)) {
      throw new StoreException(
          Problem.INVALID, "ends", "the two ends of a channel need two names; both are " + endA);
    }
    return writer.submit(
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
          event(
              h,
              "CHANNEL_CREATED",
              actor,
              null,
              null,
              data().put("channel", name).put("endA", endA).put("endB", endB));
          return new ChannelInfo(id, name, List.of(endA, endB));
        });
  }

  @Override
  public Optional<ChannelInfo> channel(String name) {
    return jdbi.withHandle(h -> channelRow(h, name));
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
  public ExchangeInfo createExchange(NewExchange x, String actor) {
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
    return writer.submit(
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
              "EXCHANGE_CREATED",
              actor,
              id,
              null,
              data()
                  .put("exchange", x.name())
                  .put("channel", channel.name())
                  .put("first", x.first().series().name() + " from " + x.first().sendingEnd())
                  .put("second", x.second().series().name() + " from " + x.second().sendingEnd()));
          return exchangeRow(h, x.name()).orElseThrow();
        });
  }

  @Override
  public Optional<ExchangeInfo> exchange(String name) {
    return jdbi.withHandle(h -> exchangeRow(h, name));
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
                          "SELECT s.id, s.name, ce.name, s.counter FROM series s JOIN channel_end"
                              + " ce ON ce.id = s.sending_end_id WHERE s.exchange_id = :id"
                              + " ORDER BY s.id")
                      .bind("id", (Long) row[0])
                      .map(
                          (rs, ctx) ->
                              new SeriesInfo(
                                  rs.getLong(1),
                                  new Series(rs.getString(2)),
                                  rs.getString(3),
                                  rs.getInt(4)))
                      .list();
              return new ExchangeInfo((Long) row[0], (String) row[1], (String) row[2], series);
            });
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
            () ->
                new StoreException(
                    Problem.NOT_FOUND,
                    "series",
                    series
                        + " is not a series of exchange "
                        + exchange.name()
                        + "; its series are "
                        + exchange.series().get(0).series()
                        + " and "
                        + exchange.series().get(1).series()));
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
    return released;
  }

  private StoredCable release(Handle h, ReleaseRequest request) {
    ExchangeInfo exchange = requireExchange(h, request.exchange());
    SeriesInfo series = requireSeries(exchange, request.series());
    SeriesInfo opposite = exchange.opposite(series);
    for (Reference ref : request.draft().references()) {
      requireReferenced(h, exchange, ref);
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
    // every cable of the opposite series held here has been delivered to the sending end: one
    // station hosts both ends, and end holds come with delivery
    int seen =
        h.createQuery("SELECT COALESCE(MAX(serial), 0) FROM cable WHERE series_id = :id")
            .bind("id", opposite.id())
            .mapTo(Integer.class)
            .one();
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
    String canonical = CanonicalText.render(cable);
    String sha256 = CanonicalText.sha256(cable);
    long id =
        insertCable(
            h.getConnection(),
            exchange.id(),
            series.id(),
            cable,
            canonical,
            sha256,
            "RELEASED",
            at.toEpochMilli(),
            seen,
            OptionalInt.empty(),
            null);
    insertReferences(h.getConnection(), id, cable);
    event(
        h,
        "CABLE_RELEASED",
        request.actor(),
        exchange.id(),
        id,
        data()
            .put("designator", cable.designator().orElseThrow().displayText())
            .put("sha256", sha256)
            .put("seen", seen));
    return new StoredCable(
        id,
        exchange.name(),
        cable,
        canonical,
        sha256,
        StoredCable.Origin.RELEASED,
        Optional.of(at),
        OptionalInt.of(seen),
        OptionalInt.empty());
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

  private static long insertCable(
      Connection c,
      long exchangeId,
      Long seriesId,
      Cable cable,
      String canonical,
      String sha256,
      String origin,
      Long releasedAt,
      Integer seen,
      OptionalInt document,
      String editionText) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO cable (exchange_id, series_id, serial, station_prefix, station_number,"
                + " origin, precedence, classification, canonical, structured, sha256,"
                + " released_at, seen, document, edition_text, created_at) VALUES (?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      Designator d = cable.designator().orElseThrow();
      ps.setLong(1, exchangeId);
      setNullable(ps, 2, seriesId);
      setNullable(ps, 3, d.numbered().map(n -> (long) n.serial()).orElse(null));
      ps.setString(4, d.stationSerial().flatMap(StationSerial::prefix).orElse(null));
      setNullable(ps, 5, d.stationSerial().map(s -> (long) s.number()).orElse(null));
      ps.setString(6, origin);
      ps.setString(7, cable.precedence().name());
      ps.setString(8, cable.label().classification().name());
      ps.setString(9, canonical);
      ObjectNode structured = CableJson.of(cable);
      ps.setString(10, structured.toString());
      ps.setString(11, sha256);
      setNullable(ps, 12, releasedAt);
      setNullable(ps, 13, seen == null ? null : (long) seen);
      setNullable(ps, 14, document.isPresent() ? (long) document.getAsInt() : null);
      ps.setString(15, editionText);
      ps.setLong(16, System.currentTimeMillis());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not store the cable " + cable.designator(), e);
    }
  }

  private static void setNullable(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setLong(index, value);
    }
  }

  private static void insertReferences(Connection c, long cableId, Cable cable) {
    if (cable.references().isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO cable_reference (cable_id, position, series, serial, paragraph,"
                + " exchange_name) VALUES (?, ?, ?, ?, ?, ?)")) {
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
      ps.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("could not store the references of cable " + cableId, e);
    }
  }

  // ---- import ----

  @Override
  public List<ImportResult> importCables(
      String exchangeName, List<ImportRequest> cables, String actor) {
    return writer.submit(
        h -> {
          ExchangeInfo exchange = requireExchange(h, exchangeName);
          List<ImportResult> results = new ArrayList<>(cables.size());
          for (ImportRequest r : cables) {
            results.add(importOne(h, exchange, r, actor));
          }
          return results;
        });
  }

  private ImportResult importOne(Handle h, ExchangeInfo exchange, ImportRequest r, String actor) {
    Cable cable = r.cable();
    if (cable.designator().isEmpty()) {
      return new ImportResult(
          r.source(), "", ImportResult.Outcome.REFUSED, "the cable has no designator");
    }
    Designator d = cable.designator().get();
    String text = d.displayText();
    Long seriesId = null;
    Optional<String> held;
    if (d.numbered().isPresent()) {
      Optional<SeriesInfo> series = exchange.series(d.numbered().get().series());
      if (series.isEmpty()) {
        return new ImportResult(
            r.source(),
            text,
            ImportResult.Outcome.REFUSED,
            d.numbered().get().series()
                + " is not a series of exchange "
                + exchange.name()
                + "; its series are "
                + exchange.series().get(0).series()
                + " and "
                + exchange.series().get(1).series());
      }
      seriesId = series.get().id();
      held =
          h.createQuery("SELECT sha256 FROM cable WHERE series_id = :id AND serial = :serial")
              .bind("id", seriesId)
              .bind("serial", d.numbered().get().serial())
              .mapTo(String.class)
              .findOne();
    } else {
      StationSerial s = d.stationSerial().orElseThrow();
      held =
          h.createQuery(
                  "SELECT sha256 FROM cable WHERE exchange_id = :exchange AND series_id IS NULL"
                      + " AND station_prefix IS :prefix AND station_number = :number")
              .bind("exchange", exchange.id())
              .bind("prefix", s.prefix().orElse(null))
              .bind("number", s.number())
              .mapTo(String.class)
              .findOne();
    }
    String sha256 = CanonicalText.sha256(cable);
    if (held.isPresent()) {
      return held.get().equals(sha256)
          ? new ImportResult(r.source(), text, ImportResult.Outcome.DUPLICATE, "")
          : new ImportResult(
              r.source(),
              text,
              ImportResult.Outcome.CONFLICT,
              text + " is held already with another text (SHA-256 " + held.get() + ")");
    }
    long id =
        insertCable(
            h.getConnection(),
            exchange.id(),
            seriesId,
            cable,
            CanonicalText.render(cable),
            sha256,
            "IMPORTED",
            null,
            null,
            r.document(),
            r.editionText());
    insertReferences(h.getConnection(), id, cable);
    ObjectNode data =
        data().put("designator", text).put("sha256", sha256).put("source", r.source());
    r.document().ifPresent(doc -> data.put("document", doc));
    event(h, "CABLE_IMPORTED", actor, exchange.id(), id, data);
    return new ImportResult(r.source(), text, ImportResult.Outcome.IMPORTED, "");
  }

  // ---- reads ----

  private static final String CABLE_COLUMNS =
      "c.id, x.name, c.canonical, c.sha256, c.origin, c.released_at, c.seen, c.document";

  private static StoredCable cableRow(ResultSet rs) throws SQLException {
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
        STORED.parse(canonical),
        canonical,
        rs.getString(4),
        StoredCable.Origin.valueOf(rs.getString(5)),
        released ? Optional.of(Instant.ofEpochMilli(releasedAt)) : Optional.empty(),
        hasSeen ? OptionalInt.of(seen) : OptionalInt.empty(),
        hasDocument ? OptionalInt.of(document) : OptionalInt.empty());
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

  private static ObjectNode data() {
    return JSON.createObjectNode();
  }

  private void event(
      Handle h, String kind, String actor, Long exchangeId, Long cableId, ObjectNode data) {
    h.createUpdate(
            "INSERT INTO event (at, kind, actor, exchange_id, cable_id, data) VALUES (:at, :kind,"
                + " :actor, :exchange, :cable, :data)")
        .bind("at", now())
        .bind("kind", kind)
        .bind("actor", actor)
        .bind("exchange", exchangeId)
        .bind("cable", cableId)
        .bind("data", data.toString())
        .execute();
  }

  private long now() {
    return clock.millis();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    writer.close();
    writerHandle.close();
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new IllegalStateException("could not release the lock of " + file, e);
    }
  }
}
