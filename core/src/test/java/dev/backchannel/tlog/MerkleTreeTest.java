package dev.backchannel.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tree of RFC 6962: roots, audit paths and consistency proofs, checked against the RFC's
 * recursive definition (written out here as the oracle), against the roots Certificate
 * Transparency's own tests give for their eight test leaves, and by the verification of RFC 9162.
 */
class MerkleTreeTest {
  /** The eight leaves of Certificate Transparency's Merkle tree tests. */
  private static final List<String> CT_LEAVES =
      List.of(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  /** Their trees' roots, of the first 1 to 8 leaves. */
  private static final List<String> CT_ROOTS =
      List.of(
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  /** MTH as RFC 6962, 2.1, defines it: the oracle the rest is checked against. */
  private static Hash mth(List<Hash> leaves, int start, int end) {
    int n = end - start;
    if (n == 0) {
      return Rfc6962.emptyRoot();
    }
    if (n == 1) {
      return leaves.get(start);
    }
    int k = Integer.highestOneBit(n - 1);
    return Rfc6962.nodeHash(mth(leaves, start, start + k), mth(leaves, start + k, end));
  }

  private static List<Hash> leaves(int n, long seed) {
    Random r = new Random(seed);
    List<Hash> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] entry = new byte[r.nextInt(40)];
      r.nextBytes(entry);
      out.add(Rfc6962.leafHash(entry));
    }
    return out;
  }

  private static Proofs.Subtrees over(List<Hash> leaves) {
    return (start, end) -> mth(leaves, (int) start, (int) end);
  }

