package dev.backchannel.cable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Assertions on {@link InvalidValueException}: its field and its exact "field: problem" message.
 */
public final class InvalidValueAssertions {
  private InvalidValueAssertions() {}

  /**
   * Asserts that {@code call} throws an {@link InvalidValueException} naming {@code field} whose
   * message is exactly {@code field + ": " + problem}.
   */
  public static void assertInvalid(ThrowingCallable call, String field, String problem) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).isEqualTo(field + ": " + problem);
            });
  }
}
