package dev.backchannel.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.event.Event;
import dev.backchannel.store.StoredCable;
import dev.backchannel.store.StoredEvent;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Rebuilds an event from the rows it covers, as they are now (G8): the audit log's check that the
 * rows still say what the events recorded. An event names its subject (a user, an end, a cable and
 * a reader); what it recorded is read back from that subject's rows, never from the event. Where a
 * later change of the same subject replaced the rows (a member removed after being put, an end
 * resumed after its hold, a draft saved again or released), the rows no longer show the event and
 * the answer is empty.
 */
final class EventRebuild {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database db;

  EventRebuild(Database db) {
    this.db = db;
  }

  /** An event's row: what it recorded, when, and the exchange and cable it concerns. */
  private record Row(String kind, long at, JsonNode data, Long exchangeId, Long cableId) {
    String text(String field) {
      return data.get(field).asText();
    }
  }

  /** The event {@code id} as its rows say it now; empty when they no longer show it. */
  Optional<Event> rebuild(Handle h, long id) {
    return h.createQuery("SELECT kind, at, data, exchange_id, cable_id FROM event WHERE id = :id")
        .bind("id", id)
        .map(
            (rs, ctx) ->
                new Row(
                    rs.getString("kind"),
                    rs.getLong("at"),
                    tree(rs.getString("data")),
                    rs.getObject("exchange_id") == null ? null : rs.getLong("exchange_id"),
                    rs.getObject("cable_id") == null ? null : rs.getLong("cable_id")))
        .findOne()
        .flatMap(row -> rebuild(h, row));
  }

  /** An event as its rows say it now, from its row as read already. */
  Optional<Event> rebuild(Handle h, StoredEvent e) {
    return rebuild(
        h, new Row(e.kind(), e.at().toEpochMilli(), tree(e.data()), null, e.cable().orElse(null)));
  }

