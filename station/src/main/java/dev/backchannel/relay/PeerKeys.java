package dev.backchannel.relay;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A station's Ed25519 public key as operators exchange it: base64 of its X.509 encoding (what
 * {@code init} prints and a station shows), and its fingerprint, read aloud over the telephone to
 * compare.
 */
public final class PeerKeys {
  private PeerKeys() {}

  /** The X.509 encoding of an Ed25519 key begins so; the 32 key bytes follow. */
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  /**
   * The key a text holds: base64 of the X.509 encoding, or of the 32 raw key bytes.
   *
   * @throws IllegalArgumentException naming the problem when it holds no Ed25519 public key
   */
  public static PublicKey parse(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the key is not base64: " + quote(text), e);
    }
    if (bytes.length == 32) {
      byte[] x509 = new byte[X509_PREFIX.length + 32];
      System.arraycopy(X509_PREFIX, 0, x509, 0, X509_PREFIX.length);
      System.arraycopy(bytes, 0, x509, X509_PREFIX.length, 32);
      bytes = x509;
    }
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the key is not an Ed25519 public key (base64 of its X.509 encoding or of its 32 bytes): "
              + quote(text),
          e);
    }
  }

  /** The key as base64 of its X.509 encoding, the one form a station stores. */
  public static String text(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /**
   * The fingerprint to compare by telephone: the first 16 bytes of the SHA-256 of the X.509
   * encoding, as eight groups of four hex digits ({@code 3f2a 91c0 …}).
   */
  public static String fingerprint(PublicKey key) {
    byte[] hash;
    try {
      hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    String hex = HexFormat.of().formatHex(hash, 0, 16);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 4) {
      b.append(i == 0 ? "" : " ").append(hex, i, i + 4);
    }
    return b.toString();
  }

  private static String quote(String text) {
    return "\"" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "\"";
  }
}
