package dev.backchannel.cable.canonical;

import java.util.Objects;

/**
 * Canonical text could not be read as a cable. Carries the place (1-based line and column, columns
 * counted in Unicode code points), a stable {@link SyntaxCode} and a reason that quotes the bad
 * value. The message is {@code LINE:COL: CODE: reason}.
 */
public final class CableSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final SyntaxCode code;
  private final String reason;

  public CableSyntaxException(int line, int column, SyntaxCode code, String reason) {
    super(line + ":" + column + ": " + code + ": " + reason);
    this.line = line;
    this.column = column;
    this.code = Objects.requireNonNull(code, "code");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The 1-based line of the problem. */
  public int line() {
    return line;
  }

  /** The 1-based column of the problem, in code points. */
  public int column() {
    return column;
  }

  /** The stable code of the problem. */
  public SyntaxCode code() {
    return code;
  }

  /** What is wrong, quoting the bad value. */
  public String reason() {
    return reason;
  }
}
