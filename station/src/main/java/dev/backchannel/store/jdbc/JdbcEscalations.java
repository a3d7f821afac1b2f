package dev.backchannel.store.jdbc;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Handling;
import dev.backchannel.cable.HandlingKind;
import dev.backchannel.cable.rules.Escalations;
import dev.backchannel.cable.rules.Objectives;
import dev.backchannel.event.Event;
import dev.backchannel.store.Escalation;
import dev.backchannel.store.EscalationRepository;
import dev.backchannel.store.Role;
import dev.backchannel.store.StoredCable;
import dev.backchannel.store.UserInfo;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The escalations of G7 over the JDBC layer: a queue of due times, looked at by the clockwork, and
 * the rule of {@link Escalations} deciding what each look raises.
 */
final class JdbcEscalations implements EscalationRepository {
  private final Database db;
  private final Objectives objectives;

  JdbcEscalations(Database db, Objectives objectives) {
    this.db = db;
    this.objectives = objectives;
  }

  /** A delivered cable whose next escalation stage is due. */
  record Due(long cableId, long endId, long deliveredAt) {}

  /** The cables the clockwork looks at in one transaction, so that a FLASH waits for few. */
  private static final int ESCALATION_CHUNK = 200;

  @Override
  public List<Escalation> escalate(Instant now) {
    List<Escalation> out = new ArrayList<>();
    while (true) {
      int[] looked = new int[1];
      out.addAll(
          db.write(
              h -> {
                List<Escalation> raised = new ArrayList<>();
                looked[0] = escalateDue(h, now, raised);
                return raised;
              }));
      if (looked[0] < ESCALATION_CHUNK) {
        return out;
      }
    }
  }

  /**
   * Looks at up to {@link #ESCALATION_CHUNK} cables whose next stage is due, raises what is late
   * into {@code out}, and either queues each for its next stage or lets it go; answers how many it
   * looked at.
   */
  private int escalateDue(Handle h, Instant now, List<Escalation> out) {
    long at = now.toEpochMilli();
    // the longest objective twice over, and a day to spare for a station that was down
    long window = 2 * objectives.longest().toMillis() + 86_400_000L;
    h.createUpdate(
            "DELETE FROM escalation_due WHERE due_at <= :at AND EXISTS (SELECT 1 FROM escalation x"
                + " WHERE x.cable_id = escalation_due.cable_id AND x.stage IN ('ORIGINATOR',"
                + " 'SETTLED'))")
        .bind("at", at)
        .execute();
    List<Due> due =
        h.createQuery(
                "SELECT q.cable_id, q.end_id, e.delivered_at FROM escalation_due q JOIN"
                    + " end_delivery e ON e.cable_id = q.cable_id AND e.end_id = q.end_id WHERE"
                    + " q.due_at <= :at ORDER BY q.due_at LIMIT :n")
            .bind("at", at)
            .bind("n", ESCALATION_CHUNK)
            .mapTo(Due.class)
            .list();
    for (Due d : due) {
      long cableId = d.cableId();
      long endId = d.endId();
      long delivered = d.deliveredAt();
      Optional<Long> next =
          delivered > at - window
              ? escalateOne(h, now, db.cableById(h, cableId), endId, delivered, out)
              : Optional.empty();
      if (next.isPresent()) {
        h.createUpdate(
                "UPDATE escalation_due SET due_at = :due WHERE cable_id = :c AND end_id = :e")
            .bind("due", next.get())
            .bind("c", cableId)
            .bind("e", endId)
            .execute();
      } else {
        h.createUpdate("DELETE FROM escalation_due WHERE cable_id = :c AND end_id = :e")
            .bind("c", cableId)
            .bind("e", endId)
            .execute();
      }
    }
    return due.size();
  }

  /** When the clockwork first looks at a cable delivered at {@code deliveredAt} (G7). */
  long firstLook(Cable cable, long deliveredAt) {
    return Escalations.firstLook(cable, Instant.ofEpochMilli(deliveredAt), objectives)
        .toEpochMilli();
  }

