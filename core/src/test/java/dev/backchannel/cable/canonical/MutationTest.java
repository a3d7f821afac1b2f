package dev.backchannel.cable.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.backchannel.cable.Cable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every single-byte deletion, insertion and change of valid texts gives either a clean syntax error
 * or a different valid cable whose rendering is exactly the mutated text (the parser is strict: it
 * accepts only what the renderer produces). Nothing else may be thrown.
 */
class MutationTest {
  private final CanonicalText canonical = CanonicalText.standard();

  static Stream<String> texts() throws IOException {
    return Stream.concat(
        Stream.of("example.txt", "draft-unnumbered.txt", "escapes.txt").map(MutationTest::resource),
        Stream.of(7L, 11L).map(seed -> CanonicalText.render(new CableGenerator(seed).cable())));
  }

  private static String resource(String name) {
    try (InputStream in = MutationTest.class.getResourceAsStream("/canonical/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /canonical/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("texts")
  void everySingleByteMutationIsACleanErrorOrAnotherExactCable(String text) {
    byte[] valid = text.getBytes(StandardCharsets.UTF_8);
    int parses = 0;
    for (int i = 0; i <= valid.length; i++) {
      if (i < valid.length) {
        check(delete(valid, i));
        parses++;
      }
      for (int b = 0; b < 256; b++) {
        check(insert(valid, i, (byte) b));
        parses++;
        if (i < valid.length && valid[i] != (byte) b) {
          check(change(valid, i, (byte) b));
          parses++;
        }
      }
    }
    assertThat(parses).isGreaterThan(valid.length * 500);
  }

  private void check(byte[] mutated) {
    Cable cable;
    try {
      cable = canonical.parse(mutated);
    } catch (CableSyntaxException e) {
      assertThat(e.line()).isPositive();
      assertThat(e.column()).isPositive();
      assertThat(e.reason()).isNotBlank();
      return;
    } catch (RuntimeException e) {
      fail(
          "mutated text threw %s instead of a syntax error:%n%s",
          e, new String(mutated, StandardCharsets.UTF_8));
      return;
    }
    assertThat(CanonicalText.bytes(cable))
        .as("a mutated text that parses must be the exact rendering of its cable")
        .isEqualTo(mutated);
  }

  private static byte[] delete(byte[] b, int i) {
    byte[] r = new byte[b.length - 1];
    System.arraycopy(b, 0, r, 0, i);
    System.arraycopy(b, i + 1, r, i, b.length - i - 1);
    return r;
  }

  private static byte[] insert(byte[] b, int i, byte v) {
    byte[] r = new byte[b.length + 1];
    System.arraycopy(b, 0, r, 0, i);
    r[i] = v;
    System.arraycopy(b, i, r, i + 1, b.length - i);
    return r;
  }

  private static byte[] change(byte[] b, int i, byte v) {
    byte[] r = Arrays.copyOf(b, b.length);
    r[i] = v;
    return r;
  }
}
