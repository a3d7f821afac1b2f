package dev.backchannel.cable.edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.backchannel.cable.canonical.CableSyntaxException;
import dev.backchannel.cable.canonical.CanonicalText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutated edition texts (lines dropped, duplicated and swapped, bytes changed, inserted and
 * deleted) never raise anything but a reported problem: either a cable, with whatever it could not
 * place in its unplaced lines, or a {@link CableSyntaxException} with line, column and reason.
 */
class EditionRobustnessTest {
  private static final int MUTATIONS = 3_000;

  static Stream<String> texts() throws IOException {
    List<String> texts = new ArrayList<>();
    for (String name : Fixtures.NAMES) {
      texts.add(Fixtures.text(name));
    }
    Path seed =
        Path.of(
            System.getProperty("backchannel.seeds", "../shared/seeds"), "000_7b9965d0cc23a81b.txt");
    if (Files.isRegularFile(seed)) {
      texts.add(Files.readString(seed, StandardCharsets.UTF_8));
    }
    return texts.stream();
  }

  @ParameterizedTest
  @MethodSource("texts")
  void mutatedTextGivesACableOrAReportedProblem(String text) {
    EditionText editions = EditionText.standard();
    CanonicalText canonical = CanonicalText.standard();
    Random random = new Random(text.hashCode());
    int cables = 0;
    int refused = 0;
    for (int i = 0; i < MUTATIONS; i++) {
      byte[] mutated = mutate(text, random);
      try {
        EditionCable read = editions.parse(mutated);
        assertThat(canonical.parse(CanonicalText.bytes(read.cable()))).isEqualTo(read.cable());
        assertThat(read.edition().original().getBytes(StandardCharsets.UTF_8)).isEqualTo(mutated);
        cables++;
      } catch (CableSyntaxException e) {
        assertThat(e.line()).isPositive();
        assertThat(e.column()).isPositive();
        assertThat(e.reason()).isNotBlank();
        refused++;
      } catch (RuntimeException e) {
        fail("mutation %d threw %s on:%n%s", i, e, new String(mutated, StandardCharsets.UTF_8), e);
      }
    }
    assertThat(cables).as("mutations that still give a cable").isPositive();
    assertThat(cables + refused).isEqualTo(MUTATIONS);
  }

  private static byte[] mutate(String text, Random random) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    int n = 1 + random.nextInt(3);
    for (int k = 0; k < n && !lines.isEmpty(); k++) {
      int at = random.nextInt(lines.size());
      switch (random.nextInt(4)) {
        case 0 -> lines.remove(at);
        case 1 -> lines.add(at, lines.get(at));
        case 2 -> {
          int other = random.nextInt(lines.size());
          String t = lines.get(at);
          lines.set(at, lines.get(other));
          lines.set(other, t);
        }
        default -> {}
      }
    }
    byte[] bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    int changes = random.nextInt(4);
    for (int k = 0; k < changes && bytes.length > 0; k++) {
      int at = random.nextInt(bytes.length);
      switch (random.nextInt(3)) {
        case 0 -> bytes[at] = (byte) random.nextInt(256);
        case 1 -> bytes[at] = (byte) "0123456789.()—:; \nTtoHak".charAt(random.nextInt(24));
        default -> {
          byte[] shorter = new byte[bytes.length - 1];
          System.arraycopy(bytes, 0, shorter, 0, at);
          System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
          bytes = shorter;
        }
      }
    }
    return bytes;
  }
}
