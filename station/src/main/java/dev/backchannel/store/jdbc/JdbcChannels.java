package dev.backchannel.store.jdbc;

import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.CaveatRegistry;
import dev.backchannel.cable.InvalidValueException;
import dev.backchannel.cable.Series;
import dev.backchannel.event.Event;
import dev.backchannel.names.Names;
import dev.backchannel.store.ChannelInfo;
import dev.backchannel.store.ChannelRepository;
import dev.backchannel.store.EndInfo;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.ExchangeInfo.SeriesInfo;
import dev.backchannel.store.Membership;
import dev.backchannel.store.NewExchange;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoreException.Problem;
import dev.backchannel.store.UserInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Channels, ends and their members, the caveat registry and exchanges, over the JDBC layer. */
final class JdbcChannels implements ChannelRepository {
  private final Database db;
  private final JdbcAccounts accounts;

  JdbcChannels(Database db, JdbcAccounts accounts) {
    this.db = db;
    this.accounts = accounts;
  }

  // ---- channels and exchanges ----

  @Override
  public ChannelInfo createChannel(String name, String endA, String endB, String actor) {
    if (endA.equalsIgnoreCase(endB)) {
      throw new StoreException(
          Problem.INVALID, "ends", "the two ends of a channel need two names; both are " + endA);
    }
    if (Names.skeleton(endA).equals(Names.skeleton(endB))) {
      throw new StoreException(
          Problem.INVALID,
          "ends",
          "the two ends of a channel need two names that do not look alike: "
              + Names.quoted(endA)
              + " and "
              + Names.quoted(endB));
    }
    return db.changeDirectory(
        h -> {
          accounts.requireStation(h);
          requireUnlike(
              h, "a", "channel", "SELECT name FROM channel WHERE name_skeleton = :skeleton", name);
          long id =
              h.createUpdate(
                      "INSERT INTO channel (name, created_at, name_skeleton) VALUES (:name, :at,"
                          + " :skeleton)")
                  .bind("name", name)
                  .bind("skeleton", Names.skeleton(name))
                  .bind("at", db.now())
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
          for (String end : List.of(endA, endB)) {
            h.createUpdate(
                    "INSERT INTO channel_end (channel_id, name, name_skeleton) VALUES (:channel,"
                        + " :name, :skeleton)")
                .bind("channel", id)
                .bind("name", end)
                .bind("skeleton", Names.skeleton(end))
                .execute();
          }
          db.event(h, new Event.ChannelCreated(name, endA, endB), actor, null, null);
          return new ChannelInfo(id, name, List.of(endA, endB));
        });
  }

  /**
   * Refuses a new name of a kind that a stored one of the kind is or looks like: {@code query}
   * selects the stored name by {@code :skeleton}; {@code article} goes before the kind.
   */
  private static void requireUnlike(
      Handle h, String article, String kind, String query, String name) {
    Optional<String> other = Skeletons.lookalike(h, query, name);
    if (other.isPresent()) {
      throw new StoreException(
          Problem.CONFLICT,
          "name",
          other.get().equalsIgnoreCase(name)
              ? article + " " + kind + " named " + Names.escaped(name) + " exists already"
              : article
                  + " "
                  + kind
                  + " named "
                  + Names.quoted(name)
                  + " would look like the "
                  + kind
                  + " "
                  + Names.escaped(other.get()));
    }
  }

  @Override
  public Optional<ChannelInfo> channel(String name) {
    return db.directory().get(List.of("channel", name), () -> db.read(h -> channelRow(h, name)));
  }

  static Optional<ChannelInfo> channelRow(Handle h, String name) {
    return h.createQuery("SELECT id, name FROM channel WHERE name = :name")
        .bind("name", name)
        .map((rs, ctx) -> new ChannelInfo(rs.getLong("id"), rs.getString("name"), List.of()))
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
    return db.read(
        h ->
            h
                .createQuery("SELECT name FROM channel ORDER BY name")
                .mapTo(String.class)
                .list()
                .stream()
                .map(n -> channelRow(h, n).orElseThrow())
                .toList());
  }

  static ChannelInfo requireChannel(Handle h, String name) {
    return channelRow(h, name)
        .orElseThrow(
            () -> new StoreException(Problem.NOT_FOUND, "channel", "there is no channel " + name));
  }

  @Override
  public List<EndInfo> ends(String channel) {
    return db.directory()
        .get(
            List.of("ends", channel),
            () -> Optional.of(db.read(h -> endRows(h, requireChannel(h, channel)))))
        .orElseThrow();
  }

