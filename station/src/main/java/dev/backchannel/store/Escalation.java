package dev.backchannel.store;

import java.util.List;
import java.util.Objects;

/**
 * An escalation of G7 just recorded: the cable, the stage, and the users to tell.
 *
 * @param cable the cable not acknowledged or opened in time
 * @param stage who it went to
 * @param told the receiving end's duty officers, or the originator
 * @param late the action addressees who had not acknowledged (or opened) it
 */
public record Escalation(StoredCable cable, Stage stage, List<UserInfo> told, List<String> late) {
  public Escalation {
    Objects.requireNonNull(cable, "cable");
    Objects.requireNonNull(stage, "stage");
    told = List.copyOf(told);
    late = List.copyOf(late);
  }

  /** The stages, in order. */
  public enum Stage {
    /** A deliver-by deadline passed unopened: the receiving end's duty officers. */
    DEADLINE,
    /** After the objective: the receiving end's duty officers. */
    DUTY_OFFICER,
    /** After twice the objective: the originator. */
    ORIGINATOR
  }
}
