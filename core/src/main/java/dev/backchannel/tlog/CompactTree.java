package dev.backchannel.tlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A log's tree as its appends need it: its size and the roots of the perfect subtrees along its
 * right edge, one for each bit set in the size, the largest first. Appending a leaf costs O(log n)
 * hashes and the root O(log n) more; no leaf is hashed again. Immutable: what it is can be stored
 * beside the log, so that a restart does not rehash it.
 */
public final class CompactTree {
  private static final CompactTree EMPTY = new CompactTree(0, List.of());

  private final long size;
  private final List<Hash> edge;

  private CompactTree(long size, List<Hash> edge) {
    this.size = size;
    this.edge = edge;
  }

  /** The tree of no leaves. */
  public static CompactTree empty() {
    return EMPTY;
  }

  /**
   * A tree as stored: its size and its right edge's subtree roots, the largest first.
   *
   * @throws IllegalArgumentException when the edge does not have one root for each bit set in the
   *     size
   */
  public static CompactTree of(long size, List<Hash> edge) {
    Objects.requireNonNull(edge, "edge");
    if (size < 0) {
      throw new IllegalArgumentException("size: a tree has 0 leaves or more, not " + size);
    }
    if (edge.size() != Long.bitCount(size)) {
      throw new IllegalArgumentException(
          "edge: a tree of "
              + size
              + " leaves has "
              + Long.bitCount(size)
              + " subtree roots on its right edge, not "
              + edge.size());
    }
    return new CompactTree(size, List.copyOf(edge));
  }

  public long size() {
    return size;
  }

  /** The roots of the perfect subtrees along the right edge, the largest (leftmost) first. */
  public List<Hash> edge() {
    return edge;
  }

  /** The tree with one more leaf, whose hash ({@link Rfc6962#leafHash}) is given. */
  public CompactTree append(Hash leafHash) {
    Objects.requireNonNull(leafHash, "leafHash");
    List<Hash> next = new ArrayList<>(edge);
    Hash carry = leafHash;
    // each low bit set in the size is a perfect subtree as large as the carry: they merge
    for (long s = size; (s & 1) == 1; s >>= 1) {
      carry = Rfc6962.nodeHash(next.removeLast(), carry);
    }
    next.add(carry);
    return new CompactTree(size + 1, List.copyOf(next));
  }

  /** The tree's root hash (RFC 6962's MTH); {@link Rfc6962#emptyRoot} for no leaves. */
  public Hash root() {
    if (edge.isEmpty()) {
      return Rfc6962.emptyRoot();
    }
    Hash r = edge.getLast();
    for (int i = edge.size() - 2; i >= 0; i--) {
      r = Rfc6962.nodeHash(edge.get(i), r);
    }
    return r;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CompactTree t && t.size == size && t.edge.equals(edge);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(size) * 31 + edge.hashCode();
  }

  @Override
  public String toString() {
    return "CompactTree[size=" + size + ", root=" + root() + "]";
  }
}
