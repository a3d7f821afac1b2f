package dev.backchannel.cable.canonical;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.CaveatRegistry;
import dev.backchannel.cable.Limits;
import dev.backchannel.cable.SecurityLabel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The canonical cable text of DESIGN 4.1, whose grammar is written down in {@code
 * docs/canonical-text.md}: a strict parser that accepts exactly what {@link #render} produces, and
 * the SHA-256 of G2 over it. Thread-safe and immutable.
 */
public final class CanonicalText {
  private final CaveatRegistry caveats;
  private final Limits limits;

  /**
   * @param caveats the caveats a label line may name
   * @param limits the size limits a text must keep
   */
  public CanonicalText(CaveatRegistry caveats, Limits limits) {
    this.caveats = Objects.requireNonNull(caveats, "caveats");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** The same limits with another caveat registry (a station's own). */
  public CanonicalText withCaveats(CaveatRegistry registry) {
    return new CanonicalText(registry, limits);
  }

  /** The default caveat registry and limits. */
  public static CanonicalText standard() {
    return new CanonicalText(CaveatRegistry.DEFAULT, Limits.DEFAULT);
  }

  /**
   * Reads canonical text from its UTF-8 bytes.
   *
   * @throws CableSyntaxException if the bytes are not exactly a rendering of some cable, or break a
   *     limit
   */
  public Cable parse(byte[] utf8) {
    Objects.requireNonNull(utf8, "utf8");
    if (utf8.length > limits.maxBytes()) {
      throw new CableSyntaxException(
          1,
          1,
          SyntaxCode.TOO_LARGE,
          "the text is " + utf8.length + " bytes; the limit is " + limits.maxBytes());
    }
    return new CanonicalParser(caveats, limits, Utf8.decode(utf8)).cable();
  }

  /**
   * The security label of a text known to be a valid cable (a stored draft, say), read from its
   * first two lines alone: for deciding who may see it (G3) without parsing the whole text again.
   * The rest of the text is not checked.
   *
   * @throws CableSyntaxException if line 1 is no precedence or line 2 no label of this registry
   */
  public SecurityLabel label(String text) {
    int secondEnd = text.indexOf('\n', text.indexOf('\n') + 1);
    String head = secondEnd < 0 ? text : text.substring(0, secondEnd);
    return new CanonicalParser(caveats, limits, head).labelOnly();
  }

  /**
   * Reads canonical text.
   *
   * @throws CableSyntaxException as {@link #parse(byte[])}
   */
  public Cable parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The canonical text of {@code cable}: NFC, LF line ends, exactly one final newline. */
  public static String render(Cable cable) {
    return CanonicalRenderer.render(cable);
  }

  /** The UTF-8 bytes of the canonical text, as hashed. */
  public static byte[] bytes(Cable cable) {
    return render(cable).getBytes(StandardCharsets.UTF_8);
  }

  /** The SHA-256 of the canonical text's UTF-8 bytes, lower-case hex (G2). */
  public static String sha256(Cable cable) {
    return sha256(render(cable));
  }

  /** The SHA-256 of a canonical text already rendered, lower-case hex (G2). */
  public static String sha256(String canonicalText) {
    return sha256(canonicalText.getBytes(StandardCharsets.UTF_8));
  }

  /** The SHA-256 of a canonical text's UTF-8 bytes, lower-case hex (G2). */
  public static String sha256(byte[] canonicalUtf8) {
    try {
      return HexFormat.of().formatHex(((MessageDigest) DIGEST.clone()).digest(canonicalUtf8));
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 cannot be cloned", e);
    }
  }

  /** Cloned for each hash: looking SHA-256 up in the providers costs more than hashing a cable. */
  private static final MessageDigest DIGEST = digest();

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK must provide SHA-256", e);
    }
  }
}
