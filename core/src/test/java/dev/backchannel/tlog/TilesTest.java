package dev.backchannel.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tiles as C2SP tlog-tiles names and fills them, and proofs computed from them. */
class TilesTest {

  @Test
  void pathsAreWrittenAsTheSpecificationsExamplesAndReadBack() {
    Tiles.Tile t = new Tiles.Tile(0, 1234067, 256);

    assertThat(t.path()).isEqualTo("tile/0/x001/x234/067");
    assertThat(new Tiles.Tile(2, 5, 17).path()).isEqualTo("tile/2/005.p/17");
    assertThat(new Tiles.Tile(Tiles.ENTRIES, 1000, 1).path())
        .isEqualTo("tile/entries/x001/000.p/1");
    assertThat(Tiles.parse("0/x001/x234/067")).isEqualTo(t);
    assertThat(Tiles.parse("entries/x001/000.p/1"))
        .isEqualTo(new Tiles.Tile(Tiles.ENTRIES, 1000, 1));
  }

  @Test
  void pathsTheSpecificationDoesNotAllowAreRefused() {
    for (String bad :
        List.of(
            "0/67",
            "0/1234067",
            "00/067",
            "0/067.p/256",
            "0/067.p/0",
            "0/067.p/08",
            "a/067",
            "0/x999/x999/x999/x999/x999/x999/x999/999")) {
      assertThatThrownBy(() -> Tiles.parse(bad)).hasMessage("tile: not a tile path: " + bad);
    }
  }

  @Test
  void aTreeOfSeventyThousandHasTheTilesTheSpecificationCounts() {
    List<Tiles.Tile> level0 = Tiles.tiles(0, 70_000);
    assertThat(level0).hasSize(274);
    assertThat(level0.getLast()).isEqualTo(new Tiles.Tile(0, 273, 112));
    assertThat(Tiles.tiles(1, 70_000))
        .containsExactly(new Tiles.Tile(1, 0, 256), new Tiles.Tile(1, 1, 17));
    assertThat(Tiles.tiles(2, 70_000)).containsExactly(new Tiles.Tile(2, 0, 1));
    assertThat(Tiles.tiles(1, 256)).containsExactly(new Tiles.Tile(1, 0, 1));
    assertThat(Tiles.tiles(63, Long.MAX_VALUE)).as("no level above the tree").isEmpty();
  }

  @Test
  void subtreesAndProofsFromTilesEqualThoseFromTheLeaves() {
    int n = 70_000;
    List<Hash> leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      leaves.add(Rfc6962.leafHash(("entry " + i).getBytes(StandardCharsets.UTF_8)));
    }
    // level 0 holds the leaves' hashes, level 1 the roots of full level-0 tiles, and so on
    List<List<Hash>> levels = new ArrayList<>();
    levels.add(leaves);
    while (levels.getLast().size() >= Tiles.WIDTH) {
      List<Hash> below = levels.getLast();
      List<Hash> up = new ArrayList<>();
      for (int i = 0; i + Tiles.WIDTH <= below.size(); i += Tiles.WIDTH) {
        up.add(Tiles.root(below.subList(i, i + Tiles.WIDTH)));
      }
      levels.add(up);
    }
    Tiles.Source source =
        (level, index) -> {
          List<Hash> hashes = levels.get(level);
          int from = (int) index * Tiles.WIDTH;
          return hashes.subList(from, Math.min(hashes.size(), from + Tiles.WIDTH));
        };
    Proofs.Subtrees fromTiles = Tiles.subtrees(source);
    Proofs.Subtrees fromLeaves = (start, end) -> Tiles.root(leaves.subList((int) start, (int) end));
    CompactTree tree = CompactTree.empty();
    for (Hash h : leaves) {
      tree = tree.append(h);
    }

    assertThat(fromTiles.hash(0, n)).isEqualTo(tree.root());
    for (long[] c : new long[][] {{0, 1}, {65_535, 70_000}, {69_999, 70_000}, {300, 65_537}}) {
      long index = c[0];
      long size = c[1];
      assertThat(Proofs.inclusion(index, size, fromTiles))
          .isEqualTo(Proofs.inclusion(index, size, fromLeaves));
      assertThat(Proofs.consistency(index + 1, size, fromTiles))
          .isEqualTo(Proofs.consistency(index + 1, size, fromLeaves));
    }
  }
}
