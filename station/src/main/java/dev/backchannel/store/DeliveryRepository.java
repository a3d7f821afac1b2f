package dev.backchannel.store;

import dev.backchannel.cable.Precedence;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Delivery to ends and readers: holds, resumes, the queue of due deliveries and what it delivered.
 * Part of the {@link Store}; every change appends its events in the same transaction (DESIGN 6).
 */
public interface DeliveryRepository {
  /**
   * Holds all incoming delivery to an end (DESIGN 5.2); holding a held end changes nothing.
   *
   * @throws StoreException NOT_FOUND if the channel or end does not exist
   */
  EndInfo holdEnd(String channel, String end, String actor);

  /**
   * Lifts an end's hold and delivers what it held, by precedence then release time, in transactions
   * of a bounded number of cables (so that other releases are not kept waiting); stops early if the
   * end is held again. Returns the cables in the order delivered.
   *
   * @throws StoreException NOT_FOUND if the channel or end does not exist
   */
  default List<StoredCable> resumeEnd(String channel, String end, String actor) {
    return resumeEnd(channel, end, actor, delivered -> {});
  }

  /**
   * As {@link #resumeEnd(String, String, String)}, handing each transaction's cables to {@code
   * delivered} once they are durable and before the next transaction starts: a FLASH the hold kept
   * is announced with the first of them, not after the whole backlog (DESIGN 7).
   *
   * @throws StoreException NOT_FOUND if the channel or end does not exist
   */
  List<StoredCable> resumeEnd(
      String channel, String end, String actor, Consumer<List<StoredCable>> delivered);

  /**
   * Delivers what waited for its readers' opening of business and is due by now, in one
   * transaction, and what an end not on hold still has queued (a resume the station did not finish
   * before it stopped), in the resume's order and chunks; returns the cables that reached someone.
   */
  List<StoredCable> deliverDue(Instant now);

  /** The users a cable has been delivered to, by name. */
  List<UserInfo> deliveredTo(long cableId);

  /** When a cable was delivered to a user; empty if it was not (or is held). */
  Optional<Instant> deliveredAt(long cableId, long userId);

  /** The cables delivered to a user, by precedence then most recent release, at most limit. */
  List<StoredCable> inbox(long userId, int limit);

  /** When each of these cables first reached a reader, for those that have reached one. */
  Map<Long, Instant> firstDelivered(Collection<Long> cableIds);

  /**
   * The cables of an exchange that have not reached their receiving end: held there, or waiting in
   * the outbox for the peer station the end lives at (issue 25).
   */
  Set<Long> heldCables(String exchange);

  /**
   * How many deliveries to readers are queued and not yet made (their end is held, or they wait for
   * a reader's opening of business), by the cable's precedence: every precedence is a key, 0 when
   * nothing of it waits. Counts alone, for metrics; read in one grouped query.
   */
  Map<Precedence, Long> queuedDeliveries();
}
