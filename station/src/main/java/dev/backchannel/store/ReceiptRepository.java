package dev.backchannel.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Receipts (G4) and passing a cable to a pass-to reader. Part of the {@link Store}; every change
 * appends its events in the same transaction (DESIGN 6).
 */
public interface ReceiptRepository {
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

  /** Every receipt of a cable, oldest first. */
  List<Receipt> receipts(long cableId);

  /** The receipts of each of these cables, as {@link #receipts(long)}; none for a cable without. */
  Map<Long, List<Receipt>> receipts(Collection<Long> cableIds);
}
