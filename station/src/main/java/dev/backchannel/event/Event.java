package dev.backchannel.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened at the station, recorded in the same transaction as the change (G8): one
 * record per kind, each holding envelope facts and hashes, never content (G3). {@link EventCodec}
 * gives each one canonical encoding, the bytes the audit log hashes.
 *
 * <p>Who did it, and the exchange and cable it concerns, are recorded beside the event by the
 * store.
 */
public sealed interface Event {
  /** The kind as recorded: {@code CABLE_RELEASED}, stable. */
  String kind();

  /** The event's facts by name; the codec orders them. */
  Map<String, Object> fields();

  /** A station was set up. */
  record StationInitialised(String prefix, String name) implements Event {
    public StationInitialised {
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String kind() {
      return "STATION_INITIALISED";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("prefix", prefix, "name", name);
    }
  }

  /** A user was created; {@code roles} in their one order (by name, comma-separated). */
  record UserCreated(String user, String clearance, String roles) implements Event {
    public UserCreated {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(clearance, "clearance");
      Objects.requireNonNull(roles, "roles");
    }

    @Override
    public String kind() {
      return "USER_CREATED";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("user", user, "clearance", clearance, "roles", roles);
    }
  }

  /** A user's account as it is after a change. */
  record UserChanged(
      String user,
      String addressedAs,
      String clearance,
      String caveats,
      String timeZone,
      String officeHours,
      String roles,
      boolean disabled)
      implements Event {
    public UserChanged {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(addressedAs, "addressedAs");
      Objects.requireNonNull(clearance, "clearance");
      Objects.requireNonNull(caveats, "caveats");
      Objects.requireNonNull(timeZone, "timeZone");
      Objects.requireNonNull(officeHours, "officeHours");
      Objects.requireNonNull(roles, "roles");
    }

    @Override
    public String kind() {
      return "USER_CHANGED";
    }

    @Override
    public Map<String, Object> fields() {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("user", user);
      f.put("addressedAs", addressedAs);
      f.put("clearance", clearance);
      f.put("caveats", caveats);
      f.put("timeZone", timeZone);
      f.put("officeHours", officeHours);
      f.put("roles", roles);
      f.put("disabled", disabled);
      return f;
    }
  }

  /** A user's password was set (never the hash). */
  record PasswordSet(String user) implements Event {
    public PasswordSet {
      Objects.requireNonNull(user, "user");
    }

    @Override
    public String kind() {
      return "PASSWORD_SET";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("user", user);
    }
  }

  /** A login: a browser session or a CLI token, from an address, until a time (ISO-8601). */
  record Login(String user, String sessionKind, String address, String expiresAt) implements Event {
    public Login {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(sessionKind, "sessionKind");
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String kind() {
      return "LOGIN";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("user", user, "kind", sessionKind, "address", address, "expiresAt", expiresAt);
    }
  }

  /** A session or token was revoked. */
  record Logout(String user) implements Event {
    public Logout {
      Objects.requireNonNull(user, "user");
    }

    @Override
    public String kind() {
      return "LOGOUT";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("user", user);
    }
  }

  /** A channel was created with its two ends. */
  record ChannelCreated(String channel, String endA, String endB) implements Event {
    public ChannelCreated {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(endA, "endA");
      Objects.requireNonNull(endB, "endB");
    }

    @Override
    public String kind() {
      return "CHANNEL_CREATED";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("channel", channel, "endA", endA, "endB", endB);
    }
  }

  /** A user was made (or kept) a member of an end. */
  record MemberPut(String channel, String end, String user, boolean releaseAuthority)
      implements Event {
    public MemberPut {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(end, "end");
      Objects.requireNonNull(user, "user");
    }

    @Override
    public String kind() {
      return "MEMBER_PUT";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of(
          "channel", channel, "end", end, "user", user, "releaseAuthority", releaseAuthority);
    }
  }

