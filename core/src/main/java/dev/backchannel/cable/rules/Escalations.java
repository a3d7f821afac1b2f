package dev.backchannel.cable.rules;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.HandlingKind;
import dev.backchannel.cable.Precedence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The escalation rule of G7 and DESIGN 5.2 for one delivered cable. A deliver-by deadline that
 * passes with an action addressee who has not opened the cable escalates at once ({@link
 * Stage#DEADLINE}); an objective that runs out with one who has not answered it escalates to the
 * receiving end's duty officers ({@link Stage#DUTY_OFFICER}), and twice the objective to the
 * originator ({@link Stage#ORIGINATOR}).
 *
 * <p>The station looks at a cable when its next stage could fall, not continually: {@link
 * #firstLook} says when first, and each {@link Look} says when next. Raising a stage that was
 * raised before is the caller's to ignore: the rule answers every stage due at the time it is
 * asked.
 */
public final class Escalations {
  private Escalations() {}

  /** A stage of escalation, in the order they fall. */
  public enum Stage {
    /** A deliver-by deadline passed unopened: the receiving end's duty officers. */
    DEADLINE,
    /** After the objective: the receiving end's duty officers. */
    DUTY_OFFICER,
    /** After twice the objective: the originator. */
    ORIGINATOR
  }

  /**
   * A stage due, with the action addressees who are late.
   *
   * @param late the late addressees' names, never empty
   */
  public record Raise(Stage stage, List<String> late) {
    public Raise {
      Objects.requireNonNull(stage, "stage");
      late = List.copyOf(late);
      if (late.isEmpty()) {
        throw new IllegalArgumentException("a stage is raised only for someone late");
      }
    }
  }

  /**
   * What one look at a cable finds.
   *
   * @param raise the stages due now, in order
   * @param next when to look again; empty when nothing more can come of the cable
   * @param settled every action addressee answered in time: nothing can ever come of it (receipts
   *     are never taken back)
   */
  public record Look(List<Raise> raise, Optional<Instant> next, boolean settled) {
    public Look {
      raise = List.copyOf(raise);
      Objects.requireNonNull(next, "next");
      if (settled && next.isPresent()) {
        throw new IllegalArgumentException("a settled cable is not looked at again");
      }
    }
  }

  /**
   * When the station first looks at a cable delivered at {@code delivered}: at once when it carries
   * a deliver-by deadline (whose time of day is read in a reader's zone, which the caller knows),
   * else when its objective runs out.
   */
  public static Instant firstLook(Cable cable, Instant delivered, Objectives objectives) {
    boolean deliverBy =
        cable.handling().stream().anyMatch(h -> h.kind() == HandlingKind.DELIVER_BY);
    return deliverBy ? delivered : delivered.plus(objectives.of(cable.precedence()));
  }

  /**
   * Looks at a cable of {@code precedence} delivered at {@code delivered}, at {@code now}.
   *
   * @param deadline its earliest deliver-by deadline, if it has one
   * @param late the action addressees it reached who have not given that answer, by name; asked
   *     only for the answers the rule needs
   */
  public static Look look(
      Precedence precedence,
      Objectives objectives,
      Instant delivered,
      Optional<Instant> deadline,
      Instant now,
      Function<Objectives.Answer, List<String>> late) {
    List<Raise> raise = new ArrayList<>();
    boolean deadlineAhead = deadline.isPresent() && deadline.get().isAfter(now);
    if (deadline.isPresent() && !deadlineAhead) {
      List<String> unopened = late.apply(Objectives.Answer.OPENED);
      if (!unopened.isEmpty()) {
        raise.add(new Raise(Stage.DEADLINE, unopened));
      }
    }
    Duration objective = objectives.of(precedence);
    Instant dutyOfficer = delivered.plus(objective);
    Instant originator = dutyOfficer.plus(objective);
    if (dutyOfficer.isAfter(now)) {
      return new Look(raise, Optional.of(earliest(dutyOfficer, deadline, deadlineAhead)), false);
    }
    List<String> unanswered = late.apply(Objectives.answer(precedence));
    if (unanswered.isEmpty()) {
      return deadlineAhead
          ? new Look(raise, deadline, false)
          : new Look(raise, Optional.empty(), true);
    }
    raise.add(new Raise(Stage.DUTY_OFFICER, unanswered));
    if (originator.isAfter(now)) {
      return new Look(raise, Optional.of(earliest(originator, deadline, deadlineAhead)), false);
    }
    raise.add(new Raise(Stage.ORIGINATOR, unanswered));
    return new Look(raise, Optional.empty(), false);
  }

  private static Instant earliest(Instant stage, Optional<Instant> deadline, boolean ahead) {
    return ahead && deadline.get().isBefore(stage) ? deadline.get() : stage;
  }
}
