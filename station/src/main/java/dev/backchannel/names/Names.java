package dev.backchannel.names;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import dev.backchannel.service.Refused;
import java.util.BitSet;
import java.util.Locale;
import java.util.Objects;

/**
 * The one name policy (issue 21, G3, G9) for every name a person reads to tell one thing from
 * another: user names, the names cables address users by, channels, ends, exchanges, series and
 * caveats. A name that looks like another must not reach eyes-only content meant for the other, so
 * a name is refused unless it is
 *
 * <ul>
 *   <li>1 to 100 characters, already in NFC: refused rather than normalised, since cables carry
 *       names verbatim (G2) and a name stored otherwise than written would no longer match the
 *       cables that already carry it;
 *   <li>free of control (Cc), format (Cf: zero-width, bidi controls), private-use, surrogate and
 *       unassigned characters and of every space but U+0020, which may stand only singly between
 *       two other characters;
 *   <li>of one script, with Common and Inherited characters (digits, punctuation, combining marks)
 *       alongside it: the UTS #39 resolved script set of its characters is not empty.
 * </ul>
 *
 * <p>Two names of one kind are the same name when their {@link #skeleton skeletons} are equal, so
 * {@code HAIG} and {@code НАІG} (Cyrillic Н, А, І) cannot both exist; the store keeps the skeletons
 * and enforces that with unique indexes.
 *
 * <p>It lives in the station, not in {@code core}, because it needs ICU4J's Unicode data (scripts,
 * the confusables of UTS #39), which the JDK lacks and which the dependency-free core should not
 * carry: the core's values already refuse control characters in what a cable holds; this is the
 * station's rule for what its directory holds.
 */
public final class Names {
  /** The longest name, in UTF-16 units, as the store has always allowed. */
  public static final int MAX_LENGTH = 100;

  private static final Normalizer2 NFC = Normalizer2.getNFCInstance();

  /**
   * The UTS #39 skeleton: a built checker is immutable and may be used by many threads at once, so
   * one serves the station. Only the confusable data is used, no check.
   */
  private static final SpoofChecker SPOOF =
      new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build();

  private Names() {}

  /** What a name names: its words in messages. */
  public enum Kind {
    USER("a user name"),
    ADDRESSED_AS("a name cables address a user by"),
    CHANNEL("a channel name"),
    END("an end name"),
    EXCHANGE("an exchange name"),
    SERIES("a series name"),
    CAVEAT("a caveat name");

    private final String words;

    Kind(String words) {
      this.words = words;
    }

    /** As a message says it: {@code a user name}. */
    public String words() {
      return words;
    }
  }

