package dev.backchannel.bench.micro;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The input documents of the benchmarks, kept in the bench jar under {@code /micro/} so that a
 * benchmark measures the same bytes wherever the jar runs.
 */
final class Inputs {
  private Inputs() {}

  /**
   * The bytes of the document {@code name}.
   *
   * @throws IllegalStateException if the jar lacks it: a build that lost its resources, not an
   *     input to report
   */
  static byte[] bytes(String name) {
    try (InputStream in = Inputs.class.getResourceAsStream("/micro/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the bench jar lacks the input /micro/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the input /micro/" + name, e);
    }
  }
}
