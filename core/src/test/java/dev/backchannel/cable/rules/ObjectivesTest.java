package dev.backchannel.cable.rules;

import static dev.backchannel.cable.InvalidValueAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.rules.Objectives.Answer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectivesTest {

  @Test
  void theDefaultsAreAcp121sHandlingTimes() {
    Objectives d = Objectives.defaults();

    assertThat(d.of(Precedence.FLASH_OVERRIDE)).isEqualTo(Duration.ofMinutes(10));
    assertThat(d.of(Precedence.FLASH)).isEqualTo(Duration.ofMinutes(10));
    assertThat(d.of(Precedence.IMMEDIATE)).isEqualTo(Duration.ofMinutes(30));
    assertThat(d.of(Precedence.PRIORITY)).isEqualTo(Duration.ofHours(3));
    assertThat(d.of(Precedence.ROUTINE)).isEqualTo(Duration.ofHours(6));
    assertThat(d.longest()).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void flashAndImmediateMustBeAcknowledgedTheOthersOpened() {
    assertThat(Objectives.answer(Precedence.FLASH_OVERRIDE)).isEqualTo(Answer.ACKNOWLEDGED);
    assertThat(Objectives.answer(Precedence.FLASH)).isEqualTo(Answer.ACKNOWLEDGED);
    assertThat(Objectives.answer(Precedence.IMMEDIATE)).isEqualTo(Answer.ACKNOWLEDGED);
    assertThat(Objectives.answer(Precedence.PRIORITY)).isEqualTo(Answer.OPENED);
    assertThat(Objectives.answer(Precedence.ROUTINE)).isEqualTo(Answer.OPENED);
  }

  @Test
  void everyPrecedenceNeedsAPositiveObjective() {
    Map<Precedence, Duration> some = new EnumMap<>(Objectives.defaults().byPrecedence());
    some.remove(Precedence.PRIORITY);
    assertInvalid(() -> new Objectives(some), "objectives", "no objective for PRIORITY");

    Map<Precedence, Duration> zero = new EnumMap<>(Objectives.defaults().byPrecedence());
    zero.put(Precedence.FLASH_OVERRIDE, Duration.ZERO);
    assertInvalid(
        () -> new Objectives(zero),
        "objectives",
        "the objective for FLASH OVERRIDE must be positive, not PT0S");
  }
}
