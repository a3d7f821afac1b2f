package dev.backchannel.cable;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Rules shared by every piece of text a cable holds: one line, NFC, no control characters, no
 * surrounding spaces. Header values are also upper case (DESIGN 4.1).
 */
public final class Text {
  private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

  private Text() {}

  /**
   * Checks that {@code value} can stand as one line of cable text and returns it in NFC.
   *
   * @throws InvalidValueException if it is empty, has a line break, tab or other control character,
   *     an unpaired surrogate, or a leading or trailing space
   */
  public static String line(String field, String value) {
    Objects.requireNonNull(value, field);
    String nfc = nfc(value);
    if (nfc.isEmpty()) {
      throw new InvalidValueException(field, "must not be empty");
    }
    for (int i = 0; i < nfc.length(); i++) {
      char c = nfc.charAt(i);
      if (isForbidden(c)) {
        throw new InvalidValueException(
            field,
            String.format(
                "must not contain the control character U+%04X (at %d) in %s",
                (int) c, i + 1, quote(nfc)));
      }
      if (Character.isHighSurrogate(c)
          && (i + 1 == nfc.length() || !Character.isLowSurrogate(nfc.charAt(i + 1)))) {
        throw new InvalidValueException(field, "has an unpaired surrogate at " + (i + 1));
      }
      if (Character.isLowSurrogate(c)
          && (i == 0 || !Character.isHighSurrogate(nfc.charAt(i - 1)))) {
        throw new InvalidValueException(field, "has an unpaired surrogate at " + (i + 1));
      }
    }
    if (Character.isWhitespace(nfc.codePointAt(0))
        || Character.isSpaceChar(nfc.codePointAt(0))
        || Character.isWhitespace(nfc.codePointBefore(nfc.length()))
        || Character.isSpaceChar(nfc.codePointBefore(nfc.length()))) {
      throw new InvalidValueException(field, "must not begin or end with a space: " + quote(nfc));
    }
    return nfc;
  }

  /**
   * Like {@link #line} and upper-cased, as header values are held (DESIGN 4.1).
   *
   * @throws InvalidValueException as {@link #line}
   */
  public static String header(String field, String value) {
    String upper = line(field, value).toUpperCase(Locale.ROOT);
    return line(field, upper);
  }

  /**
   * Like {@link #header}, and also refuses the characters that separate header entries ({@code ;})
   * or mark a place ({@code (} and {@code )}).
   */
  public static String headerEntry(String field, String value) {
    String v = header(field, value);
    for (char c : new char[] {';', '(', ')'}) {
      if (v.indexOf(c) >= 0) {
        throw new InvalidValueException(field, "must not contain '" + c + "': " + quote(v));
      }
    }
    return v;
  }

  /** True for characters no cable text may hold: C0 and C1 controls and the Unicode line breaks. */
  public static boolean isForbidden(char c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }

  /**
   * The value in double quotes for error messages: control characters written as {@code \\uXXXX},
   * long values shortened to 57 characters and {@code ...}.
   */
  public static String quote(String value) {
    StringBuilder b = new StringBuilder("\"");
    int shown = 0;
    for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
      if (shown++ == 57 && value.codePointCount(i, value.length()) > 3) {
        b.append("...");
        break;
      }
      int cp = value.codePointAt(i);
      if (cp < 0x10000 && isForbidden((char) cp)) {
        b.append(String.format("\\u%04X", cp));
      } else {
        b.appendCodePoint(cp);
      }
    }
    return b.append('"').toString();
  }

  /** The words upper-cased, trimmed and with runs of white space made single spaces. */
  public static String normalWords(String words) {
    String upper = words.strip().toUpperCase(Locale.ROOT);
    for (int i = 0; i < upper.length(); i++) {
      char c = upper.charAt(i);
      if (c != ' ' && Character.isWhitespace(c) || c == ' ' && upper.charAt(i + 1) == ' ') {
        return WHITE_SPACE.matcher(upper).replaceAll(" ");
      }
    }
    return upper;
  }

  /**
   * {@code value} in Unicode normalisation form C. Text below U+0300, where no character composes
   * with another, is returned as it is without the cost of normalising.
   */
  public static String nfc(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) >= '\u0300') {
        // most such text (curly quotes, dashes) is NFC already: checking costs no copy
        return Normalizer.isNormalized(value, Normalizer.Form.NFC)
            ? value
            : Normalizer.normalize(value, Normalizer.Form.NFC);
      }
    }
    return value;
  }

  /**
   * The constant of a closed vocabulary whose words match {@code words} in any case and spacing.
   */
  public static <E extends Enum<E>> Optional<E> byWords(
      Class<E> vocabulary, Function<E, String> wordsOf, String words) {
    String w = normalWords(words);
    for (E e : vocabulary.getEnumConstants()) {
      if (wordsOf.apply(e).equals(w)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
