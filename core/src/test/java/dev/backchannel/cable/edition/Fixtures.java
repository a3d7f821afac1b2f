package dev.backchannel.cable.edition;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Edition fixtures of {@code src/test/resources/edition}. */
final class Fixtures {
  static final String[] NAMES = {"kennedy.txt", "unnumbered.txt", "station-only.txt"};

  private Fixtures() {}

  static String text(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/edition/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /edition/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