  private Optional<Event> rebuild(Handle h, Row e) {
    return switch (e.kind()) {
      case "STATION_INITIALISED" ->
          h.createQuery("SELECT prefix, name FROM station WHERE id = 1")
              .map(
                  (rs, ctx) ->
                      (Event)
                          new Event.StationInitialised(
                              rs.getString("prefix"), rs.getString("name")))
              .findOne();
      case "USER_CREATED" ->
          JdbcAccounts.userRow(h, e.text("user"))
              .map(
                  u ->
                      new Event.UserCreated(
                          u.name(), u.clearance().level().name(), Rows.joinRoles(u.roles())));
      case "USER_CHANGED" -> JdbcAccounts.userRow(h, e.text("user")).map(JdbcAccounts::userChanged);
      case "PASSWORD_SET" ->
          h.createQuery(
                  "SELECT name FROM user_account WHERE name = :user AND password_hash IS NOT NULL")
              .bind("user", e.text("user"))
              .map((rs, ctx) -> (Event) new Event.PasswordSet(rs.getString("name")))
              .findOne();
      case "LOGIN" ->
          h.createQuery(
                  "SELECT u.name, s.kind, s.address, s.expires_at FROM session s JOIN user_account"
                      + " u ON u.id = s.user_id WHERE u.name = :user AND s.created_at = :at")
              .bind("user", e.text("user"))
              .bind("at", e.at())
              .map(
                  (rs, ctx) ->
                      (Event)
                          new Event.Login(
                              rs.getString("name"),
                              rs.getString("kind"),
                              rs.getString("address"),
                              Instant.ofEpochMilli(rs.getLong("expires_at")).toString()))
              .findFirst();
      case "LOGOUT" ->
          h.createQuery(
                  "SELECT u.name FROM session s JOIN user_account u ON u.id = s.user_id WHERE"
                      + " u.name = :user AND s.revoked_at = :at")
              .bind("user", e.text("user"))
              .bind("at", e.at())
              .map((rs, ctx) -> (Event) new Event.Logout(rs.getString("name")))
              .findFirst();
      case "CHANNEL_CREATED" ->
          JdbcChannels.channelRow(h, e.text("channel"))
              .map(c -> new Event.ChannelCreated(c.name(), c.ends().get(0), c.ends().get(1)));
      case "MEMBER_PUT" ->
          member(h, e)
              .map(
                  authority ->
                      new Event.MemberPut(
                          e.text("channel"), e.text("end"), e.text("user"), authority));
      case "MEMBER_REMOVED" ->
          member(h, e).isPresent()
              ? Optional.empty()
              : Optional.of(
                  new Event.MemberRemoved(e.text("channel"), e.text("end"), e.text("user")));
      case "END_CHANGED" ->
          end(h, e, "e.second_approval AS flag")
              .map(
                  flag -> new Event.EndChanged(e.text("channel"), e.text("end"), flag.equals("1")));
      case "END_HELD" ->
          end(h, e, "CASE WHEN e.held_since = " + e.at() + " THEN 1 ELSE 0 END AS flag")
              .filter(flag -> flag.equals("1"))
              .map(flag -> new Event.EndHeld(e.text("channel"), e.text("end")));
      case "END_RESUMED" -> Optional.of(resumed(h, e));
      case "PEER_ADDED" ->
          h.createQuery("SELECT name, url, public_key FROM peer WHERE name = :peer")
              .bind("peer", e.text("peer"))
              .map(
                  (rs, ctx) ->
                      (Event)
                          new Event.PeerAdded(
                              rs.getString("name"),
                              rs.getString("url"),
                              rs.getString("public_key")))
              .findOne();
      case "LINK_CHANGED" ->
          // a link taken down shows its instant until it is brought up; one up shows no instant
          h.createQuery(
                  "SELECT name, CASE WHEN down_since = "
                      + e.at()
                      + " THEN 1 WHEN down_since IS NULL THEN 0 ELSE -1 END AS state FROM peer"
                      + " WHERE name = :peer")
              .bind("peer", e.text("peer"))
              .map((rs, ctx) -> new Object[] {rs.getString("name"), rs.getInt("state")})
              .findOne()
              .filter(r -> (int) r[1] == (e.data().get("down").asBoolean() ? 1 : 0))
              .map(r -> new Event.LinkChanged((String) r[0], (int) r[1] == 1));
      case "END_PLACED" ->
          h.createQuery(
                  "SELECT c.name AS channel, e.name AS end_name, COALESCE(p.name, '') AS station"
                      + " FROM channel_end e JOIN channel c ON c.id = e.channel_id LEFT JOIN peer p"
                      + " ON p.id = e.peer_id WHERE c.name = :channel AND e.name = :end")
              .bind("channel", e.text("channel"))
              .bind("end", e.text("end"))
              .map(
                  (rs, ctx) ->
                      (Event)
                          new Event.EndPlaced(
                              rs.getString("channel"),
                              rs.getString("end_name"),
                              rs.getString("station")))
              .findOne();
      case "CABLE_RECEIVED" -> {
        StoredCable c = db.cableById(h, e.cableId());
        yield h.createQuery(
                "SELECT p.name, c.received_number FROM cable c JOIN peer p ON p.id ="
                    + " c.relayed_from WHERE c.id = :id")
            .bind("id", e.cableId())
            .map(
                (rs, ctx) ->
                    (Event)
                        new Event.CableReceived(
                            c.designatorText(),
                            c.sha256(),
                            c.seen().orElseThrow(),
                            rs.getString("name"),
                            rs.getInt("received_number")))
            .findOne();
      }
      case "CABLE_RELAYED" ->
          h.createQuery(
                  "SELECT p.name, r.peer_number FROM relayed r JOIN peer p ON p.id = r.peer_id"
                      + " WHERE r.cable_id = :id AND p.name = :to")
              .bind("id", e.cableId())
              .bind("to", e.text("to"))
              .map(
                  (rs, ctx) ->
                      (Event)
                          new Event.CableRelayed(rs.getString("name"), rs.getInt("peer_number")))
              .findOne();
      case "REMOTE_RECEIPT" ->
          h.createQuery(
                  "SELECT p.name, r.reader, r.kind, r.client FROM remote_receipt r JOIN peer p ON"
                      + " p.id = r.peer_id WHERE r.cable_id = :id AND p.name = :station AND"
                      + " r.reader = :reader AND r.kind = :kind")
              .bind("id", e.cableId())
              .bind("station", e.text("station"))
              .bind("reader", e.text("reader"))
              .bind("kind", e.text("kind"))
              .map(
                  (rs, ctx) ->
                      (Event)
                          new Event.RemoteReceipt(
                              rs.getString("name"),
                              rs.getString("reader"),
                              rs.getString("kind"),
                              rs.getString("client")))
              .findOne();
      case "CAVEAT_ADDED" ->
          h.createQuery("SELECT name FROM caveat WHERE name = :caveat")
              .bind("caveat", e.text("caveat"))
              .map((rs, ctx) -> (Event) new Event.CaveatAdded(rs.getString("name")))
              .findOne();
      case "EXCHANGE_CREATED" ->
          JdbcChannels.exchangeRow(h, e.text("exchange"))
              .map(
                  x ->
                      new Event.ExchangeCreated(
                          x.name(),
                          x.channel(),
                          x.series().get(0).series().name()
                              + " from "
                              + x.series().get(0).sendingEnd(),
                          x.series().get(1).series().name()
                              + " from "
                              + x.series().get(1).sendingEnd()));
      case "CABLE_RELEASED" -> {
        StoredCable c = db.cableById(h, e.cableId());
        yield Optional.of(
            new Event.CableReleased(
                c.cable().designator().orElseThrow().displayText(),
                c.sha256(),
                c.seen().orElseThrow()));
      }
      case "CABLE_IMPORTED" -> {
        StoredCable c = db.cableById(h, e.cableId());
        String source =
            h.createQuery("SELECT source FROM cable WHERE id = :id")
                .bind("id", e.cableId())
                .mapTo(String.class)
                .one();
        yield Optional.of(
            new Event.CableImported(
                c.cable().designator().orElseThrow().displayText(),
                c.sha256(),
                source == null ? "" : source,
                c.document().isPresent()
                    ? Optional.of(c.document().getAsInt())
                    : Optional.empty()));
      }
      case "DELIVERED" ->
          // the deliveries the change made, at its instant; a pass delivers too, recorded apart
          Optional.of(
              new Event.Delivered(
                  h.createQuery(
                          "SELECT u.name FROM delivery d JOIN user_account u ON u.id = d.user_id"
                              + " WHERE d.cable_id = :c AND d.delivered_at = :at AND NOT EXISTS"
                              + " (SELECT 1 FROM receipt r WHERE r.cable_id = d.cable_id AND"
                              + " r.user_id = d.user_id AND r.kind = 'PASSED' AND r.at = :at)")
                      .bind("c", e.cableId())
                      .bind("at", e.at())
                      .mapTo(String.class)
                      .list()));
      case "RECEIPT" ->
          h.createQuery(
                  "SELECT u.name, r.kind, r.client FROM receipt r JOIN user_account u ON u.id ="
                      + " r.user_id WHERE r.cable_id = :c AND u.name = :reader AND r.kind = :kind")
              .bind("c", e.cableId())
              .bind("reader", e.text("reader"))
              .bind("kind", e.text("kind"))
              .map(
                  (rs, ctx) ->
                      (Event)
                          new Event.ReceiptRecorded(
                              rs.getString("name"), rs.getString("kind"), rs.getString("client")))
              .findOne();
      case "PASSED" ->
          h.createQuery(
                  "SELECT u.name AS passed_to, b.name AS passed_by FROM receipt r JOIN"
                      + " user_account u ON u.id = r.user_id JOIN user_account b ON b.id ="
                      + " r.by_user_id WHERE r.cable_id = :c AND u.name = :to AND r.kind ="
                      + " 'PASSED'")
              .bind("c", e.cableId())
              .bind("to", e.text("to"))
              .map(
                  (rs, ctx) ->
                      (Event)
                          new Event.Passed(rs.getString("passed_to"), rs.getString("passed_by")))
              .findOne();
      case "ESCALATED" ->
          h.createQuery(
                  "SELECT stage, late, notified FROM escalation WHERE cable_id = :c AND stage ="
                      + " :stage")
              .bind("c", e.cableId())
              .bind("stage", e.text("stage"))
              .map(
                  (rs, ctx) ->
                      (Event)
                          new Event.Escalated(
                              rs.getString("stage"),
                              Rows.names(rs.getString("late")),
                              Rows.names(rs.getString("notified"))))
              .findOne();
      case "DRAFT_SAVED" ->
          h.createQuery(
                  "SELECT d.id, s.name AS series, d.created_at FROM draft d JOIN series s ON s.id"
                      + " = d.series_id WHERE d.id = :id AND d.saved_at = :at")
              .bind("id", e.data().get("draft").asLong())
              .bind("at", e.at())
              .map(
                  (rs, ctx) ->
                      (Event)
                          new Event.DraftSaved(
                              rs.getLong("id"),
                              rs.getLong("created_at") == e.at()
                                  ? Optional.of(rs.getString("series"))
                                  : Optional.empty()))
              .findOne();
      case "DRAFT_APPROVED" ->
          h.createQuery("SELECT id FROM draft WHERE id = :id AND approved_at = :at")
              .bind("id", e.data().get("draft").asLong())
              .bind("at", e.at())
              .map((rs, ctx) -> (Event) new Event.DraftApproved(rs.getLong("id")))
              .findOne();
      case "DRAFT_DISCARDED" -> {
        long draft = e.data().get("draft").asLong();
        boolean kept =
            h.createQuery("SELECT COUNT(*) FROM draft WHERE id = :id")
                    .bind("id", draft)
                    .mapTo(Integer.class)
                    .one()
                > 0;
        yield kept ? Optional.empty() : Optional.of(new Event.DraftDiscarded(draft));
      }
      default -> throw new IllegalStateException("no rows cover the event kind " + e.kind());
    };
  }

