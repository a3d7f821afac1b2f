package dev.backchannel.cable.edition;

import dev.backchannel.cable.CaveatRegistry;
import dev.backchannel.cable.Limits;
import dev.backchannel.cable.canonical.CableSyntaxException;
import dev.backchannel.cable.canonical.SyntaxCode;
import dev.backchannel.cable.canonical.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads the historical (edition) text of DESIGN 4.2, the form in which published editions print
 * cables, into the cable and its edition facts. The reader is lenient where the canonical parser is
 * strict: what it cannot place it reports in {@link Edition#unplacedLines()}, and it refuses a
 * document only when no cable can be made of it (no numbered heading, no sender or addressee, no
 * text, or a cable beyond the limits). Thread-safe and immutable.
 */
public final class EditionText {
  /** The largest edition text read, in bytes: footnotes and notes come on top of the cable. */
  public static final int MAX_BYTES = 1024 * 1024;

  private static final Pattern HEADING = Pattern.compile("\\s*[0-9]{1,6}\\.\\s+\\S.*");

  private final CaveatRegistry caveats;
  private final Limits limits;

  /** Phrases whose kind, and titles whose parties, are remembered at most. */
  private static final int REMEMBERED = 10_000;

  private final Memo<PhraseKind> phraseKinds = new Memo<>(REMEMBERED);
  private final Memo<EditionParser.Parties> titles = new Memo<>(REMEMBERED);

  /**
   * @param caveats the caveats a source note's markings are read against
   * @param limits the limits the cable must keep (those of the canonical text)
   */
  public EditionText(CaveatRegistry caveats, Limits limits) {
    this.caveats = Objects.requireNonNull(caveats, "caveats");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** The default caveat registry and limits. */
  public static EditionText standard() {
    return new EditionText(CaveatRegistry.DEFAULT, Limits.DEFAULT);
  }

  /**
   * Reads edition text from its UTF-8 bytes.
   *
   * @throws CableSyntaxException if the bytes are not UTF-8, or no cable can be made of the text
   */
  public EditionCable parse(byte[] utf8) {
    Objects.requireNonNull(utf8, "utf8");
    if (utf8.length > MAX_BYTES) {
      throw new CableSyntaxException(
          1,
          1,
          SyntaxCode.TOO_LARGE,
          "the text is " + utf8.length + " bytes; the limit for edition text is " + MAX_BYTES);
    }
    return new EditionParser(caveats, limits, phraseKinds, titles, Utf8.decode(utf8)).parse();
  }

  /**
   * Reads edition text.
   *
   * @throws CableSyntaxException as {@link #parse(byte[])}
   */
  public EditionCable parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * True if {@code text} opens like edition text: its first non-blank line is a numbered heading
   * such as {@code 54. Backchannel Message From …}. Canonical text opens with a precedence.
   */
  public static boolean looksLikeEdition(String text) {
    for (String line : text.lines().limit(20).toList()) {
      if (!line.isBlank()) {
        return HEADING.matcher(line).matches();
      }
    }
    return false;
  }
}
