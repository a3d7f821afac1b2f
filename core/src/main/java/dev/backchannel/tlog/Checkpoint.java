package dev.backchannel.tlog;

import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A log's tree head as C2SP {@code tlog-checkpoint} writes it, the text of a signed note: the
 * origin line, the tree size in decimal, the root hash in base64, each ending in a newline. The
 * station writes no extension lines, which monitors cannot audit.
 *
 * @param origin the log's unique name: not empty, no white space, no '+'
 * @param size the number of leaves
 * @param root the RFC 6962 root of those leaves
 */
public record Checkpoint(String origin, long size, Hash root) {
  public Checkpoint {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(root, "root");
    if (origin.isEmpty() || origin.chars().anyMatch(c -> c == '+' || Character.isWhitespace(c))) {
      throw new IllegalArgumentException(
          "origin: a log's origin is not empty and holds no white space or '+': " + origin);
    }
    if (size < 0) {
      throw new IllegalArgumentException("size: a tree has 0 leaves or more, not " + size);
    }
  }

  /** The note text: {@code origin\nsize\nbase64(root)\n}. */
  public String text() {
    return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root.raw()) + "\n";
  }

  /**
   * The checkpoint a note's text holds; extension lines are allowed and ignored, as the
   * specification says.
   *
   * @throws IllegalArgumentException naming the line that is not as the specification says
   */
  public static Checkpoint parse(String text) {
    Objects.requireNonNull(text, "text");
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("checkpoint: the text does not end in a newline");
    }
    List<String> lines = List.of(text.substring(0, text.length() - 1).split("\n", -1));
    if (lines.size() < 3) {
      throw new IllegalArgumentException(
          "checkpoint: a checkpoint has an origin, a size and a root hash line, not "
              + lines.size()
              + " lines");
    }
    if (lines.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("checkpoint: a checkpoint holds no empty line");
    }
    String size = lines.get(1);
    if (!size.matches("0|[1-9][0-9]{0,18}")) {
      throw new IllegalArgumentException(
          "checkpoint: the size line is not a decimal number without leading zeroes: " + size);
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines.get(2));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "checkpoint: the root hash line is not base64: " + lines.get(2), e);
    }
    if (root.length != Hash.LENGTH) {
      throw new IllegalArgumentException(
          "checkpoint: the root hash is " + root.length + " bytes, not " + Hash.LENGTH);
    }
    return new Checkpoint(lines.get(0), Long.parseLong(size), Hash.of(root));
  }
}
