package dev.backchannel.tlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Inclusion and consistency proofs of RFC 6962 (2.1.1, 2.1.2), verified as RFC 9162 (2.1.3.2,
 * 2.1.4.2) says, so that any client of a transparency log can check the station's.
 */
public final class Proofs {
  private Proofs() {}

  /** The hashes of a log's subtrees, as its store keeps or computes them. */
  @FunctionalInterface
  public interface Subtrees {
    /** The root hash (MTH) of the leaves numbered {@code start} (inclusive) to {@code end}. */
    Hash hash(long start, long end);
  }

  /**
   * The audit path of leaf {@code index} in the tree of the first {@code size} leaves.
   *
   * @throws IllegalArgumentException when the index is not a leaf of that tree
   */
  public static List<Hash> inclusion(long index, long size, Subtrees tree) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          "index: leaf " + index + " is not in a tree of " + size + " leaves");
    }
    List<Hash> path = new ArrayList<>();
    path(index, 0, size, tree, path);
    return List.copyOf(path);
  }

  private static void path(long m, long start, long end, Subtrees tree, List<Hash> out) {
    long n = end - start;
    if (n == 1) {
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path(m, start, start + k, tree, out);
      out.add(tree.hash(start + k, end));
    } else {
      path(m - k, start + k, end, tree, out);
      out.add(tree.hash(start, start + k));
    }
  }

  /**
   * The proof that the tree of the first {@code first} leaves is a prefix of the tree of the first
   * {@code second}; empty when {@code first} is 0 or equals {@code second}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= first <= second}
   */
  public static List<Hash> consistency(long first, long second, Subtrees tree) {
    if (first < 0 || first > second) {
      throw new IllegalArgumentException(
          "first: a tree of " + first + " leaves is no prefix of one of " + second);
    }
    List<Hash> proof = new ArrayList<>();
    if (first > 0 && first < second) {
      subproof(first, 0, second, true, tree, proof);
    }
    return List.copyOf(proof);
  }

  private static void subproof(
      long m, long start, long end, boolean whole, Subtrees tree, List<Hash> out) {
    long n = end - start;
    if (m == n) {
      if (!whole) {
        out.add(tree.hash(start, end));
      }
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(m, start, start + k, whole, tree, out);
      out.add(tree.hash(start + k, end));
    } else {
      subproof(m - k, start + k, end, false, tree, out);
      out.add(tree.hash(start, start + k));
    }
  }

  /**
   * Whether {@code path} proves leaf {@code leafHash} at {@code index} in the tree of {@code root}.
   */
  public static boolean verifyInclusion(
      Hash leafHash, long index, long size, List<Hash> path, Hash root) {
    Objects.requireNonNull(leafHash, "leafHash");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(root, "root");
    if (index < 0 || index >= size) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    Hash r = leafHash;
    for (Hash p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = Rfc6962.nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = Rfc6962.nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && r.equals(root);
  }

  /**
   * Whether {@code proof} proves that the tree of {@code first} leaves and root {@code firstRoot}
   * is a prefix of the tree of {@code second} leaves and root {@code secondRoot}.
   */
  public static boolean verifyConsistency(
      long first, long second, List<Hash> proof, Hash firstRoot, Hash secondRoot) {
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(firstRoot, "firstRoot");
    Objects.requireNonNull(secondRoot, "secondRoot");
    if (first < 0 || first > second) {
      return false;
    }
    if (first == second) {
      return proof.isEmpty() && firstRoot.equals(secondRoot);
    }
    if (first == 0) {
      // every tree extends the empty one
      return proof.isEmpty();
    }
    if (proof.isEmpty()) {
      return false;
    }
    List<Hash> path = new ArrayList<>(proof);
    if (Long.bitCount(first) == 1) {
      path.addFirst(firstRoot);
    }
    long fn = first - 1;
    long sn = second - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    Hash fr = path.getFirst();
    Hash sr = path.getFirst();
    for (Hash c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = Rfc6962.nodeHash(c, fr);
        sr = Rfc6962.nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = Rfc6962.nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
  }

  /** The largest power of two smaller than {@code n} (n at least 2). */
  private static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }
}
