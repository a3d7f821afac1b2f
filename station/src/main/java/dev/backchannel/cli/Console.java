package dev.backchannel.cli;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Where a command writes: its output on {@code out}, one-line errors on {@code err}, both UTF-8
 * whatever the platform's locale.
 *
 * @param out the command's own output
 * @param err error lines and progress
 */
record Console(PrintStream out, PrintStream err) {
  Console {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
  }

  /** Writes one error line {@code CODE: reason}. */
  void error(String code, String reason) {
    err.println(code + ": " + reason);
  }
}
