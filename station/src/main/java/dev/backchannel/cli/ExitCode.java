package dev.backchannel.cli;

/** The exit codes of DESIGN 5.1. */
final class ExitCode {
  /** Done. */
  static final int OK = 0;

  /** Anything not covered by another code. */
  static final int FAILURE = 1;

  /** Bad input or usage. */
  static final int BAD_INPUT = 2;

  /** Not found or not allowed: the same code for both (G3). */
  static final int NOT_FOUND = 3;

  /** Needs confirmation, or conflicts. */
  static final int NEEDS_CONFIRMATION = 4;

  private ExitCode() {}
}
