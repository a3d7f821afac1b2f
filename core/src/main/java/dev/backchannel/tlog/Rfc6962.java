package dev.backchannel.tlog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashing of RFC 6962 (and RFC 9162, 2.1.1): a leaf is hashed with a 0x00 byte before it, two
 * subtrees with a 0x01 byte before theirs, so that no leaf can pass for an inner node.
 */
public final class Rfc6962 {
  private Rfc6962() {}

  /** The root of the tree of no leaves: SHA-256 of nothing. */
  public static Hash emptyRoot() {
    return Hash.of(sha256().digest());
  }

  /** {@code SHA-256(0x00 || entry)}: the hash of a leaf holding {@code entry}. */
  public static Hash leafHash(byte[] entry) {
    MessageDigest d = sha256();
    d.update((byte) 0x00);
    d.update(entry);
    return Hash.of(d.digest());
  }

  /** {@code SHA-256(0x01 || left || right)}: the hash of the subtree of two. */
  public static Hash nodeHash(Hash left, Hash right) {
    MessageDigest d = sha256();
    d.update((byte) 0x01);
    d.update(left.raw());
    d.update(right.raw());
    return Hash.of(d.digest());
  }

  /** A fresh digest, cloned: cheaper than looking one up in the providers, or in a thread local. */
  private static final MessageDigest PROTOTYPE = prototype();

  private static MessageDigest prototype() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 cannot be cloned", e);
    }
  }
}
