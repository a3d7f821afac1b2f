package dev.backchannel.store;

import dev.backchannel.cable.Series;
import java.util.List;
import java.util.Optional;

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

  /**
   * Creates a channel with its two ends.
   *
   * @throws StoreException CONFLICT if the name is taken; INVALID if the ends share a name
   */
  ChannelInfo createChannel(String name, String endA, String endB, String actor);

  /** The channel of that name (case-insensitive). */
  Optional<ChannelInfo> channel(String name);

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
   * Releases a draft into a series: assigns serial, station serial and DTG in the transaction that
   * stores the cable, and returns once that transaction is durable.
   *
   * @throws StoreException NOT_FOUND if the exchange or series does not exist, or a reference names
   *     a cable that does not; INVALID if the cable is not a draft
   */
  StoredCable release(ReleaseRequest request);

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
