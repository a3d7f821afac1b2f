package dev.backchannel.store;

import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.CaveatRegistry;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.Series;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The station's store: one durable place for the station, its channels, exchanges, users and
 * cables, where every change also appends an {@link StoredEvent} in the same transaction (DESIGN
 * 6). Releases are numbered without gaps (G1) and group-committed: concurrent releases share one
 * durable commit, and no call returns before its change is durable (G10).
 *
 * <p>Implementations are thread-safe. The same test suite runs against each of them.
 */
public interface Store extends AutoCloseable {

  /**
   * Sets the station up: prefix, name, public signing key and first administrator.
   *
   * @throws StoreException ALREADY_INITIALISED if it was set up before
   */
  StationInfo initialise(StationSetup setup);

  /** The station, once set up. */
  Optional<StationInfo> station();

  /**
   * Creates a user.
   *
   * @throws StoreException CONFLICT if a user of that name exists
   */
  UserInfo createUser(NewUser user, String actor);

  /** The user of that name (case-insensitive). */
  Optional<UserInfo> user(String name);

  /** Every user, by name. */
  List<UserInfo> users();

  /**
   * Changes a user's settings.
   *
   * @throws StoreException NOT_FOUND if there is no such user; INVALID if nothing would change
   */
  UserInfo updateUser(String name, UserChange change, String actor);

  /** The user of that name with his secrets' hashes, for a login. */
  Optional<Credentials> credentials(String name);

  /**
   * Sets a user's password hash and retires his set-up token.
   *
   * @throws StoreException NOT_FOUND if there is no such user
   */
  void setPassword(String name, String passwordHash, String actor);

  /** Stores a new session or token after a login, recorded as a LOGIN event. */
  void createSession(NewSession session, String address);

  /** The unrevoked session with that token hash, expired or not, with its user as he is now. */
  Optional<SessionInfo> session(String tokenHash);

  /** Revokes a session or token; revoking one twice or an unknown one does nothing. */
  void revokeSession(String tokenHash, String actor);

  /**
   * Creates a channel with its two ends.
   *
   * @throws StoreException CONFLICT if the name is taken; INVALID if the ends share a name
   */
  ChannelInfo createChannel(String name, String endA, String endB, String actor);

  /** The channel of that name (case-insensitive). */
  Optional<ChannelInfo> channel(String name);

  /** Every channel, by name. */
  List<ChannelInfo> channels();

  /**
   * The two ends of a channel with their members.
   *
   * @throws StoreException NOT_FOUND if there is no such channel
   */
  List<EndInfo> ends(String channel);

  /**
   * Makes a user a member of an end, or changes his release authority there.
   *
   * @throws StoreException NOT_FOUND if the channel, end or user does not exist; CONFLICT if he is
   *     a member of the channel's other end
   */
  EndInfo putMember(
      String channel, String end, String user, boolean releaseAuthority, String actor);

  /**
   * Removes a user from an end.
   *
   * @throws StoreException NOT_FOUND if the channel or end does not exist or he is not a member
   */
  EndInfo removeMember(String channel, String end, String user, String actor);

  /**
   * Sets whether releases from an end need a second person's approval.
   *
   * @throws StoreException NOT_FOUND if the channel or end does not exist
   */
  EndInfo setSecondApproval(String channel, String end, boolean required, String actor);

  /** The ends a user is a member of. */
  List<Membership> memberships(long userId);

  /** The station's caveat registry. */
  CaveatRegistry caveats();

  /**
   * Adds a caveat to the registry.
   *
   * @throws StoreException CONFLICT if it is registered already; INVALID if the registry would no
   *     longer split labels one way only
   */
  CaveatRegistry addCaveat(Caveat caveat, String actor);

  /**
   * Creates an exchange of a channel with its two series, each sent by one end of the channel.
   *
   * @throws StoreException NOT_FOUND if the channel or an end does not exist; CONFLICT if the name
   *     is taken; INVALID if both series are the same or sent by the same end
   */
  ExchangeInfo createExchange(NewExchange exchange, String actor);

  /** The exchange of that name (case-insensitive). */
  Optional<ExchangeInfo> exchange(String name);

  /** Every exchange, in the order they were created. */
  List<ExchangeInfo> exchanges();

  /**
   * Releases a draft into a series: in the one transaction that stores the cable, assigns serial,
   * station serial, DTG and {@code seen} (G5: the highest opposite serial delivered to the sending
   * end), records released-unread, removes the stored draft, and delivers the cable to the
   * receiving end and its readers unless that end is held; returns once that transaction is
   * durable.
   *
   * @throws ReleaseWarning when G5 asks for confirmation and the request has none; nothing is
   *     stored
   * @throws StoreException NOT_FOUND if the exchange or series does not exist, or a reference names
   *     a cable that does not; INVALID if the cable is not a draft
   */
  StoredCable release(ReleaseRequest request);

  /**
   * Stores a new draft of an end for a series of an exchange.
   *
   * @throws StoreException NOT_FOUND if the exchange, series, end or author does not exist
   */
  Draft createDraft(String exchange, Series series, String end, long authorId, String text);

