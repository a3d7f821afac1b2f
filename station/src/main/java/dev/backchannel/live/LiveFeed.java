package dev.backchannel.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.access.Access;
import dev.backchannel.access.AccessPolicy;
import dev.backchannel.access.Reader;
import dev.backchannel.cable.HandlingKind;
import dev.backchannel.json.CableJson;
import dev.backchannel.store.CableLookup;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoredCable;
import dev.backchannel.store.StoredEvent;
import dev.backchannel.store.UserInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Turns the station's events, as the store recorded them, into live messages for the users
 * concerned, each asked of the access policy (G3): a delivery goes to each reader it reached as the
 * envelope only (never the text); a receipt goes to its reader and to those who see every reader's
 * receipts; a pass to the reader it was passed to; an escalation to those it told. Since every
 * message comes from a recorded event, a station process serves the messages of changes made
 * through any process sharing its store, and a stream resumed after a break is given what it missed
 * ({@link #replay}).
 */
public final class LiveFeed {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Store store;
  private final AccessPolicy policy;

  public LiveFeed(Store store, AccessPolicy policy) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * One message for one user, made from the event numbered {@code event}.
   *
   * @param rank 0 (FLASH OVERRIDE) to 4 (ROUTINE) for cables, {@link LiveEvents#NOTICE_RANK} for
   *     notices
   * @param released for a delivered cable, its precedence and release instant
   */
  public record Message(
      long user,
      int rank,
      String name,
      String data,
      Optional<LiveEvents.Released> released,
      long event) {
    public Message {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(released, "released");
    }
  }

  /**
   * The messages {@code event} makes for the users {@code wanted} accepts (by id); none for an
   * event no user hears of live.
   */
  public List<Message> messages(StoredEvent event, LongPredicate wanted) {
    if (event.cable().isEmpty()) {
      return List.of();
    }
    return switch (event.kind()) {
      case "DELIVERED", "PASSED", "RECEIPT", "ESCALATED" -> {
        Optional<StoredCable> cable = store.cable(event.cable().get());
        if (cable.isEmpty()) {
          yield List.of();
        }
        JsonNode data = parse(event);
        List<Message> out = new ArrayList<>();
        Readers readers = new Readers();
        switch (event.kind()) {
          case "DELIVERED" ->
              delivered(event, cable.get(), names(data, "readers"), wanted, readers, out);
          case "PASSED" ->
              passed(event, cable.get(), data.path("to").asText(), wanted, readers, out);
          case "RECEIPT" -> receipt(event, cable.get(), data, wanted, readers, out);
          default -> escalated(event, cable.get(), data, wanted, readers, out);
        }
        yield List.copyOf(out);
      }
      default -> List.of();
    };
  }

  /**
   * The messages for {@code user} of the events after {@code after} up to {@code upTo}, in order:
   * what a stream that broke missed.
   */
  public List<Message> replay(long user, long after, long upTo) {
    List<Message> out = new ArrayList<>();
    long at = after;
    while (at < upTo) {
      List<StoredEvent> page = store.events(at, 500);
      if (page.isEmpty()) {
        break;
      }
      for (StoredEvent e : page) {
        if (e.id() > upTo) {
          return out;
        }
        out.addAll(messages(e, u -> u == user));
        at = e.id();
      }
    }
    return out;
  }

  /** The users an event's names name, each looked up once with his memberships. */
  private final class Readers {
    private final Map<String, Optional<Reader>> byName = new HashMap<>();
    private List<UserInfo> users;

    /**
     * The user named, with his memberships, when {@code wanted} accepts him: the memberships of
     * users no one waits for are not read.
     */
    Optional<Reader> named(String name, LongPredicate wanted) {
      return byName.computeIfAbsent(
          name,
          n ->
              store
                  .user(n)
                  .filter(u -> wanted.test(u.id()))
                  .map(u -> new Reader(u, store.memberships(u.id()))));
    }

    List<UserInfo> all() {
      if (users == null) {
        users = store.users();
      }
      return users;
    }
  }

  /**
   * A delivery to the readers it reached; and word to the person a "notify on receipt" instruction
   * names (DESIGN 5.2), when he may know of the cable.
   */
  private void delivered(
      StoredEvent e,
      StoredCable c,
      List<String> delivered,
      LongPredicate wanted,
      Readers readers,
      List<Message> out) {
    String envelope = envelope(c).toString();
    for (String person : notifyOnReceipt(c)) {
      for (UserInfo u : readers.all()) {
        if (AccessPolicy.isPerson(person, u.addressedAs()) && wanted.test(u.id())) {
          Optional<Reader> r = readers.named(u.name(), wanted);
          if (r.isPresent() && policy.decide(r.get(), c) != Access.NONE) {
            out.add(new Message(u.id(), rank(c), "notify", envelope, Optional.empty(), e.id()));
          }
        }
      }
    }
    Optional<LiveEvents.Released> released =
        c.releasedAt().map(at -> new LiveEvents.Released(c.cable().precedence(), at));
    for (String name : delivered) {
      Optional<Reader> r = readers.named(name, wanted);
      if (r.isPresent() && policy.decide(r.get(), c) != Access.NONE) {
        out.add(new Message(r.get().user().id(), rank(c), "delivered", envelope, released, e.id()));
      }
    }
  }

  private static List<String> notifyOnReceipt(StoredCable c) {
    return c.cable().handling().stream()
        .filter(h -> h.kind() == HandlingKind.NOTIFY_ON_RECEIPT)
        .flatMap(h -> h.person().stream())
        .map(p -> p.strip().toUpperCase(Locale.ROOT))
        .toList();
  }

  /** A cable passed to one reader, to him alone. */
  private void passed(
      StoredEvent e,
      StoredCable c,
      String to,
      LongPredicate wanted,
      Readers readers,
      List<Message> out) {
    Optional<Reader> r = readers.named(to, wanted);
    if (r.isPresent()
        && wanted.test(r.get().user().id())
        && policy.decide(r.get(), c) != Access.NONE) {
      out.add(
          new Message(
              r.get().user().id(),
              rank(c),
              "delivered",
              envelope(c).toString(),
              Optional.empty(),
              e.id()));
    }
  }

  /**
   * A receipt, to its reader and to those who see every reader's receipts among the originator and
   * the members of the cable's channel.
   */
  private void receipt(
      StoredEvent e,
      StoredCable c,
      JsonNode data,
      LongPredicate wanted,
      Readers readers,
      List<Message> out) {
    String reader = data.path("reader").asText();
    ObjectNode o = CableJson.envelope(c.cable());
    o.put("exchange", c.exchange());
    o.put("reader", reader);
    o.put("kind", data.path("kind").asText());
    o.put("at", e.at().toString());
    String message = o.toString();
    Set<String> members = new HashSet<>();
    store.ends(c.channel()).forEach(end -> end.members().forEach(m -> members.add(m.user())));
    Optional<String> sendingEnd = CableLookup.sendingEnd(store, c);
    for (UserInfo u : readers.all()) {
      if (!wanted.test(u.id())) {
        continue;
      }
      boolean himself = u.name().equals(reader);
      boolean candidate =
          members.contains(u.name()) || u.addressedAs().equals(c.cable().from().name());
      if (himself
          || candidate
              && readers
                  .named(u.name(), wanted)
                  .filter(r -> policy.seesEveryReceipt(r, c, sendingEnd))
                  .isPresent()) {
        out.add(
            new Message(
                u.id(), LiveEvents.NOTICE_RANK, "receipt", message, Optional.empty(), e.id()));
      }
    }
  }

  /**
   * An escalation (G7) to the duty officers or the originator it told, as the envelope with the
   * stage and the late addressees.
   */
  private void escalated(
      StoredEvent e,
      StoredCable c,
      JsonNode data,
      LongPredicate wanted,
      Readers readers,
      List<Message> out) {
    ObjectNode o = envelope(c);
    o.put("stage", data.path("stage").asText());
    names(data, "late").forEach(o.withArray("late")::add);
    String message = o.toString();
    for (String name : names(data, "notified")) {
      Optional<Reader> r = readers.named(name, wanted);
      if (r.isPresent()
          && wanted.test(r.get().user().id())
          && policy.decide(r.get(), c) != Access.NONE) {
        out.add(
            new Message(
                r.get().user().id(), rank(c), "escalation", message, Optional.empty(), e.id()));
      }
    }
  }

  private static JsonNode parse(StoredEvent e) {
    try {
      return JSON.readTree(e.data());
    } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
      throw new IllegalStateException(
          "event " + e.id() + " (" + e.kind() + ") holds no JSON object: " + x.getMessage(), x);
    }
  }

  private static List<String> names(JsonNode data, String field) {
    List<String> names = new ArrayList<>();
    data.path(field).forEach(n -> names.add(n.asText()));
    return names;
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