  /** The release authority of the event's user at its end, when he is a member there. */
  private static Optional<Boolean> member(Handle h, Row e) {
    return h.createQuery(
            "SELECT m.release_authority FROM end_member m JOIN channel_end ce ON ce.id = m.end_id"
                + " JOIN channel c ON c.id = ce.channel_id JOIN user_account u ON u.id = m.user_id"
                + " WHERE c.name = :channel AND ce.name = :end AND u.name = :user")
        .bind("channel", e.text("channel"))
        .bind("end", e.text("end"))
        .bind("user", e.text("user"))
        .map((rs, ctx) -> rs.getInt("release_authority") != 0)
        .findOne();
  }

  /** One column of the event's end, as text. */
  private static Optional<String> end(Handle h, Row e, String column) {
    return h.createQuery(
            "SELECT "
                + column
                + " FROM channel_end e JOIN channel c ON c.id = e.channel_id WHERE c.name ="
                + " :channel AND e.name = :end")
        .bind("channel", e.text("channel"))
        .bind("end", e.text("end"))
        .map((rs, ctx) -> String.valueOf(rs.getInt("flag")))
        .findOne();
  }

  /**
   * A resume with the number of cables its end held then: queued before it, and delivered by it or
   * after it (a cable delivered as it was queued never waited).
   */
  private static Event resumed(Handle h, Row e) {
    int held =
        h.createQuery(
                "SELECT COUNT(*) FROM end_delivery d JOIN channel_end ce ON ce.id = d.end_id JOIN"
                    + " channel c ON c.id = ce.channel_id WHERE c.name = :channel AND ce.name ="
                    + " :end AND d.queued_at <= :at AND (d.delivered_at IS NULL OR"
                    + " (d.delivered_at >= :at AND d.delivered_at > d.queued_at))")
            .bind("channel", e.text("channel"))
            .bind("end", e.text("end"))
            .bind("at", e.at())
            .mapTo(Integer.class)
            .one();
    return new Event.EndResumed(e.text("channel"), e.text("end"), held);
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the event data " + json + " is not JSON", e);
    }
  }
}
