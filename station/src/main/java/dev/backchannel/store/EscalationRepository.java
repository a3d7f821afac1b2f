package dev.backchannel.store;

import java.time.Instant;
import java.util.List;

/**
 * The escalations of G7, raised by the clockwork. Part of the {@link Store}; every change appends
 * its events in the same transaction (DESIGN 6).
 */
public interface EscalationRepository {
  /**
   * Records the escalations of G7 that are due by now: a cable not acknowledged (FLASH OVERRIDE,
   * FLASH, IMMEDIATE) or not opened (others) by every action addressee within its precedence's
   * objective from delivery escalates to the receiving end's duty officers, and after twice the
   * objective to its originator. Each stage happens once per cable.
   */
  List<Escalation> escalate(Instant now);
}
