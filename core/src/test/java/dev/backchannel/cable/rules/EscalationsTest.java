package dev.backchannel.cable.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Handling;
import dev.backchannel.cable.Paragraph;
import dev.backchannel.cable.Person;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.SecurityLabel;
import dev.backchannel.cable.rules.Escalations.Look;
import dev.backchannel.cable.rules.Escalations.Raise;
import dev.backchannel.cable.rules.Escalations.Stage;
import dev.backchannel.cable.rules.Objectives.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EscalationsTest {
  private static final Instant DELIVERED = Instant.parse("2026-11-25T09:00:00Z");
  private static final Objectives OBJECTIVES = Objectives.defaults();

  /** Haig late for everything; records which answers the rule asked about. */
  private final List<Answer> asked = new ArrayList<>();

  private Function<Answer, List<String>> lateFor(Map<Answer, List<String>> late) {
    return answer -> {
      asked.add(answer);
      return late.getOrDefault(answer, List.of());
    };
  }

  private Look look(
      Precedence p, Optional<Instant> deadline, Duration after, Map<Answer, List<String>> late) {
    return Escalations.look(
        p, OBJECTIVES, DELIVERED, deadline, DELIVERED.plus(after), lateFor(late));
  }

  private static Cable cable(Precedence precedence, String... handling) {
    Cable.Builder b =
        Cable.builder(
                precedence, SecurityLabel.of(Classification.SECRET), Person.named("KISSINGER"))
            .to(Person.named("HAIG"))
            .paragraph(Paragraph.numbered(1, "Text."));
    for (String h : handling) {
      b.handling(new Handling(h));
    }
    return b.build();
  }

  @Test
  void theFirstLookIsWhenTheObjectiveRunsOut() {
    assertThat(Escalations.firstLook(cable(Precedence.IMMEDIATE), DELIVERED, OBJECTIVES))
        .isEqualTo(DELIVERED.plus(Duration.ofMinutes(30)));
    assertThat(Escalations.firstLook(cable(Precedence.ROUTINE), DELIVERED, OBJECTIVES))
        .isEqualTo(DELIVERED.plus(Duration.ofHours(6)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DELIVER BY 1000Z",
        "DELIVER BEFORE 1000Z",
        "DELIVER NOT LATER THAN 1000Z",
        "DELIVER NLT 1000Z",
        "DELIVERED BY 1000Z",
        "FOR HIS 1000Z MEETING"
      })
  void aCableWithADeadlineInAnyWordingIsLookedAtOnDelivery(String handling) {
    assertThat(Escalations.firstLook(cable(Precedence.ROUTINE, handling), DELIVERED, OBJECTIVES))
        .isEqualTo(DELIVERED);
  }

  @Test
  void beforeItsObjectiveACableIsLookedAtAgainWhenItRunsOutAndNoReceiptIsAskedFor() {
    Look l = look(Precedence.FLASH, Optional.empty(), Duration.ofMinutes(9), Map.of());

    assertThat(l.raise()).isEmpty();
    assertThat(l.next()).contains(DELIVERED.plus(Duration.ofMinutes(10)));
    assertThat(l.settled()).isFalse();
    assertThat(asked).isEmpty();
  }

  @Test
  void aFlashUnacknowledgedAtItsObjectiveGoesToTheDutyOfficerThenTheOriginator() {
    Map<Answer, List<String>> late = Map.of(Answer.ACKNOWLEDGED, List.of("haig"));

    Look first = look(Precedence.FLASH, Optional.empty(), Duration.ofMinutes(10), late);
    assertThat(first.raise()).containsExactly(new Raise(Stage.DUTY_OFFICER, List.of("haig")));
    assertThat(first.next()).contains(DELIVERED.plus(Duration.ofMinutes(20)));
    assertThat(asked).containsExactly(Answer.ACKNOWLEDGED);

    Look second = look(Precedence.FLASH, Optional.empty(), Duration.ofMinutes(20), late);
    assertThat(second.raise())
        .containsExactly(
            new Raise(Stage.DUTY_OFFICER, List.of("haig")),
            new Raise(Stage.ORIGINATOR, List.of("haig")));
    assertThat(second.next()).isEmpty();
    assertThat(second.settled()).isFalse();
  }

  @Test
  void openingIsEnoughForRoutineButNotForImmediate() {
    Map<Answer, List<String>> openedOnly = Map.of(Answer.ACKNOWLEDGED, List.of("haig"));

    assertThat(
            look(Precedence.ROUTINE, Optional.empty(), Duration.ofHours(6), openedOnly).settled())
        .isTrue();
    assertThat(
            look(Precedence.IMMEDIATE, Optional.empty(), Duration.ofMinutes(30), openedOnly)
                .raise())
        .extracting(Raise::stage)
        .containsExactly(Stage.DUTY_OFFICER);
  }

  @Test
  void aCableAnsweredInTimeIsSettledAndNotLookedAtAgain() {
    Look l = look(Precedence.PRIORITY, Optional.empty(), Duration.ofHours(3), Map.of());

    assertThat(l.raise()).isEmpty();
    assertThat(l.settled()).isTrue();
    assertThat(l.next()).isEmpty();
  }

  @Test
  void aDeadlinePassedUnopenedEscalatesAtOnceAndTheObjectiveIsLookedAtNext() {
    Instant deadline = DELIVERED.plus(Duration.ofHours(1));

    Look l =
        look(
            Precedence.ROUTINE,
            Optional.of(deadline),
            Duration.ofHours(1),
            Map.of(Answer.OPENED, List.of("haig")));

    assertThat(l.raise()).containsExactly(new Raise(Stage.DEADLINE, List.of("haig")));
    assertThat(l.next()).contains(DELIVERED.plus(Duration.ofHours(6)));
  }

  @Test
  void aDeadlineAheadIsLookedAtBeforeALaterObjective() {
    Instant deadline = DELIVERED.plus(Duration.ofHours(1));

    Look l = look(Precedence.ROUTINE, Optional.of(deadline), Duration.ZERO, Map.of());

    assertThat(l.raise()).isEmpty();
    assertThat(l.next()).contains(deadline);
    assertThat(asked).isEmpty();
  }

  @Test
  void aCableAnsweredBeforeItsDeadlineIsSettledOnlyOnceTheDeadlinePasses() {
    Instant deadline = DELIVERED.plus(Duration.ofMinutes(45));

    Look before = look(Precedence.FLASH, Optional.of(deadline), Duration.ofMinutes(10), Map.of());
    assertThat(before.settled()).isFalse();
    assertThat(before.next()).contains(deadline);

    Look after = look(Precedence.FLASH, Optional.of(deadline), Duration.ofMinutes(45), Map.of());
    assertThat(after.raise()).isEmpty();
    assertThat(after.settled()).isTrue();
  }

  @Test
  void aLookLongAfterDeliveryRaisesEveryStageDue() {
    Look l =
        look(
            Precedence.IMMEDIATE,
            Optional.of(DELIVERED.plus(Duration.ofMinutes(5))),
            Duration.ofHours(2),
            Map.of(
                Answer.OPENED, List.of("haig"), Answer.ACKNOWLEDGED, List.of("haig", "scowcroft")));

    assertThat(l.raise())
        .containsExactly(
            new Raise(Stage.DEADLINE, List.of("haig")),
            new Raise(Stage.DUTY_OFFICER, List.of("haig", "scowcroft")),
            new Raise(Stage.ORIGINATOR, List.of("haig", "scowcroft")));
    assertThat(l.next()).isEmpty();
  }
}
