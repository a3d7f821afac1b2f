package dev.backchannel.cable;

import java.util.Objects;

/**
 * A value of the cable core was given content it cannot hold. The message names the field and the
 * bad value; {@link #field()} names the field alone so that callers (parsers, the API) can point at
 * it.
 */
public final class InvalidValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * @param field the name of the field whose value is bad, e.g. {@code "from.name"}
   * @param problem what is wrong, already including the bad value
   */
  public InvalidValueException(String field, String problem) {
    super(
        Objects.requireNonNull(field, "field") + ": " + Objects.requireNonNull(problem, "problem"));
    this.field = field;
  }

  /** The name of the field whose value is bad. */
  public String field() {
    return field;
  }
}
