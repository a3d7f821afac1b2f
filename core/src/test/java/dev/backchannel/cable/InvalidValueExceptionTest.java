package dev.backchannel.cable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InvalidValueExceptionTest {

  @Test
  void messageIsTheFieldAColonAndTheProblem() {
    InvalidValueException e = new InvalidValueException("from.name", "must not be empty");

    assertThat(e.getMessage()).isEqualTo("from.name: must not be empty");
    assertThat(e.field()).isEqualTo("from.name");
  }

  @Test
  void isAnIllegalArgumentException() {
    assertThat(new InvalidValueException("f", "p")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fieldAndProblemAreRequired() {
    assertThatThrownBy(() -> new InvalidValueException(null, "p"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("field");
    assertThatThrownBy(() -> new InvalidValueException("f", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("problem");
  }
}
