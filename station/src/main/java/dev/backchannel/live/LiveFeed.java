package dev.backchannel.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.access.Access;
import dev.backchannel.access.AccessPolicy;
import dev.backchannel.access.Reader;
import dev.backchannel.cable.HandlingKind;
import dev.backchannel.json.CableJson;
import dev.backchannel.store.Escalation;
import dev.backchannel.store.Receipt;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoredCable;
import dev.backchannel.store.UserInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns what happened into live events for the users concerned, each asked of the access policy
 * (G3): a delivery goes to each reader it reached as the envelope only (never the text); a receipt
 * goes to the reader himself and to those who see every reader's receipts.
 */
public final class LiveFeed {
  private final Store store;
  private final AccessPolicy policy;
  private final LiveEvents events;

  public LiveFeed(Store store, AccessPolicy policy, LiveEvents events) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.events = Objects.requireNonNull(events, "events");
  }

  /**
   * Announces cables just delivered, in the order given, to the readers they reached; and tells the
   * person a "notify on receipt" instruction names (DESIGN 5.2), when he may know of the cable.
   */
  public void delivered(List<StoredCable> cables) {
    Map<Long, Reader> readers = new HashMap<>();
    List<UserInfo> users = null;
    for (StoredCable c : cables) {
      List<String> notify =
          c.cable().handling().stream()
              .filter(h -> h.kind() == HandlingKind.NOTIFY_ON_RECEIPT)
              .flatMap(h -> h.person().stream())
              .toList();
      if (!notify.isEmpty()) {
        users = users == null ? store.users() : users;
        for (String person : notify) {
          for (UserInfo u : users) {
            if (AccessPolicy.isPerson(
                    person.strip().toUpperCase(java.util.Locale.ROOT), u.addressedAs())
                && events.connected(u.id())) {
              Reader r =
                  readers.computeIfAbsent(u.id(), id -> new Reader(u, store.memberships(id)));
              if (policy.decide(r, c) != Access.NONE) {
                events.publish(u.id(), rank(c), "notify", envelope(c).toString());
              }
            }
          }
        }
      }
      Optional<LiveEvents.Released> released =
          c.releasedAt().map(at -> new LiveEvents.Released(c.cable().precedence(), at));
      for (UserInfo u : store.deliveredTo(c.id())) {
        if (!events.connected(u.id())) {
          continue;
        }
        Reader r = readers.computeIfAbsent(u.id(), id -> new Reader(u, store.memberships(id)));
        if (policy.decide(r, c) != Access.NONE) {
          events.publishDelivery(u.id(), rank(c), envelope(c).toString(), released);
        }
      }
    }
  }

  /**
   * Announces an escalation (G7) to the duty officers or the originator it went to, as the envelope
   * with the stage and the late addressees.
   */
  public void escalated(Escalation e) {
    ObjectNode o = envelope(e.cable());
    o.put("stage", e.stage().name());
    e.late().forEach(o.withArray("late")::add);
    String data = o.toString();
    for (UserInfo u : e.told()) {
      if (policy.decide(new Reader(u, store.memberships(u.id())), e.cable()) != Access.NONE) {
        events.publish(u.id(), rank(e.cable()), "escalation", data);
      }
    }
  }

  /** Announces a cable passed to one reader, to him alone. */
  public void passed(StoredCable c, UserInfo to) {
    if (events.connected(to.id())
        && policy.decide(new Reader(to, store.memberships(to.id())), c) != Access.NONE) {
      events.publish(to.id(), rank(c), "delivered", envelope(c).toString());
    }
  }

  /** Announces a receipt to its reader and to the users who see every reader's receipts. */
  public void receipt(StoredCable c, Receipt r, List<UserInfo> seeAll) {
    ObjectNode o = CableJson.envelope(c.cable());
    o.put("exchange", c.exchange());
    o.put("reader", r.reader());
    o.put("kind", r.kind().name());
    o.put("at", r.at().toString());
    String data = o.toString();
    for (UserInfo u : seeAll) {
      events.publish(u.id(), LiveEvents.NOTICE_RANK, "receipt", data);
    }
  }

  private static ObjectNode envelope(StoredCable c) {
    ObjectNode o = CableJson.envelope(c.cable());
    o.put("exchange", c.exchange());
    return o;
  }

  /** The queue rank of a cable's events: its precedence, FLASH OVERRIDE first. */
  static int rank(StoredCable c) {
    return c.cable().precedence().ordinal();
  }
}
