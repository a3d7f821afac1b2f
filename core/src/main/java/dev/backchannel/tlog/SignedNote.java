package dev.backchannel.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Notes signed with Ed25519 as C2SP's signed-note says: a text ending in a newline, a blank line,
 * then signature lines {@code — NAME BASE64(KEYID || SIGNATURE)}, where the key id is the first
 * four bytes of {@code SHA-256(NAME || 0x0A || 0x01 || PUBLIC KEY)}. Verifier keys are written
 * {@code NAME+HEX(KEYID)+BASE64(0x01 || PUBLIC KEY)}, as Go's sumdb/note writes them.
 */
public final class SignedNote {
  private SignedNote() {}

  private static final String DASH = "\u2014 ";
  private static final byte ED25519 = 0x01;

  /** The DER prefix of an X.509 Ed25519 public key, before its 32 raw bytes. */
  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  /**
   * A key a note is verified with: its name, id and Ed25519 public key.
   *
   * @param publicKey the 32 raw bytes of the key
   */
  public record Verifier(String name, int keyId, byte[] publicKey) {
    public Verifier {
      requireName(name);
      Objects.requireNonNull(publicKey, "publicKey");
      if (publicKey.length != 32) {
        throw new IllegalArgumentException(
            "publicKey: an Ed25519 public key is 32 bytes, not " + publicKey.length);
      }
      publicKey = publicKey.clone();
      if (keyId != SignedNote.keyId(name, publicKey)) {
        throw new IllegalArgumentException(
            "key id: " + String.format("%08x", keyId) + " is not the id of " + name + "'s key");
      }
    }

    /** The key of {@code name} with the raw public key given; its id computed. */
    public static Verifier of(String name, byte[] publicKey) {
      return new Verifier(name, SignedNote.keyId(name, publicKey), publicKey);
    }

    /**
     * Reads {@code NAME+HEX(KEYID)+BASE64(0x01 || KEY)}.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static Verifier parse(String vkey) {
      // the name holds no '+'; the base64 key may
      String[] parts = vkey.split("\\+", 3);
      if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
        throw new IllegalArgumentException("verifier key: not NAME+KEYID+KEY: " + vkey);
      }
      byte[] typed;
      try {
        typed = Base64.getDecoder().decode(parts[2]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("verifier key: the key is not base64: " + vkey, e);
      }
      if (typed.length != 33 || typed[0] != ED25519) {
        throw new IllegalArgumentException("verifier key: not an Ed25519 key: " + vkey);
      }
      return new Verifier(
          parts[0], Integer.parseUnsignedInt(parts[1], 16), Arrays.copyOfRange(typed, 1, 33));
    }

    /** The key as {@link #parse} reads it. */
    public String text() {
      byte[] typed = new byte[33];
      typed[0] = ED25519;
      System.arraycopy(publicKey, 0, typed, 1, 32);
      return name
          + "+"
          + String.format("%08x", keyId)
          + "+"
          + Base64.getEncoder().encodeToString(typed);
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Verifier v
          && v.name.equals(name)
          && v.keyId == keyId
          && Arrays.equals(v.publicKey, publicKey);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, keyId, Arrays.hashCode(publicKey));
    }

    @Override
    public String toString() {
      return text();
    }
  }

  /** The key id of C2SP's signed-note for an Ed25519 key of that name. */
  public static int keyId(String name, byte[] publicKey) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(name.getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0x0A);
      d.update(ED25519);
      d.update(publicKey);
      return ByteBuffer.wrap(d.digest()).getInt();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The 32 raw bytes of an Ed25519 public key of the JDK. */
  public static byte[] rawPublicKey(PublicKey key) {
    byte[] spki = key.getEncoded();
    return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
  }

  /**
   * Signs {@code text} with {@code key}, the private key of {@code verifier}: the text, a blank
   * line, and the signature line.
   *
   * @throws IllegalArgumentException when the text does not end in one newline, is empty, or holds
   *     a blank line or a control character other than newline
   */
  public static String sign(String text, Verifier verifier, PrivateKey key) {
    requireText(text);
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(text.getBytes(StandardCharsets.UTF_8));
      return withSignature(text, verifier, s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not sign a note with " + verifier.name(), e);
    }
  }

  /** The note of {@code text} with one signature line by {@code verifier}. */
  static String withSignature(String text, Verifier verifier, byte[] signature) {
    byte[] line =
        ByteBuffer.allocate(4 + signature.length).putInt(verifier.keyId()).put(signature).array();
    return text
        + "\n"
        + DASH
        + verifier.name()
        + " "
        + Base64.getEncoder().encodeToString(line)
        + "\n";
  }

  /**
   * The text of {@code note} when it carries a good signature of {@code verifier}; empty when it
   * carries none, or when the first of its lines by that key does not verify (a bad signature by a
   * known key rejects the note, as the specification says).
   */
  public static Optional<String> open(String note, Verifier verifier) {
    int split = note.lastIndexOf("\n\n");
    if (split < 0 || !note.endsWith("\n")) {
      return Optional.empty();
    }
    String text = note.substring(0, split + 1);
    for (String line : note.substring(split + 2, note.length() - 1).split("\n", -1)) {
      if (!line.startsWith(DASH)) {
        return Optional.empty();
      }
      String[] parts = line.substring(DASH.length()).split(" ", -1);
      if (parts.length != 2) {
        return Optional.empty();
      }
      byte[] signed;
      try {
        signed = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      if (signed.length < 4
          || !parts[0].equals(verifier.name())
          || ByteBuffer.wrap(signed).getInt() != verifier.keyId()) {
        continue;
      }
      return verify(text, Arrays.copyOfRange(signed, 4, signed.length), verifier)
          ? Optional.of(text)
          : Optional.empty();
    }
    return Optional.empty();
  }

  private static boolean verify(String text, byte[] signature, Verifier verifier) {
    try {
      byte[] spki = new byte[SPKI_PREFIX.length + 32];
      System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
      System.arraycopy(verifier.publicKey(), 0, spki, SPKI_PREFIX.length, 32);
      PublicKey key =
          KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(text.getBytes(StandardCharsets.UTF_8));
      return s.verify(signature);
    } catch (java.security.SignatureException | java.security.InvalidKeyException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no Ed25519", e);
    }
  }

  private static void requireName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.chars().anyMatch(c -> c == '+' || Character.isWhitespace(c))) {
      throw new IllegalArgumentException(
          "name: a key name is not empty and holds no space or '+': " + name);
    }
  }

  private static void requireText(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()
        || !text.endsWith("\n")
        || text.contains("\n\n")
        || text.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
      throw new IllegalArgumentException(
          "text: a note's text is not empty, ends in one newline and holds no blank line or"
              + " control character other than newline");
    }
  }
}