  /**
   * Saves a new text of a draft; an approval of the old text no longer counts.
   *
   * @throws StoreException NOT_FOUND if there is no such draft
   */
  Draft updateDraft(long id, String text, String actor);

  /** A draft by id. */
  Optional<Draft> draft(long id);

  /** The drafts of the ends a user is a member of, most recently saved first. */
  List<Draft> drafts(long userId);

  /**
   * Records a second person's approval of a draft's current text.
   *
   * @throws StoreException NOT_FOUND if there is no such draft
   */
  Draft approveDraft(long id, long approverId, String actor);

  /**
   * Discards a draft.
   *
   * @throws StoreException NOT_FOUND if there is no such draft
   */
  void discardDraft(long id, String actor);

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
   * Records a receipt once (G4): the first record of a (cable, reader, kind) is kept and returned
   * again for later reports.
   */
  Receipt receipt(
      long cableId, long userId, ReceiptKind kind, String client, Optional<Long> by, String actor);

  /**
   * Passes a cable verbatim to a pass-to reader (DESIGN 5.2): he becomes one of its named readers,
   * and gets it delivered with PASSED (naming who passed it) and DELIVERED receipts, in one
   * transaction. Passing to him again changes nothing.
   *
   * @return whether he received it now (false when it had been passed to him before)
   */
  boolean pass(long cableId, long byUserId, long toUserId, String actor);

  /**
   * Delivers what waited for its readers' opening of business and is due by now, in one
   * transaction, and what an end not on hold still has queued (a resume the station did not finish
   * before it stopped), in the resume's order and chunks; returns the cables that reached someone.
   */
  List<StoredCable> deliverDue(Instant now);

  /**
   * Records the escalations of G7 that are due by now: a cable not acknowledged (FLASH OVERRIDE,
   * FLASH, IMMEDIATE) or not opened (others) by every action addressee within its precedence's
   * objective from delivery escalates to the receiving end's duty officers, and after twice the
   * objective to its originator. Each stage happens once per cable.
   */
  List<Escalation> escalate(Instant now);

  /** Every receipt of a cable, oldest first. */
  List<Receipt> receipts(long cableId);

  /** The users a cable has been delivered to, by name. */
  List<UserInfo> deliveredTo(long cableId);

  /** When a cable was delivered to a user; empty if it was not (or is held). */
  Optional<Instant> deliveredAt(long cableId, long userId);

  /** The cables delivered to a user, by precedence then most recent release, at most limit. */
  List<StoredCable> inbox(long userId, int limit);

  /** The cables of an exchange still held at their receiving end. */
  Set<Long> heldCables(String exchange);

  /**
   * How many deliveries to readers are queued and not yet made (their end is held, or they wait for
   * a reader's opening of business), by the cable's precedence: every precedence is a key, 0 when
   * nothing of it waits. Counts alone, for metrics; read in one grouped query.
   */
  Map<Precedence, Long> queuedDeliveries();

  /** The designators recorded as released-unread with a cable (G5), in serial order. */
  List<String> releasedUnread(long cableId);

  /**
   * As {@link #releasedUnread(long)} for several cables in one read; a cable with none is absent.
   * At most {@link CableQuery#MAX_LIMIT} ids.
   */
  Map<Long, List<String>> releasedUnread(Collection<Long> cableIds);

  /**
   * Stores historical cables as printed, in one transaction per call: each is imported, skipped as
   * a duplicate (same designator, same text) or reported as a conflict (same designator, other
   * text), never stored half-way.
   *
   * @throws StoreException NOT_FOUND if the exchange does not exist
   */
  List<ImportResult> importCables(String exchange, List<ImportRequest> cables, String actor);

  /** A cable of an exchange by series and serial. */
  Optional<StoredCable> cable(String exchange, Series series, int serial);

  /** A cable of an exchange printed with a station serial alone, by that serial's text. */
  Optional<StoredCable> cableByStationSerial(String exchange, String stationSerial);

  /** The cables of an exchange (all exchanges when empty), most recent first, at most limit. */
  List<StoredCable> cables(Optional<String> exchange, int limit);

  /**
   * The cables matching a query among those within a user's visibility, most recent first; the
   * caller still asks the access policy about each.
   */
  List<StoredCable> cables(Visibility visibility, CableQuery query);

  /** The serials held per series of an exchange, ascending (for gaps, G6). */
  List<Integer> serials(String exchange, Series series);

  /**
   * References of the exchange's cables, within the exchange, that name a cable it does not hold:
   * each as {@code Hakto 45 → TOHAK 83}, in the order of the referring cables.
   */
  List<String> unresolvedReferences(String exchange);

  /** Events after {@code afterId}, oldest first, at most {@code limit}. */
  List<StoredEvent> events(long afterId, int limit);

  /** Counters of the write path, for tests and metrics. */
  StoreStats stats();

  /** Releases the file and its lock; idempotent. */
  @Override
  void close();
}
