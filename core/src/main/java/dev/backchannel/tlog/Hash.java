package dev.backchannel.tlog;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** A SHA-256 hash of the log: a leaf's, a subtree's or a tree's root. Immutable. */
public final class Hash {
  /** The length of every hash, in bytes. */
  public static final int LENGTH = 32;

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The hash of these bytes, as given (not hashed again).
   *
   * @throws IllegalArgumentException naming the length when it is not {@link #LENGTH}
   */
  public static Hash of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "hash: a SHA-256 hash is " + LENGTH + " bytes, not " + bytes.length);
    }
    return new Hash(bytes.clone());
  }

  /**
   * The hash written as 64 hexadecimal digits.
   *
   * @throws IllegalArgumentException naming the text when it is not that
   */
  public static Hash ofHex(String hex) {
    Objects.requireNonNull(hex, "hex");
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("hash: not 64 hexadecimal digits: " + hex);
    }
    return new Hash(HexFormat.of().parseHex(hex));
  }

  /** Its bytes (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  byte[] raw() {
    return bytes;
  }

  /** Its 64 lower-case hexadecimal digits. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