  static List<EndInfo> endRows(Handle h, ChannelInfo channel) {
    Map<String, List<EndInfo.Member>> members = new LinkedHashMap<>();
    Map<String, Boolean> secondApproval = new LinkedHashMap<>();
    Map<String, Optional<Instant>> heldSince = new LinkedHashMap<>();
    Map<String, Optional<String>> station = new LinkedHashMap<>();
    h.createQuery(
            "SELECT e.name AS end_name, e.second_approval, u.name AS member,"
                + " m.release_authority, e.held_since, p.name AS station FROM channel_end e LEFT"
                + " JOIN end_member m ON m.end_id = e.id LEFT JOIN user_account u ON u.id ="
                + " m.user_id LEFT JOIN peer p ON p.id = e.peer_id WHERE e.channel_id = :id ORDER"
                + " BY e.id, u.name")
        .bind("id", channel.id())
        .map(
            (rs, ctx) -> {
              String end = rs.getString("end_name");
              secondApproval.put(end, Rows.flag(rs, "second_approval"));
              long held = rs.getLong("held_since");
              heldSince.put(
                  end, rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(held)));
              station.put(end, Optional.ofNullable(rs.getString("station")));
              List<EndInfo.Member> list = members.computeIfAbsent(end, e -> new ArrayList<>());
              if (rs.getString("member") != null) {
                list.add(
                    new EndInfo.Member(rs.getString("member"), Rows.flag(rs, "release_authority")));
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
                    heldSince.get(e.getKey()),
                    station.get(e.getKey())))
        .toList();
  }

