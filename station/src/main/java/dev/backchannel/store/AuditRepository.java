package dev.backchannel.store;

import dev.backchannel.tlog.CompactTree;
import dev.backchannel.tlog.Hash;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The audit log of G8 as the store keeps it: each event's leaf, appended in the event's
 * transaction; the tree as tiles (C2SP tlog-tiles) and its right edge; the signed checkpoints. Part
 * of the {@link Store}. It stores and loads; what a checkpoint or a proof is, the audit feature
 * decides.
 */
public interface AuditRepository {
  /** The tree as last committed: its size and the roots along its right edge. */
  CompactTree logTree();

  /**
   * The hashes of tile {@code index} at {@code level}: 256 for a full tile, as many as the log
   * holds for the tile at its right edge, none past it.
   */
  List<Hash> logTile(int level, long index);

  /** The events whose leaves are {@code start} (inclusive) to {@code end}, in order. */
  List<LoggedEvent> logged(long start, long end);

  /**
   * The entries of leaves {@code start} (inclusive) to {@code end}, each as logged and as its rows
   * give it now, in leaf order: what {@code audit verify} compares. An entry missing from the range
   * is missing from the answer.
   */
  List<RebuiltEntry> rebuilt(long start, long end);

  /** The events of one cable, in the order of their leaves. */
  List<LoggedEvent> loggedForCable(long cableId);

  /**
   * Keeps a signed checkpoint; one of a size already kept is not kept again.
   *
   * @return the checkpoint kept for that size
   */
  StoredCheckpoint keepCheckpoint(long size, Instant at, String note);

  /** The checkpoint of the largest size. */
  Optional<StoredCheckpoint> latestCheckpoint();

  /** Every checkpoint, smallest first. */
  List<StoredCheckpoint> checkpoints();
}
