package dev.backchannel.cable.canonical;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding that reports the line and column of the first bad byte. */
public final class Utf8 {
  private Utf8() {}

  /**
   * The number of bytes {@code text} takes in UTF-8, counted without encoding it: the length of
   * {@code text.getBytes(UTF_8)}, where an unpaired surrogate becomes one replacement byte.
   */
  public static long length(CharSequence text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        bytes += 1;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /**
   * The text of {@code bytes}.
   *
   * @throws CableSyntaxException with code {@link SyntaxCode#ENCODING} at the first byte that is
   *     not valid UTF-8
   */
  public static String decode(byte[] bytes) {
    String fast = new String(bytes, StandardCharsets.UTF_8);
    if (fast.indexOf('\uFFFD') < 0) {
      return fast; // the JDK decoder replaces bad input with U+FFFD; without one the bytes were
      // good
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw badByte(bytes, in.position());
    }
    result = decoder.flush(out);
    if (result.isError()) {
      throw badByte(bytes, in.position());
    }
    out.flip();
    return out.toString();
  }

  private static CableSyntaxException badByte(byte[] bytes, int position) {
    int offset = Math.min(position, bytes.length - 1);
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
    int column = before.codePointCount(0, before.length()) + 1;
    return new CableSyntaxException(
        line,
        column,
        SyntaxCode.ENCODING,
        String.format("byte 0x%02X at offset %d is not valid UTF-8", bytes[offset] & 0xff, offset));
  }
}
