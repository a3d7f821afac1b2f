package dev.backchannel.store.jdbc;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.OfficeHours;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.rules.Delivery;
import dev.backchannel.event.Event;
import dev.backchannel.store.ChannelInfo;
import dev.backchannel.store.DeliveryRepository;
import dev.backchannel.store.EndInfo;
import dev.backchannel.store.StoredCable;
import dev.backchannel.store.UserInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.EmptyHandling;

/**
 * Delivery over the JDBC layer: queueing a released cable for its end and readers by the rule of
 * {@link Delivery}, holds and resumes, the queue of due deliveries (opening of business, resumes a
 * stopped station left unfinished), and what was delivered to whom.
 */
final class JdbcDelivery implements DeliveryRepository {
  private final Database db;
  private final JdbcAccounts accounts;
  private final JdbcEscalations escalations;
  private final String cableColumns;

  JdbcDelivery(Database db, JdbcAccounts accounts, JdbcEscalations escalations) {
    this.db = db;
    this.accounts = accounts;
    this.escalations = escalations;
    this.cableColumns = Rows.cableColumns(db.dialect());
  }

  /** The order deliveries are made in: by precedence, most urgent first. */
  static final String PRECEDENCE_RANK =
      "CASE c.precedence WHEN 'FLASH_OVERRIDE' THEN 0 WHEN 'FLASH' THEN 1 WHEN 'IMMEDIATE' THEN 2"
          + " WHEN 'PRIORITY' THEN 3 ELSE 4 END";

  /** A user who may be a reader of a cable, with what {@link Delivery} decides by. */
  record Candidate(
      long id, String name, Classification clearance, OfficeHours hours, ZoneId zone) {}

  /** Whether an end is held, and the peer it lives at (0 for this station). */
  private record EndState(boolean held, long peer) {}

  /** A cable waiting in an end's queue. */
  record Queued(long cableId, long exchangeId, Precedence precedence) {}