  /** A user left an end. */
  record MemberRemoved(String channel, String end, String user) implements Event {
    public MemberRemoved {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(end, "end");
      Objects.requireNonNull(user, "user");
    }

    @Override
    public String kind() {
      return "MEMBER_REMOVED";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("channel", channel, "end", end, "user", user);
    }
  }

  /** Whether an end's releases need a second person's approval. */
  record EndChanged(String channel, String end, boolean secondApproval) implements Event {
    public EndChanged {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(end, "end");
    }

    @Override
    public String kind() {
      return "END_CHANGED";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("channel", channel, "end", end, "secondApproval", secondApproval);
    }
  }

  /** A caveat was added to the station's registry. */
  record CaveatAdded(String caveat) implements Event {
    public CaveatAdded {
      Objects.requireNonNull(caveat, "caveat");
    }

    @Override
    public String kind() {
      return "CAVEAT_ADDED";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("caveat", caveat);
    }
  }

  /** An exchange was created: its channel and its two series, each as "HAKTO from HAK". */
  record ExchangeCreated(String exchange, String channel, String first, String second)
      implements Event {
    public ExchangeCreated {
      Objects.requireNonNull(exchange, "exchange");
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(second, "second");
    }

    @Override
    public String kind() {
      return "EXCHANGE_CREATED";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("exchange", exchange, "channel", channel, "first", first, "second", second);
    }
  }

  /** A cable was released: its designator, the SHA-256 of its canonical text, and G5's seen. */
  record CableReleased(String designator, String sha256, int seen) implements Event {
    public CableReleased {
      Objects.requireNonNull(designator, "designator");
      Objects.requireNonNull(sha256, "sha256");
    }

    @Override
    public String kind() {
      return "CABLE_RELEASED";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("designator", designator, "sha256", sha256, "seen", seen);
    }
  }

  /** A cable of the historical record was imported from a source, with its document number. */
  record CableImported(String designator, String sha256, String source, Optional<Integer> document)
      implements Event {
    public CableImported {
      Objects.requireNonNull(designator, "designator");
      Objects.requireNonNull(sha256, "sha256");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(document, "document");
    }

    @Override
    public String kind() {
      return "CABLE_IMPORTED";
    }

    @Override
    public Map<String, Object> fields() {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("designator", designator);
      f.put("sha256", sha256);
      f.put("source", source);
      document.ifPresent(d -> f.put("document", d));
      return f;
    }
  }

  /** A cable reached these readers, by name. */
  record Delivered(List<String> readers) implements Event {
    public Delivered {
      readers = List.copyOf(readers.stream().sorted().toList());
    }

    @Override
    public String kind() {
      return "DELIVERED";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("readers", readers);
    }
  }

  /** An end was put on hold. */
  record EndHeld(String channel, String end) implements Event {
    public EndHeld {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(end, "end");
    }

    @Override
    public String kind() {
      return "END_HELD";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("channel", channel, "end", end);
    }
  }

  /** An end's hold was lifted with this many cables held. */
  record EndResumed(String channel, String end, int held) implements Event {
    public EndResumed {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(end, "end");
    }

    @Override
    public String kind() {
      return "END_RESUMED";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("channel", channel, "end", end, "held", held);
    }
  }

  /** A receipt of G4: a reader, its kind, the client that reported it. */
  record ReceiptRecorded(String reader, String receiptKind, String client) implements Event {
    public ReceiptRecorded {
      Objects.requireNonNull(reader, "reader");
      Objects.requireNonNull(receiptKind, "receiptKind");
      Objects.requireNonNull(client, "client");
    }

    @Override
    public String kind() {
      return "RECEIPT";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("reader", reader, "kind", receiptKind, "client", client);
    }
  }

  /** A cable was passed to a PASS TO reader by an addressee. */
  record Passed(String to, String by) implements Event {
    public Passed {
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(by, "by");
    }

    @Override
    public String kind() {
      return "PASSED";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("to", to, "by", by);
    }
  }