  static long requireEnd(Handle h, ChannelInfo channel, String end) {
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

  static EndInfo endRow(Handle h, ChannelInfo channel, String end) {
    return endRows(h, channel).stream()
        .filter(e -> e.name().equalsIgnoreCase(end))
        .findFirst()
        .orElseThrow();
  }

  @Override
  public EndInfo putMember(
      String channel, String end, String user, boolean releaseAuthority, String actor) {
    return db.changeDirectory(
        h -> {
          ChannelInfo c = requireChannel(h, channel);
          long endId = requireEnd(h, c, end);
          UserInfo u = accounts.requireUser(h, user);
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
          db.event(
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
    return db.changeDirectory(
        h -> {
          ChannelInfo c = requireChannel(h, channel);
          long endId = requireEnd(h, c, end);
          UserInfo u = accounts.requireUser(h, user);
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
          db.event(h, new Event.MemberRemoved(c.name(), after.name(), u.name()), actor, null, null);
          return after;
        });
  }

  @Override
  public EndInfo setSecondApproval(String channel, String end, boolean required, String actor) {
    return db.changeDirectory(
        h -> {
          ChannelInfo c = requireChannel(h, channel);
          long endId = requireEnd(h, c, end);
          h.createUpdate("UPDATE channel_end SET second_approval = :required WHERE id = :id")
              .bind("required", required ? 1 : 0)
              .bind("id", endId)
              .execute();
          EndInfo after = endRow(h, c, end);
          db.event(h, new Event.EndChanged(c.name(), after.name(), required), actor, null, null);
          return after;
        });
  }

  @Override
  public List<Membership> memberships(long userId) {
    return db.directory()
        .get(
            List.of("memberships", userId),
            () ->
                Optional.of(
                    db.read(
                        h ->
                            h.createQuery(
                                    "SELECT c.name AS channel, e.name AS end_name, m.release_authority FROM end_member m"
                                        + " JOIN channel_end"
                                        + " e ON e.id = m.end_id JOIN channel c ON c.id = e.channel_id WHERE"
                                        + " m.user_id = :user ORDER BY c.name")
                                .bind("user", userId)
                                .mapTo(Membership.class)
                                .list())))
        .orElseThrow();
  }

  // ---- caveats ----

  @Override
  public CaveatRegistry caveats() {
    return db.registry();
  }

  static CaveatRegistry registryRow(Handle h) {
    return CaveatRegistry.of(
        h.createQuery("SELECT name FROM caveat ORDER BY name").mapTo(String.class).list().stream()
            .map(Caveat::new)
            .toList());
  }

  @Override
  public CaveatRegistry addCaveat(Caveat caveat, String actor) {
    CaveatRegistry registry =
        db.changeDirectory(
            h -> {
              CaveatRegistry before = registryRow(h);
              if (before.contains(caveat)) {
                throw new StoreException(
                    Problem.CONFLICT,
                    "caveat",
                    "the caveat " + caveat.name() + " is registered already");
              }
              Optional<String> like =
                  Skeletons.lookalike(
                      h, "SELECT name FROM caveat WHERE name_skeleton = :skeleton", caveat.name());
              if (like.isPresent()) {
                throw new StoreException(
                    Problem.CONFLICT,
                    "caveat",
                    "the caveat "
                        + caveat.name()
                        + " would look like the caveat "
                        + Names.escaped(like.get()));
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
              h.createUpdate(
                      "INSERT INTO caveat (name, created_at, name_skeleton) VALUES (:name, :at,"
                          + " :skeleton)")
                  .bind("name", caveat.name())
                  .bind("skeleton", Names.skeleton(caveat.name()))
                  .bind("at", db.now())
                  .execute();
              db.event(h, new Event.CaveatAdded(caveat.name()), actor, null, null);
              return after;
            });
    db.registry(registry);
    return registry;
  }

  @Override
  public ExchangeInfo createExchange(NewExchange x, String actor) {
    if (x.first().series().equals(x.second().series())) {
      throw new StoreException(
          Problem.INVALID,
          "series",
          "an exchange needs two series; both are " + x.first().series());
    }
    if (Names.skeleton(x.first().series().name())
        .equals(Names.skeleton(x.second().series().name()))) {
      throw new StoreException(
          Problem.INVALID,
          "series",
          "an exchange needs two series that do not look alike: "
              + x.first().series()
              + " and "
              + x.second().series());
    }
    if (x.first().sendingEnd().equalsIgnoreCase(x.second().sendingEnd())) {
      throw new StoreException(
          Problem.INVALID,
          "sendingEnd",
          "each end sends one series; both series are sent by " + x.first().sendingEnd());
    }
    return db.changeDirectory(
        h -> {
          accounts.requireStation(h);
          ChannelInfo channel =
              channelRow(h, x.channel())
                  .orElseThrow(
                      () ->
                          new StoreException(
                              Problem.NOT_FOUND, "channel", "no channel named " + x.channel()));
          requireUnlike(
              h,
              "an",
              "exchange",
              "SELECT name FROM exchange WHERE name_skeleton = :skeleton",
              x.name());
          long id =
              h.createUpdate(
                      "INSERT INTO exchange (channel_id, name, created_at, name_skeleton) VALUES"
                          + " (:channel, :name, :at, :skeleton)")
                  .bind("channel", channel.id())
                  .bind("name", x.name())
                  .bind("skeleton", Names.skeleton(x.name()))
                  .bind("at", db.now())
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
                    "INSERT INTO series (exchange_id, name, sending_end_id, name_skeleton)"
                        + " VALUES (:exchange, :name, :end, :skeleton)")
                .bind("exchange", id)
                .bind("name", s.series().name())
                .bind("skeleton", Names.skeleton(s.series().name()))
                .bind("end", endId)
                .execute();
          }
          db.event(
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
    return db.directory().get(List.of("exchange", name), () -> db.read(h -> exchangeRow(h, name)));
  }

  @Override
  public List<ExchangeInfo> exchanges() {
    return db.read(
        h ->
            h
                .createQuery("SELECT name FROM exchange ORDER BY id")
                .mapTo(String.class)
                .list()
                .stream()
                .map(name -> exchangeRow(h, name).orElseThrow())
                .toList());
  }

  static Optional<ExchangeInfo> exchangeRow(Handle h, String name) {
    return h.createQuery(
            "SELECT e.id, e.name, c.name AS channel FROM exchange e JOIN channel c ON c.id ="
                + " e.channel_id WHERE e.name = :name")
        .bind("name", name)
        .map(
            (rs, ctx) ->
                new ExchangeInfo(
                    rs.getLong("id"), rs.getString("name"), rs.getString("channel"), List.of()))
        .findOne()
        .map(
            x ->
                new ExchangeInfo(
                    x.id(),
                    x.name(),
                    x.channel(),
                    h.createQuery(
                            "SELECT s.id AS series_id, s.name AS series_name, ce.name AS end_name,"
                                + " ce.id AS end_id FROM series s JOIN channel_end ce ON ce.id ="
                                + " s.sending_end_id WHERE s.exchange_id = :id ORDER BY s.id")
                        .bind("id", x.id())
                        .mapTo(SeriesInfo.class)
                        .list()));
  }

  /**
   * An exchange for a task on the writer: as the directory keeps it (committed, and nothing of it
   * changes once made), else read on the writer's own connection (one made by an earlier task of
   * the same transaction, or none: NOT_FOUND).
   */
  ExchangeInfo kept(Handle h, String name) {
    return exchange(name).orElseGet(() -> requireExchange(h, name));
  }

  ExchangeInfo requireExchange(Handle h, String name) {
    accounts.requireStation(h);
    return exchangeRow(h, name)
        .orElseThrow(
            () -> new StoreException(Problem.NOT_FOUND, "exchange", "no exchange named " + name));
  }

  static SeriesInfo requireSeries(ExchangeInfo exchange, Series series) {
    return exchange
        .series(series)
        .orElseThrow(
            () -> new StoreException(Problem.NOT_FOUND, "series", notASeriesOf(exchange, series)));
  }

  static String notASeriesOf(ExchangeInfo exchange, Series series) {
    return series
        + " is not a series of exchange "
        + exchange.name()
        + "; its series are "
        + exchange.series().get(0).series()
        + " and "
        + exchange.series().get(1).series();
  }
}
