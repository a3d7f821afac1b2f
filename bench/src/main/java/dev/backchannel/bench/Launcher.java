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

  /** The launcher's options file for one-shot commands. */
  static final Path COMMAND_OPTIONS = Path.of("scripts", "command.jvm");

  /** The options of {@code serve}, from the checkout at {@code root}. */
  private Launcher() {}

  static List<String> serveOptions(Path root) {
    return options(root.resolve(SERVE_OPTIONS));
  }

  /** The options of one-shot commands, from the checkout at {@code root}. */
  static List<String> commandOptions(Path root) {
    return options(root.resolve(COMMAND_OPTIONS));
  }

  /**
   * The options of a file ({@code #} starts a comment line). Native access is not among them: the
   * station jar's manifest grants it, as the launcher relies on.
   */
  private static List<String> options(Path file) {
    List<String> options = new ArrayList<>();
    if (Files.isRegularFile(file)) {
      try {
        for (String line : Files.readAllLines(file)) {
          String o = line.strip();
          if (!o.isEmpty() && !o.startsWith("#")) {
            options.add(o);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return options;
  }
}
