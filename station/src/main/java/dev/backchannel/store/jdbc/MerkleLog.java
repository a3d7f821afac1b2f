package dev.backchannel.store.jdbc;

import dev.backchannel.tlog.CompactTree;
import dev.backchannel.tlog.Hash;
import dev.backchannel.tlog.Tiles;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The audit log's Merkle tree as the writer appends to it (G8): each event's leaf is appended in
 * the event's transaction, and before that transaction commits, the tiles its leaves changed and
 * the tree's right edge are written beside the events. An append costs O(log n) hashes, a commit a
 * few rows, and a restart reads the right edge back instead of rehashing the log.
 *
 * <p>Only the writer's thread uses it. A task undone in its savepoint takes its leaves back; a
 * transaction that does not commit leaves the log to be read again from the database; and where
 * other processes write the same database, it is read again whenever they have appended.
 */
final class MerkleLog {
  private static final String UPSERT_TILE =
      "INSERT INTO log_tile (level, idx, hashes) VALUES (?, ?, ?) ON CONFLICT (level, idx) DO"
          + " UPDATE SET hashes = excluded.hashes";
  private static final String UPDATE_STATE = "UPDATE log_state SET size = ?, edge = ? WHERE id = 1";

  /** The tree as committed, and with this transaction's leaves. */
  private CompactTree committed = CompactTree.empty();

  private CompactTree tree = CompactTree.empty();

  /** The leaves appended since the last commit. */
  private final List<Hash> pending = new ArrayList<>();

  /** Per level, the hashes of its rightmost tile that is not full, as committed. */
  private final List<List<Hash>> edgeTiles = new ArrayList<>();

  private CompactTree markTree = CompactTree.empty();
  private int markPending;
  private boolean stale = true;

  /** The number of leaves, this transaction's included. */
  long size() {
    return tree.size();
  }

  /** Appends a leaf; returns its index. */
  long append(Hash leaf) {
    long index = tree.size();
    tree = tree.append(leaf);
    pending.add(leaf);
    return index;
  }

  /** A transaction begins: reads the log again when it may have changed behind this writer. */
  void began(Handle h, boolean shared) {
    if (stale || (shared && storedSize(h) != committed.size())) {
      load(h);
    }
  }

  void taskStarted() {
    markTree = tree;
    markPending = pending.size();
  }

  void taskUndone() {
    tree = markTree;
    pending.subList(markPending, pending.size()).clear();
  }

  /** Writes the tiles this transaction's leaves changed and the tree's right edge. */
  void committing(Handle h) {
    if (pending.isEmpty()) {
      return;
    }
    // from here the database holds what memory is about to: until the commit, it is read again
    stale = true;
    Map<Long, List<Hash>> changed = new HashMap<>();
    long leaves = committed.size();
    for (Hash leaf : pending) {
      leaves++;
      add(0, leaf, leaves, changed);
    }
    // the writer's kept statements: Jdbi's own statement set-up cost more than the rows
    try (PreparedStatement tiles = Database.statement(h, UPSERT_TILE);
        PreparedStatement state = Database.statement(h, UPDATE_STATE)) {
      for (Map.Entry<Long, List<Hash>> tile : changed.entrySet()) {
        tiles.setInt(1, (int) (tile.getKey() >>> 56));
        tiles.setLong(2, tile.getKey() & ((1L << 56) - 1));
        tiles.setBytes(3, bytes(tile.getValue()));
        tiles.executeUpdate();
      }
      state.setLong(1, tree.size());
      state.setBytes(2, bytes(tree.edge()));
      state.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not write the audit log's tiles at size " + tree.size(), e);
    }
    pending.clear();
  }

  /** The transaction committed: what memory holds is what the database holds. */
  void committed() {
    committed = tree;
    stale = false;
  }

  /** The transaction did not commit: the log is read again before the next one. */
  void rolledBack() {
    stale = true;
  }

  /**
   * Adds a hash to the rightmost tile of a level, {@code leaves} being the leaves counted so far; a
   * tile it fills adds its root to the level above.
   */
  private void add(int level, Hash hash, long leaves, Map<Long, List<Hash>> changed) {
    while (edgeTiles.size() <= level) {
      edgeTiles.add(new ArrayList<>());
    }
    List<Hash> tile = edgeTiles.get(level);
    tile.add(hash);
    long node = (leaves >>> (Tiles.HEIGHT * level)) - 1;
    changed.put(((long) level << 56) | (node / Tiles.WIDTH), tile);
    if (tile.size() == Tiles.WIDTH) {
      edgeTiles.set(level, new ArrayList<>());
      add(level + 1, Tiles.root(tile), leaves, changed);
    }
  }

  private void load(Handle h) {
    var state =
        h.createQuery("SELECT size, edge FROM log_state WHERE id = 1")
            .map((rs, ctx) -> CompactTree.of(rs.getLong("size"), hashes(rs.getBytes("edge"))))
            .one();
    committed = state;
    tree = state;
    pending.clear();
    edgeTiles.clear();
    for (int level = 0; (state.size() >>> (Tiles.HEIGHT * level)) > 0; level++) {
      long nodes = state.size() >>> (Tiles.HEIGHT * level);
      int width = (int) (nodes % Tiles.WIDTH);
      List<Hash> tile = new ArrayList<>();
      if (width > 0) {
        byte[] stored =
            h.createQuery("SELECT hashes FROM log_tile WHERE level = :level AND idx = :idx")
                .bind("level", level)
                .bind("idx", nodes / Tiles.WIDTH)
                .mapTo(byte[].class)
                .one();
        tile.addAll(hashes(stored).subList(0, width));
      }
      edgeTiles.add(tile);
    }
    stale = false;
  }

  private static long storedSize(Handle h) {
    return h.createQuery("SELECT size FROM log_state WHERE id = 1").mapTo(Long.class).one();
  }

  static byte[] bytes(List<Hash> hashes) {
    ByteBuffer b = ByteBuffer.allocate(hashes.size() * Hash.LENGTH);
    hashes.forEach(x -> b.put(x.bytes()));
    return b.array();
  }

  static List<Hash> hashes(byte[] bytes) {
    List<Hash> out = new ArrayList<>(bytes.length / Hash.LENGTH);
    for (int i = 0; i + Hash.LENGTH <= bytes.length; i += Hash.LENGTH) {
      out.add(Hash.of(java.util.Arrays.copyOfRange(bytes, i, i + Hash.LENGTH)));
    }
    return out;
  }
}