  /** A stage of escalation (G7): who was late, who was told. */
  record Escalated(String stage, List<String> late, List<String> notified) implements Event {
    public Escalated {
      Objects.requireNonNull(stage, "stage");
      late = List.copyOf(late);
      notified = List.copyOf(notified);
    }

    @Override
    public String kind() {
      return "ESCALATED";
    }

    @Override
    public Map<String, Object> fields() {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("stage", stage);
      f.put("late", late);
      if (!notified.isEmpty()) {
        f.put("notified", notified);
      }
      return f;
    }
  }

  /** A draft was saved: on creation with the series it will be released in. */
  record DraftSaved(long draft, Optional<String> series) implements Event {
    public DraftSaved {
      Objects.requireNonNull(series, "series");
    }

    @Override
    public String kind() {
      return "DRAFT_SAVED";
    }

    @Override
    public Map<String, Object> fields() {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("draft", draft);
      series.ifPresent(s -> f.put("series", s));
      return f;
    }
  }

  /** A draft was approved by a second person. */
  record DraftApproved(long draft) implements Event {
    @Override
    public String kind() {
      return "DRAFT_APPROVED";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("draft", draft);
    }
  }

  /** A draft was discarded. */
  record DraftDiscarded(long draft) implements Event {
    @Override
    public String kind() {
      return "DRAFT_DISCARDED";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("draft", draft);
    }
  }

  /** A peer station was introduced (issue 25): its prefix, where it is served, and its key. */
  record PeerAdded(String peer, String url, String key) implements Event {
    public PeerAdded {
      Objects.requireNonNull(peer, "peer");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(key, "key");
    }

    @Override
    public String kind() {
      return "PEER_ADDED";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("peer", peer, "url", url, "key", key);
    }
  }

  /** An operator took the link to a peer down, or brought it up. */
  record LinkChanged(String peer, boolean down) implements Event {
    public LinkChanged {
      Objects.requireNonNull(peer, "peer");
    }

    @Override
    public String kind() {
      return "LINK_CHANGED";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("peer", peer, "down", down);
    }
  }

  /** An end was placed at a peer station, or back at this one ({@code station} empty). */
  record EndPlaced(String channel, String end, String station) implements Event {
    public EndPlaced {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(end, "end");
      Objects.requireNonNull(station, "station");
    }

    @Override
    public String kind() {
      return "END_PLACED";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("channel", channel, "end", end, "station", station);
    }
  }

  /**
   * A cable released at a peer was received here: its designator, its text's SHA-256, G5's seen as
   * the peer recorded it, the peer, and this station's serial for it.
   */
  record CableReceived(String designator, String sha256, int seen, String from, int number)
      implements Event {
    public CableReceived {
      Objects.requireNonNull(designator, "designator");
      Objects.requireNonNull(sha256, "sha256");
      Objects.requireNonNull(from, "from");
    }

    @Override
    public String kind() {
      return "CABLE_RECEIVED";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of(
          "designator", designator, "sha256", sha256, "seen", seen, "from", from, "number", number);
    }
  }

  /** A peer acknowledged a cable released here, with the serial it gave it. */
  record CableRelayed(String to, int number) implements Event {
    public CableRelayed {
      Objects.requireNonNull(to, "to");
    }

    @Override
    public String kind() {
      return "CABLE_RELAYED";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("to", to, "number", number);
    }
  }

  /** A reader at a peer station gave a receipt to a cable released here, as the peer reported. */
  record RemoteReceipt(String station, String reader, String receiptKind, String client)
      implements Event {
    public RemoteReceipt {
      Objects.requireNonNull(station, "station");
      Objects.requireNonNull(reader, "reader");
      Objects.requireNonNull(receiptKind, "receiptKind");
      Objects.requireNonNull(client, "client");
    }

    @Override
    public String kind() {
      return "REMOTE_RECEIPT";
    }

    @Override
    public Map<String, Object> fields() {
      return Map.of("station", station, "reader", reader, "kind", receiptKind, "client", client);
    }
  }
}