  @Test
  void theEmptyTreesRootIsTheHashOfNothing() {
    assertThat(CompactTree.empty().root().hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void theRootsOfCertificateTransparencysTestLeavesComeOutAsItsTestsGiveThem() {
    CompactTree tree = CompactTree.empty();
    List<String> roots = new ArrayList<>();
    for (String leaf : CT_LEAVES) {
      tree = tree.append(Rfc6962.leafHash(HexFormat.of().parseHex(leaf)));
      roots.add(tree.root().hex());
    }

    assertThat(roots).containsExactlyElementsOf(CT_ROOTS);
  }

  @Test
  void appendingLeafByLeafGivesTheRootOfTheDefinitionAtEverySize() {
    List<Hash> leaves = leaves(130, 1);
    CompactTree tree = CompactTree.empty();
    for (int n = 1; n <= leaves.size(); n++) {
      tree = tree.append(leaves.get(n - 1));
      assertThat(tree.root()).as("size %d", n).isEqualTo(mth(leaves, 0, n));
      assertThat(tree.edge()).hasSize(Integer.bitCount(n));
    }
  }

  @Test
  void aStoredTreeGoesOnAsTheOneItWasStoredFrom() {
    List<Hash> leaves = leaves(12, 2);
    CompactTree tree = CompactTree.empty();
    for (Hash h : leaves.subList(0, 11)) {
      tree = tree.append(h);
    }

    CompactTree reread = CompactTree.of(tree.size(), tree.edge());

    assertThat(reread.append(leaves.get(11))).isEqualTo(tree.append(leaves.get(11)));
    assertThat(reread.append(leaves.get(11)).root()).isEqualTo(mth(leaves, 0, 12));
  }

  @Test
  void aStoredTreeWhoseEdgeDoesNotFitItsSizeIsRefused() {
    assertThatThrownBy(() -> CompactTree.of(6, List.of(Rfc6962.emptyRoot())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("edge: a tree of 6 leaves has 2 subtree roots on its right edge, not 1");
  }

  @Test
  void everyLeafsAuditPathProvesItInEveryTreeThatHoldsIt() {
    List<Hash> leaves = leaves(40, 3);
    for (int size = 1; size <= leaves.size(); size++) {
      Hash root = mth(leaves, 0, size);
      for (int i = 0; i < size; i++) {
        List<Hash> path = Proofs.inclusion(i, size, over(leaves));
        assertThat(Proofs.verifyInclusion(leaves.get(i), i, size, path, root))
            .as("leaf %d of %d", i, size)
            .isTrue();
      }
    }
  }

  @Test
  void anAuditPathProvesNothingForAnotherLeafIndexSizeOrRoot() {
    List<Hash> leaves = leaves(21, 4);
    Hash root = mth(leaves, 0, 21);
    List<Hash> path = Proofs.inclusion(6, 21, over(leaves));

    assertThat(Proofs.verifyInclusion(leaves.get(7), 6, 21, path, root)).isFalse();
    assertThat(Proofs.verifyInclusion(leaves.get(6), 7, 21, path, root)).isFalse();
    // a size whose tree has another shape; a proof binds the size through the root, which the
    // signed checkpoint names together with its size
    assertThat(Proofs.verifyInclusion(leaves.get(6), 6, 8, path, root)).isFalse();
    assertThat(Proofs.verifyInclusion(leaves.get(6), 6, 21, path, mth(leaves, 0, 20))).isFalse();
    assertThat(Proofs.verifyInclusion(leaves.get(6), 6, 21, path.subList(1, path.size()), root))
        .isFalse();
    List<Hash> longer = new ArrayList<>(path);
    longer.add(root);
    assertThat(Proofs.verifyInclusion(leaves.get(6), 6, 21, longer, root)).isFalse();
    List<Hash> altered = new ArrayList<>(path);
    altered.set(2, leaves.get(0));
    assertThat(Proofs.verifyInclusion(leaves.get(6), 6, 21, altered, root)).isFalse();
    assertThat(Proofs.verifyInclusion(leaves.get(6), 21, 21, path, root)).isFalse();
  }

  @Test
  void everyOlderTreeIsProvedAPrefixOfEveryNewerOne() {
    List<Hash> leaves = leaves(40, 5);
    for (int second = 1; second <= leaves.size(); second++) {
      for (int first = 0; first <= second; first++) {
        List<Hash> proof = Proofs.consistency(first, second, over(leaves));
        assertThat(
                Proofs.verifyConsistency(
                    first, second, proof, mth(leaves, 0, first), mth(leaves, 0, second)))
            .as("%d in %d", first, second)
            .isTrue();
      }
    }
  }

  @Test
  void aRewrittenHistoryFailsItsConsistencyProof() {
    List<Hash> leaves = leaves(30, 6);
    List<Hash> rewritten = new ArrayList<>(leaves);
    rewritten.set(4, Rfc6962.leafHash(new byte[] {42}));
    Hash oldRoot = mth(leaves, 0, 11);

    // the station serves the rewritten log; a client remembers the old checkpoint of 11
    List<Hash> proof = Proofs.consistency(11, 30, over(rewritten));

    assertThat(Proofs.verifyConsistency(11, 30, proof, oldRoot, mth(rewritten, 0, 30))).isFalse();
    assertThat(
            Proofs.verifyConsistency(11, 30, proof, mth(rewritten, 0, 11), mth(rewritten, 0, 30)))
        .isTrue();
  }

  @Test
  void aConsistencyProofProvesNothingForOtherSizesOrRoots() {
    List<Hash> leaves = leaves(30, 7);
    List<Hash> proof = Proofs.consistency(8, 30, over(leaves));
    Hash first = mth(leaves, 0, 8);
    Hash second = mth(leaves, 0, 30);

    assertThat(Proofs.verifyConsistency(8, 30, proof, first, second)).isTrue();
    assertThat(Proofs.verifyConsistency(8, 16, proof, first, second)).isFalse();
    assertThat(Proofs.verifyConsistency(9, 30, proof, first, second)).isFalse();
    assertThat(Proofs.verifyConsistency(8, 30, proof, second, second)).isFalse();
    assertThat(Proofs.verifyConsistency(8, 30, List.of(), first, second)).isFalse();
    assertThat(Proofs.verifyConsistency(30, 8, proof, first, second)).isFalse();
    assertThat(Proofs.verifyConsistency(30, 30, List.of(), second, first)).isFalse();
  }

  @Test
  void aLeafIsHashedApartFromANodeOfTheSameBytes() {
    Hash a = Rfc6962.leafHash(new byte[] {1});
    Hash b = Rfc6962.leafHash(new byte[] {2});
    byte[] both = new byte[64];
    System.arraycopy(a.bytes(), 0, both, 0, 32);
    System.arraycopy(b.bytes(), 0, both, 32, 32);

    assertThat(Rfc6962.leafHash(both)).isNotEqualTo(Rfc6962.nodeHash(a, b));
  }

  @Test
  void aHashIsThirtyTwoBytesOrSixtyFourHexDigits() {
    assertThatThrownBy(() -> Hash.of(new byte[31]))
        .hasMessage("hash: a SHA-256 hash is 32 bytes, not 31");
    assertThatThrownBy(() -> Hash.ofHex("abc")).hasMessage("hash: not 64 hexadecimal digits: abc");
    assertThat(Hash.ofHex(CT_ROOTS.getFirst()).hex()).isEqualTo(CT_ROOTS.getFirst());
  }

  @Test
  void proofsOfLeavesOrSizesOutsideTheTreeAreRefused() {
    List<Hash> leaves = leaves(5, 8);
    assertThatThrownBy(() -> Proofs.inclusion(5, 5, over(leaves)))
        .hasMessage("index: leaf 5 is not in a tree of 5 leaves");
    assertThatThrownBy(() -> Proofs.consistency(6, 5, over(leaves)))
        .hasMessage("first: a tree of 6 leaves is no prefix of one of 5");
  }
}