  /**
   * Raises the stages of one delivered cable that are due at {@code now}, by the rule of G7 ({@link
   * Escalations}); answers when to look at it next, or empty when nothing more can come of it.
   */
  private Optional<Long> escalateOne(
      Handle h, Instant now, StoredCable c, long endId, long delivered, List<Escalation> out) {
    List<String> to = c.cable().to().stream().map(x -> x.name()).toList();
    Instant deliveredAt = Instant.ofEpochMilli(delivered);
    Escalations.Look look =
        Escalations.look(
            c.cable().precedence(),
            objectives,
            deliveredAt,
            deadline(h, c, deliveredAt, to),
            now,
            answer -> late(h, c.id(), to, answer.name()));
    for (Escalations.Raise r : look.raise()) {
      escalation(
              h, c, Escalation.Stage.valueOf(r.stage().name()), endId, r.late(), now.toEpochMilli())
          .ifPresent(out::add);
    }
    if (look.settled()) {
      h.createUpdate(
              "INSERT INTO escalation (cable_id, stage, at) VALUES (:c, 'SETTLED', :at) ON CONFLICT"
                  + " DO NOTHING")
          .bind("c", c.id())
          .bind("at", now.toEpochMilli())
          .execute();
    }
    return look.next().map(Instant::toEpochMilli);
  }

  /** The TO addressees the cable reached who have no receipt of that kind. */
  private static List<String> late(Handle h, long cableId, List<String> to, String kind) {
    if (to.isEmpty()) {
      return List.of();
    }
    return h.createQuery(
            "SELECT u.name FROM delivery d JOIN user_account u ON u.id = d.user_id WHERE d.cable_id"
                + " = :c AND d.delivered_at IS NOT NULL AND u.addressed_as IN (<to>) AND NOT EXISTS"
                + " (SELECT 1 FROM receipt r WHERE r.cable_id = d.cable_id AND r.user_id ="
                + " d.user_id AND r.kind = :kind) ORDER BY u.name")
        .bind("c", cableId)
        .bindList("to", to)
        .bind("kind", kind)
        .mapTo(String.class)
        .list();
  }

  /**
   * The earliest deliver-by deadline of a cable, a time of day read in its first addressee's zone.
   */
  private static Optional<Instant> deadline(
      Handle h, StoredCable c, Instant delivered, List<String> to) {
    List<Handling> by =
        c.cable().handling().stream().filter(x -> x.kind() == HandlingKind.DELIVER_BY).toList();
    if (by.isEmpty()) {
      return Optional.empty();
    }
    ZoneId zone =
        to.isEmpty()
            ? ZoneOffset.UTC
            : h.createQuery("SELECT time_zone FROM user_account WHERE addressed_as = :a")
                .bind("a", to.get(0))
                .mapTo(String.class)
                .findOne()
                .map(ZoneId::of)
                .orElse(ZoneOffset.UTC);
    Instant released = c.releasedAt().orElse(delivered);
    return by.stream()
        .map(x -> x.deadlineAfter(released, zone))
        .flatMap(Optional::stream)
        .min(Instant::compareTo);
  }

  /** Records one stage of an escalation once, with its event; empty when it happened before. */
  private Optional<Escalation> escalation(
      Handle h, StoredCable c, Escalation.Stage stage, long endId, List<String> late, long at) {
    int inserted =
        h.createUpdate(
                "INSERT INTO escalation (cable_id, stage, at) VALUES (:c, :s, :at) ON CONFLICT DO"
                    + " NOTHING")
            .bind("c", c.id())
            .bind("s", stage.name())
            .bind("at", at)
            .execute();
    if (inserted == 0) {
      return Optional.empty();
    }
    List<UserInfo> told =
        stage == Escalation.Stage.ORIGINATOR
            ? h.createQuery(
                    "SELECT "
                        + Rows.USER_COLUMNS
                        + " FROM user_account u WHERE u.addressed_as = :from")
                .bind("from", c.cable().from().name())
                .mapTo(UserInfo.class)
                .list()
            // the end's members with the role, read as roles are read everywhere: a set, not
            // words matched in a column
            : h
                .createQuery(
                    "SELECT "
                        + Rows.USER_COLUMNS
                        + " FROM end_member m JOIN user_account u ON u.id = m.user_id WHERE"
                        + " m.end_id = :e ORDER BY u.name")
                .bind("e", endId)
                .mapTo(UserInfo.class)
                .stream()
                .filter(u -> u.roles().contains(Role.DUTY_OFFICER))
                .toList();
    List<String> notified = told.stream().map(UserInfo::name).toList();
    // kept with the stage, so the event can be rebuilt from its row
    h.createUpdate(
            "UPDATE escalation SET late = :late, notified = :notified WHERE cable_id = :c AND"
                + " stage = :s")
        .bind("late", Rows.names(late))
        .bind("notified", Rows.names(notified))
        .bind("c", c.id())
        .bind("s", stage.name())
        .execute();
    db.event(
        h,
        new Event.Escalated(stage.name(), late, notified),
        "station",
        JdbcReceipts.exchangeOf(h, c.id()),
        c.id());
    return Optional.of(new Escalation(c, stage, told, late));
  }
}
