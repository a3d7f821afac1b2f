package dev.backchannel.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A witness's cosignature of a checkpoint (C2SP tlog-cosignature v1): the witness signs, with
 * Ed25519, the line {@code cosignature/v1}, the line {@code time T} (seconds since the epoch) and
 * the checkpoint's text, and writes a note signature line {@code — NAME base64(keyID || T ||
 * signature)}, where T is 8 bytes big-endian and the key ID the first 4 bytes of SHA-256 of {@code
 * NAME}, a newline, the algorithm byte 0x04 and the 32-byte public key.
 */
public final class Cosignature {
  private Cosignature() {}

  /** The signature type of a cosignature/v1 key. */
  public static final byte ALGORITHM = 0x04;

  private static final String DASH = "\u2014 ";

  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  /** The key ID of a witness key: SHA-256(name || "\n" || 0x04 || key), first 4 bytes. */
  public static int keyId(String name, byte[] rawPublicKey) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(name.getBytes(StandardCharsets.UTF_8));
      d.update((byte) '\n');
      d.update(ALGORITHM);
      d.update(rawPublicKey);
      return ByteBuffer.wrap(d.digest()).getInt();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** What a witness signs for a checkpoint's text at time {@code time}. */
  static byte[] message(String checkpointText, long time) {
    return ("cosignature/v1\ntime " + time + "\n" + checkpointText)
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The cosignature line of a checkpoint's text, without its final newline.
   *
   * @param checkpointText the checkpoint's text, as signed in its note (ending in a newline)
   * @param name the witness's key name
   * @param rawPublicKey its 32-byte public key, for the key ID
   * @param time when it cosigns, in seconds since the epoch
   */
  public static String sign(
      String checkpointText, String name, PrivateKey key, byte[] rawPublicKey, long time) {
    Objects.requireNonNull(checkpointText, "checkpointText");
    if (time < 0) {
      throw new IllegalArgumentException("time: seconds since the epoch, not " + time);
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(message(checkpointText, time));
      byte[] line =
          ByteBuffer.allocate(4 + 8 + 64)
              .putInt(keyId(name, rawPublicKey))
              .putLong(time)
              .put(s.sign())
              .array();
      return DASH + name + " " + Base64.getEncoder().encodeToString(line);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not cosign as " + name, e);
    }
  }

  /**
   * The time a cosignature line states, when it is {@code name}'s and verifies over the
   * checkpoint's text; empty otherwise.
   */
  public static OptionalLong verify(
      String checkpointText, String line, String name, byte[] rawPublicKey) {
    if (!line.startsWith(DASH + name + " ")) {
      return OptionalLong.empty();
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(line.substring(DASH.length() + name.length() + 1));
    } catch (IllegalArgumentException e) {
      return OptionalLong.empty();
    }
    if (bytes.length != 76) {
      return OptionalLong.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    if (b.getInt() != keyId(name, rawPublicKey)) {
      return OptionalLong.empty();
    }
    long time = b.getLong();
    try {
      byte[] spki = new byte[SPKI_PREFIX.length + 32];
      System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
      System.arraycopy(rawPublicKey, 0, spki, SPKI_PREFIX.length, 32);
      PublicKey key =
          KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(message(checkpointText, time));
      return s.verify(Arrays.copyOfRange(bytes, 12, 76))
          ? OptionalLong.of(time)
          : OptionalLong.empty();
    } catch (GeneralSecurityException e) {
      return OptionalLong.empty();
    }
  }
}
