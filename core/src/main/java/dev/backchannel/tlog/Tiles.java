package dev.backchannel.tlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tree served as C2SP {@code tlog-tiles}: tiles of 256 consecutive hashes at heights 0, 8, 16
 * and so on, level 0 holding leaf hashes and each level above the roots of full tiles below; the
 * paths they are served at; and any subtree's hash computed from them, which is all a proof needs.
 */
public final class Tiles {
  /** The height of the subtree a tile spans. */
  public static final int HEIGHT = 8;

  /** The hashes of a full tile. */
  public static final int WIDTH = 1 << HEIGHT;

  private static final Pattern PATH =
      Pattern.compile(
          "(0|[1-9][0-9]?|entries)/((?:x[0-9]{3}/)*[0-9]{3})(?:\\.p/([1-9][0-9]{0,2}))?");

  private Tiles() {}

  /**
   * One tile, or one entry bundle (level {@link #ENTRIES}): its level, its index within the level,
   * and how many hashes (entries) it holds, {@link #WIDTH} when full.
   */
  public record Tile(int level, long index, int width) {
    public Tile {
      if (level < ENTRIES || level > 63) {
        throw new IllegalArgumentException("level: a tile's level is 0 to 63, not " + level);
      }
      if (index < 0) {
        throw new IllegalArgumentException("index: a tile's index is 0 or more, not " + index);
      }
      if (width < 1 || width > WIDTH) {
        throw new IllegalArgumentException(
            "width: a tile holds 1 to " + WIDTH + " hashes, not " + width);
      }
    }

    public boolean full() {
      return width == WIDTH;
    }

    public boolean entries() {
      return level == ENTRIES;
    }

    /**
     * Its path below the log's prefix: {@code tile/<L>/<N>[.p/<W>]}, or {@code
     * tile/entries/<N>[.p/<W>]} for an entry bundle, the index in 3-digit elements.
     */
    public String path() {
      StringBuilder n = new StringBuilder(String.format("%03d", index % 1000));
      for (long rest = index / 1000; rest > 0; rest /= 1000) {
        n.insert(0, String.format("x%03d/", rest % 1000));
      }
      return "tile/"
          + (entries() ? "entries" : Integer.toString(level))
          + "/"
          + n
          + (full() ? "" : ".p/" + width);
    }
  }

  /** The level that stands for entry bundles in a {@link Tile}. */
  public static final int ENTRIES = -1;

  /**
   * The tile a path names, the part after {@code tile/}.
   *
   * @throws IllegalArgumentException when the path is not one the specification allows
   */
  public static Tile parse(String path) {
    Matcher m = PATH.matcher(Objects.requireNonNull(path, "path"));
    if (!m.matches()) {
      throw new IllegalArgumentException("tile: not a tile path: " + path);
    }
    long index = 0;
    try {
      for (String element : m.group(2).split("/")) {
        index =
            Math.addExact(
                Math.multiplyExact(index, 1000),
                Long.parseLong(element.substring(element.length() - 3)));
      }
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("tile: not a tile path: " + path, e);
    }
    int width = m.group(3) == null ? WIDTH : Integer.parseInt(m.group(3));
    // a partial tile is 1 to 255 wide
    if (m.group(3) != null && width >= WIDTH) {
      throw new IllegalArgumentException("tile: not a tile path: " + path);
    }
    int level = m.group(1).equals("entries") ? ENTRIES : Integer.parseInt(m.group(1));
    return new Tile(level, index, width);
  }

  /**
   * The tiles at {@code level} of a tree of {@code size} leaves: the full ones, then the partial
   * one when there is one.
   */
  public static List<Tile> tiles(int level, long size) {
    long nodes = nodes(level, size);
    List<Tile> tiles = new ArrayList<>();
    for (long i = 0; i < nodes / WIDTH; i++) {
      tiles.add(new Tile(level, i, WIDTH));
    }
    if (nodes % WIDTH != 0) {
      tiles.add(new Tile(level, nodes / WIDTH, (int) (nodes % WIDTH)));
    }
    return tiles;
  }

  /**
   * The hashes at a level of a tree of {@code size} leaves: one per full subtree of {@code
   * 256^level} leaves (none at a level above the tree's height).
   */
  public static long nodes(int level, long size) {
    return HEIGHT * level >= Long.SIZE ? 0 : size >>> (HEIGHT * level);
  }

  /** The hashes of a log's tiles, as a store keeps them. */
  @FunctionalInterface
  public interface Source {
    /**
     * The hashes of the tile {@code index} at {@code level}: all 256 of a full tile, or as many as
     * the log holds of the tile at its right edge.
     */
    List<Hash> tile(int level, long index);
  }

  /**
   * Any subtree's hash from the tiles: a perfect subtree of height {@code 8l + r} is the root of
   * {@code 2^r} consecutive hashes of one tile at level {@code l}; any other range splits as RFC
   * 6962 splits it.
   */
  public static Proofs.Subtrees subtrees(Source source) {
    Objects.requireNonNull(source, "source");
    return new Proofs.Subtrees() {
      @Override
      public Hash hash(long start, long end) {
        long n = end - start;
        if (n <= 0) {
          throw new IllegalArgumentException("range: no leaves from " + start + " to " + end);
        }
        if (Long.bitCount(n) == 1 && start % n == 0) {
          return perfect(source, start, Long.numberOfTrailingZeros(n));
        }
        long k = Long.highestOneBit(n - 1);
        return Rfc6962.nodeHash(hash(start, start + k), hash(start + k, end));
      }
    };
  }

  private static Hash perfect(Source source, long start, int height) {
    int level = height / HEIGHT;
    int rise = height % HEIGHT;
    long node = start >>> (HEIGHT * level);
    List<Hash> tile = source.tile(level, node / WIDTH);
    int offset = (int) (node % WIDTH);
    int count = 1 << rise;
    if (tile.size() < offset + count) {
      throw new IllegalStateException(
          "the log holds "
              + tile.size()
              + " hashes of tile "
              + new Tile(level, node / WIDTH, WIDTH).path()
              + ", not the "
              + (offset + count)
              + " the subtree at leaf "
              + start
              + " needs");
    }
    return root(tile.subList(offset, offset + count));
  }

  /** The RFC 6962 root (MTH) of these hashes taken as leaves' hashes of a tree. */
  public static Hash root(List<Hash> hashes) {
    if (hashes.isEmpty()) {
      return Rfc6962.emptyRoot();
    }
    if (hashes.size() == 1) {
      return hashes.getFirst();
    }
    int k = Integer.highestOneBit(hashes.size() - 1);
    return Rfc6962.nodeHash(root(hashes.subList(0, k)), root(hashes.subList(k, hashes.size())));
  }
}