  /**
   * The name, when the policy accepts it as a name of that kind.
   *
   * @param field the request field it came in, named by the refusal
   * @throws Refused INVALID naming the field, with the name {@link #escaped escaped}: too long or
   *     short, surrounding or double spaces, not NFC, a forbidden character, or mixed scripts
   */
  public static String require(Kind kind, String field, String name) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(name, "name");
    String a = kind.words();
    if (name.isEmpty()
        || name.length() > MAX_LENGTH
        || name.startsWith(" ")
        || name.endsWith(" ")) {
      throw Refused.invalid(
          field,
          a
              + " must be 1 to "
              + MAX_LENGTH
              + " characters without surrounding spaces: "
              + quoted(name));
    }
    if (name.contains("  ")) {
      throw Refused.invalid(field, a + " must not hold two spaces together: " + quoted(name));
    }
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      String what = forbidden(c);
      if (!what.isEmpty()) {
        throw Refused.invalid(
            field, a + " must not hold " + described(c) + ", " + what + ": " + quoted(name));
      }
      i += Character.charCount(c);
    }
    if (!NFC.isNormalized(name)) {
      throw Refused.invalid(
          field,
          a
              + " must be in Unicode normal form C, as "
              + quoted(NFC.normalize(name))
              + " is: "
              + quoted(name));
    }
    if (resolvedScripts(name).isEmpty()) {
      throw Refused.invalid(
          field, a + " must be written in one script, not mixed ones: " + quoted(name));
    }
    return name;
  }

  /**
   * {@code U+200B ZERO WIDTH SPACE}; the code alone for a character without a name (controls,
   * private-use, unassigned).
   */
  private static String described(int c) {
    String code = String.format(Locale.ROOT, "U+%04X", c);
    String name = UCharacter.getName(c);
    return name == null ? code : code + " " + name;
  }

  /**
   * What is wrong with a character in a name, or an empty string when nothing is. Unpaired
   * surrogates fall under {@code SURROGATE}.
   */
  private static String forbidden(int c) {
    if (c == ' ') {
      return "";
    }
    return switch (UCharacter.getType(c)) {
      case UCharacter.CONTROL -> "a control character";
      case UCharacter.FORMAT -> "an invisible format character";
      case UCharacter.PRIVATE_USE -> "a private-use character";
      case UCharacter.SURROGATE -> "half a surrogate pair";
      case UCharacter.UNASSIGNED -> "an unassigned code point";
      case UCharacter.SPACE_SEPARATOR, UCharacter.LINE_SEPARATOR, UCharacter.PARAGRAPH_SEPARATOR ->
          "a space other than U+0020";
      default ->
          UCharacter.hasBinaryProperty(c, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
              ? "an invisible character"
              : "";
    };
  }

  /**
   * The UTS #39 resolved script set: the scripts every character of the name may be written in (by
   * its Script_Extensions), Common and Inherited characters going with any. Empty for a name of
   * mixed scripts; every script for a name of Common and Inherited characters alone.
   */
  private static BitSet resolvedScripts(String name) {
    BitSet all = new BitSet();
    all.set(0, UCharacter.getIntPropertyMaxValue(UProperty.SCRIPT) + 1);
    BitSet scripts = new BitSet();
    name.codePoints()
        .forEach(
            c -> {
              scripts.clear();
              UScript.getScriptExtensions(c, scripts);
              augment(scripts);
              if (!scripts.get(UScript.COMMON) && !scripts.get(UScript.INHERITED)) {
                all.and(scripts);
              }
            });
    return all;
  }

  /**
   * Adds the writing systems of UTS #39 that mix scripts by nature, so that a Japanese name of Han
   * and kana or a Korean one of Han and Hangul is of one script, as it reads.
   */
  private static void augment(BitSet scripts) {
    if (scripts.get(UScript.HAN)) {
      scripts.set(UScript.HAN_WITH_BOPOMOFO);
      scripts.set(UScript.JAPANESE);
      scripts.set(UScript.KOREAN);
    }
    if (scripts.get(UScript.HIRAGANA) || scripts.get(UScript.KATAKANA)) {
      scripts.set(UScript.JAPANESE);
    }
    if (scripts.get(UScript.HANGUL)) {
      scripts.set(UScript.KOREAN);
    }
    if (scripts.get(UScript.BOPOMOFO)) {
      scripts.set(UScript.HAN_WITH_BOPOMOFO);
    }
  }

  /** Written with every character outside printable ASCII as {@code <U+200B>}, and quoted. */
  public static String quoted(String s) {
    return "\"" + escaped(s) + "\"";
  }

  /**
   * The text with every character outside printable ASCII (and the backslash and quote) as {@code
   * <U+XXXX>}, so that a message shows what a name holds and no terminal acts on it.
   */
  public static String escaped(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                out.append((char) c);
              } else {
                out.append(String.format(Locale.ROOT, "<U+%04X>", c));
              }
            });
    return out.toString();
  }

  /**
   * The UTS #39 confusable skeleton of a name in upper case: two names of one kind with equal
   * skeletons are the same name to a reader ({@code HAIG}, {@code haig}, {@code HАIG}, Cyrillic
   * {@code АВЕ} and Latin {@code ABE}). Upper case, not case-folded, because cables hold the names
   * they carry in upper case (DESIGN 4.1): those are the glyphs readers compare, and folding would
   * part pairs such as Cyrillic {@code В} and Latin {@code B} whose lower cases differ.
   */
  public static String skeleton(String name) {
    return SPOOF.getSkeleton(UCharacter.toUpperCase(Locale.ROOT, name));
  }
}
