package dev.backchannel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options the {@code ./backchannel} launcher gives {@code serve}: read from the same file
 * it reads, so that the harness runs the station as a user does.
 */
final class Launcher {
  /** The launcher's options file for {@code serve} and {@code demo}, one option a line. */
  static final Path SERVE_OPTIONS = Path.of("scripts", "serve.jvm");

  private Launcher() {}

  static List<String> serveOptions() {
    List<String> options = new ArrayList<>();
    options.add("--enable-native-access=ALL-UNNAMED");
    if (Files.isRegularFile(SERVE_OPTIONS)) {
      try {
        for (String line : Files.readAllLines(SERVE_OPTIONS)) {
          String o = line.strip();
          if (!o.isEmpty() && !o.startsWith("#")) {
            options.add(o);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + SERVE_OPTIONS, e);
      }
    }
    return options;
  }
}
