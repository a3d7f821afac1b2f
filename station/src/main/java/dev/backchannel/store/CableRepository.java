package dev.backchannel.store;

import dev.backchannel.cable.Series;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cables: releasing and importing them, and reading them back. Part of the {@link Store}; every
 * change appends its events in the same transaction (DESIGN 6).
 */
public interface CableRepository {
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

  /** A cable by the id the store gave it. */
  Optional<StoredCable> cable(long id);

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
}