  /**
   * Queues a released cable for its receiving end and that end's readers (its members and the users
   * the cable names as TO or INFO), and delivers it at once unless the end is held: then each
   * reader's delivery is written delivered, with its DELIVERED receipt, in the statement that
   * queues it, rather than queued and then updated.
   */
  void deliver(
      Handle h, long exchangeId, long cableId, Cable cable, long endId, long at, String actor) {
    EndState end =
        h.createQuery(
                "SELECT held_since IS NOT NULL AS held, peer_id FROM channel_end WHERE id = :id")
            .bind("id", endId)
            .map((rs, ctx) -> new EndState(rs.getBoolean("held"), rs.getLong("peer_id")))
            .one();
    if (end.peer() != 0) {
      // the end lives at a peer station: the cable waits in the outbox for it (issue 25), by
      // precedence then release time, and its readers there are that station's to deliver to
      h.createUpdate(
              "INSERT INTO relay_out (peer_id, cable_id, rank, released_at) VALUES (:p, :c, :rank,"
                  + " :at)")
          .bind("p", end.peer())
          .bind("c", cableId)
          .bind("rank", cable.precedence().ordinal())
          .bind("at", at)
          .execute();
      return;
    }
    boolean held = end.held();
    h.createUpdate(
            "INSERT INTO end_delivery (cable_id, end_id, queued_at, delivered_at) VALUES (:c, :e,"
                + " :at, :delivered)")
        .bind("c", cableId)
        .bind("e", endId)
        .bind("at", at)
        .bind("delivered", held ? null : at)
        .execute();
    if (!held) {
      queueEscalation(h, cableId, endId, escalations.firstLook(cable, at));
    }
    // the receiving end's members and the named readers; Delivery decides which of them get it,
    // and when; no one else is ever told it exists (G3)
    List<Candidate> candidates =
        h.createQuery(
                "SELECT u.id, u.name, u.clearance, u.office_hours, u.time_zone FROM user_account u"
                    + " WHERE u.disabled = 0 AND (u.id IN (SELECT user_id FROM end_member WHERE"
                    + " end_id = :e) OR u.addressed_as IN (<names>))")
            .bind("e", endId)
            .bindList(
                EmptyHandling.NULL_KEYWORD, "names", List.copyOf(Delivery.namedReaders(cable)))
            .mapTo(Candidate.class)
            .list();
    Instant released = Instant.ofEpochMilli(at);
    List<String> delivered = new ArrayList<>();
    try (PreparedStatement insert =
            Database.statement(
                h,
                "INSERT INTO delivery (cable_id, user_id, queued_at, due_at, delivered_at) VALUES"
                    + " (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
        PreparedStatement receipts = Database.statement(h, INSERT_DELIVERED_RECEIPT)) {
      for (Candidate c : candidates) {
        if (!Delivery.cleared(c.clearance(), cable)) {
          continue;
        }
        Optional<Instant> due = Delivery.dueAt(cable, c.hours(), c.zone(), released);
        boolean now = !held && due.isEmpty();
        insert.setLong(1, cableId);
        insert.setLong(2, c.id());
        insert.setLong(3, at);
        Database.setNullable(insert, 4, due.map(Instant::toEpochMilli).orElse(null));
        Database.setNullable(insert, 5, now ? at : null);
        insert.addBatch();
        if (now) {
          receipts.setLong(1, cableId);
          receipts.setLong(2, c.id());
          receipts.setLong(3, at);
          receipts.addBatch();
          delivered.add(c.name());
        }
      }
      insert.executeBatch();
      receipts.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("could not queue the deliveries of cable " + cableId, e);
    }
    if (!held) {
      db.event(h, at, new Event.Delivered(delivered), actor, exchangeId, cableId);
    }
  }

  private static final String INSERT_DELIVERED_RECEIPT =
      "INSERT INTO receipt (cable_id, user_id, kind, at, client) VALUES (?, ?, 'DELIVERED', ?,"
          + " 'station') ON CONFLICT DO NOTHING";

  /** Queues a delivered cable for the clockwork's first look at its escalations (G7). */
  private static void queueEscalation(Handle h, long cableId, long endId, long due) {
    h.createUpdate(
            "INSERT INTO escalation_due (cable_id, end_id, due_at) VALUES (:c, :e, :due) ON"
                + " CONFLICT DO NOTHING")
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
      "INSERT INTO receipt (cable_id, user_id, kind, at, client) SELECT cable_id, user_id,"
          + " 'DELIVERED', :at, 'station' FROM delivery WHERE cable_id = :c AND +delivered_at = :at"
          + " ON CONFLICT DO NOTHING";

  /**
   * Marks a cable's queued deliveries delivered, with their DELIVERED receipts and one event, and
   * queues each end it reached for the escalations of G7.
   */
  private void completeDelivery(
      Handle h, long exchangeId, long cableId, Cable cable, long at, String actor) {
    h.createUpdate(
            "INSERT INTO escalation_due (cable_id, end_id, due_at) SELECT cable_id, end_id, :due"
                + " FROM end_delivery WHERE cable_id = :c AND delivered_at IS NULL ON CONFLICT DO"
                + " NOTHING")
        .bind("due", escalations.firstLook(cable, at))
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
    db.event(h, at, new Event.Delivered(readers), actor, exchangeId, cableId);
  }

  @Override
  public EndInfo holdEnd(String channel, String end, String actor) {
    return db.changeDirectory(
        h -> {
          ChannelInfo c = JdbcChannels.requireChannel(h, channel);
          long endId = JdbcChannels.requireEnd(h, c, end);
          int changed =
              h.createUpdate(
                      "UPDATE channel_end SET held_since = :at, held_by = :actor WHERE id = :id AND"
                          + " held_since IS NULL")
                  .bind("at", db.now())
                  .bind("actor", actor)
                  .bind("id", endId)
                  .execute();
          EndInfo after = JdbcChannels.endRow(h, c, end);
          if (changed > 0) {
            db.event(h, new Event.EndHeld(c.name(), after.name()), actor, null, null);
          }
          return after;
        });
  }

  @Override
  public List<StoredCable> resumeEnd(
      String channel, String end, String actor, Consumer<List<StoredCable>> eachDelivered) {
    long endId =
        db.changeDirectory(
            h -> {
              ChannelInfo c = JdbcChannels.requireChannel(h, channel);
              long id = JdbcChannels.requireEnd(h, c, end);
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
                db.event(
                    h,
                    new Event.EndResumed(c.name(), JdbcChannels.endRow(h, c, end).name(), held),
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
      List<StoredCable> chunk = db.write(h -> deliverHeld(h, endId, actor));
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
    List<Queued> next =
        h.createQuery(
                "SELECT c.id AS cable_id, c.exchange_id, c.precedence FROM end_delivery d JOIN"
                    + " cable c ON c.id"
                    + " = d.cable_id WHERE d.end_id = :end AND d.delivered_at IS NULL ORDER BY "
                    + PRECEDENCE_RANK
                    + ", c.released_at, c.id LIMIT :n")
            .bind("end", endId)
            .bind("n", RESUME_CHUNK)
            .mapTo(Queued.class)
            .list();
    long at = db.now();
    long started = System.nanoTime();
    List<StoredCable> out = new ArrayList<>();
    for (Queued q : next) {
      // one precedence a transaction: a FLASH the hold kept is made durable and announced alone,
      // not with a hundred ROUTINE behind it
      if (q.precedence() != next.getFirst().precedence()
          || !out.isEmpty() && System.nanoTime() - started > RESUME_CHUNK_NANOS) {
        break;
      }
      StoredCable c = db.cableById(h, q.cableId());
      completeDelivery(h, q.exchangeId(), c.id(), c.cable(), at, actor);
      out.add(c);
    }
    return out;
  }

  @Override
  public List<StoredCable> deliverDue(Instant now) {
    List<StoredCable> out = new ArrayList<>(deliverAtOpening(now));
    // an end whose hold was lifted by a resume that did not finish (the station stopped): its
    // queue is delivered here, in the resume's order and chunks, so nothing stays stranded (G10)
    List<Long> ends =
        db.read(
            h ->
                h.createQuery(
                        "SELECT e.id FROM channel_end e WHERE e.held_since IS NULL AND EXISTS"
                            + " (SELECT 1 FROM end_delivery d WHERE d.end_id = e.id AND"
                            + " d.delivered_at IS NULL) ORDER BY e.id")
                    .mapTo(Long.class)
                    .list());
    for (long endId : ends) {
      while (true) {
        List<StoredCable> chunk = db.write(h -> deliverHeld(h, endId, "station"));
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
    return db.write(
        h -> {
          List<Queued> due =
              h.createQuery(
                      "SELECT DISTINCT d.cable_id, c.exchange_id, c.precedence, "
                          + PRECEDENCE_RANK
                          + ", c.released_at FROM delivery d JOIN cable c ON c.id = d.cable_id"
                          + " JOIN end_delivery e ON e.cable_id = d.cable_id WHERE d.delivered_at"
                          + " IS NULL AND d.due_at <= :at AND e.delivered_at IS NOT NULL ORDER BY "
                          + PRECEDENCE_RANK
                          + ", c.released_at, d.cable_id")
                  .bind("at", at)
                  .mapTo(Queued.class)
                  .list();
          List<StoredCable> out = new ArrayList<>();
          for (Queued q : due) {
            StoredCable c = db.cableById(h, q.cableId());
            completeDelivery(h, q.exchangeId(), c.id(), c.cable(), at, "station");
            out.add(c);
          }
          return out;
        });
  }

  @Override
  public List<UserInfo> deliveredTo(long cableId) {
    // the readers' ids alone, their accounts from the directory as kept: building a user from his
    // row (clearance, time zone, office hours, roles) cost more than the query, once a release
    List<Long> ids =
        db.read(
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
      return db.read(
          h ->
              h.createQuery(
                      "SELECT "
                          + Rows.USER_COLUMNS
                          + " FROM delivery d JOIN user_account u ON u.id = d.user_id WHERE"
                          + " d.cable_id = :c AND d.delivered_at IS NOT NULL ORDER BY u.name")
                  .bind("c", cableId)
                  .mapTo(UserInfo.class)
                  .list());
    }
    return ids.stream().map(byId::get).sorted(Comparator.comparing(UserInfo::name)).toList();
  }

  /** Every user by id, from the directory as kept. */
  private Map<Long, UserInfo> usersById() {
    return db.directory()
        .get(
            "usersById",
            () ->
                Optional.of(
                    accounts.users().stream()
                        .collect(Collectors.toUnmodifiableMap(UserInfo::id, u -> u))))
        .orElseThrow();
  }

  @Override
  public Optional<Instant> deliveredAt(long cableId, long userId) {
    return db.read(
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
  public Map<Long, Instant> firstDelivered(Collection<Long> cableIds) {
    if (cableIds.isEmpty()) {
      return Map.of();
    }
    Map<Long, Instant> out = new HashMap<>();
    db.read(
            h ->
                h.createQuery(
                        "SELECT cable_id, MIN(delivered_at) AS first FROM delivery WHERE cable_id"
                            + " IN (<ids>) AND delivered_at IS NOT NULL GROUP BY cable_id")
                    .bindList("ids", List.copyOf(cableIds))
                    .map(
                        (rs, ctx) ->
                            Map.entry(
                                rs.getLong("cable_id"), Instant.ofEpochMilli(rs.getLong("first"))))
                    .list())
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return Map.copyOf(out);
  }

  @Override
  public List<StoredCable> inbox(long userId, int limit) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT "
                        + cableColumns
                        + " FROM delivery d JOIN cable c ON c.id = d.cable_id JOIN exchange x ON"
                        + " x.id = c.exchange_id WHERE d.user_id = :u AND d.delivered_at IS NOT"
                        + " NULL ORDER BY "
                        + PRECEDENCE_RANK
                        + ", c.released_at DESC, c.id DESC LIMIT :limit")
                .bind("u", userId)
                .bind("limit", limit)
                .mapTo(StoredCable.class)
                .list());
  }

  @Override
  public Set<Long> heldCables(String exchange) {
    return db.read(
        h ->
            Set.copyOf(
                h.createQuery(
                        "SELECT d.cable_id FROM end_delivery d JOIN cable c ON c.id = d.cable_id"
                            + " JOIN exchange x ON x.id = c.exchange_id WHERE x.name = :x AND"
                            + " d.delivered_at IS NULL UNION SELECT o.cable_id FROM relay_out o"
                            + " JOIN cable c ON c.id = o.cable_id JOIN exchange x ON x.id ="
                            + " c.exchange_id WHERE x.name = :x")
                    .bind("x", exchange)
                    .mapTo(Long.class)
                    .list()));
  }

  /**
   * Undelivered deliveries by precedence: found through the index on {@code delivered_at}, so a
   * scrape reads the queue, not every delivery ever made.
   */
  static final String QUEUED_DELIVERIES =
      "SELECT c.precedence, COUNT(*) AS n FROM delivery d JOIN cable c ON c.id = d.cable_id WHERE"
          + " d.delivered_at IS NULL GROUP BY c.precedence";

  @Override
  public Map<Precedence, Long> queuedDeliveries() {
    Map<Precedence, Long> queued = new EnumMap<>(Precedence.class);
    for (Precedence p : Precedence.values()) {
      queued.put(p, 0L);
    }
    db.read(
            h ->
                h.createQuery(QUEUED_DELIVERIES)
                    .map(
                        (rs, ctx) ->
                            Map.entry(
                                Precedence.valueOf(rs.getString("precedence")), rs.getLong("n")))
                    .list())
        .forEach(e -> queued.put(e.getKey(), e.getValue()));
    return Collections.unmodifiableMap(queued);
  }
}
