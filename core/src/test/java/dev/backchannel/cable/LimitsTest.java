package dev.backchannel.cable;

import static dev.backchannel.cable.InvalidValueAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LimitsTest {

  @Test
  void defaultsAre64KibFiveHundredParagraphsTenThousandCharactersFiftyRefsHundredAddressees() {
    assertThat(Limits.DEFAULT).isEqualTo(new Limits(65_536, 500, 10_000, 50, 100));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void everyLimitMustBePositive(int bad) {
    assertInvalid(() -> new Limits(bad, 1, 1, 1, 1), "limits.maxBytes", "must be positive: " + bad);
    assertInvalid(
        () -> new Limits(1, bad, 1, 1, 1), "limits.maxParagraphs", "must be positive: " + bad);
    assertInvalid(
        () -> new Limits(1, 1, bad, 1, 1), "limits.maxLineChars", "must be positive: " + bad);
    assertInvalid(
        () -> new Limits(1, 1, 1, bad, 1), "limits.maxReferences", "must be positive: " + bad);
    assertInvalid(
        () -> new Limits(1, 1, 1, 1, bad), "limits.maxAddressees", "must be positive: " + bad);
  }

  @Test
  void limitsOfOneAreAccepted() {
    assertThat(new Limits(1, 1, 1, 1, 1).maxAddressees()).isEqualTo(1);
  }
}
