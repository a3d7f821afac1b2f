package dev.backchannel.store.jdbc;

import dev.backchannel.event.Event;
import dev.backchannel.store.Receipt;
import dev.backchannel.store.ReceiptKind;
import dev.backchannel.store.ReceiptRepository;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Receipts (G4) and passing a cable to a pass-to reader, over the JDBC layer. */
final class JdbcReceipts implements ReceiptRepository {
  private final Database db;

  JdbcReceipts(Database db) {
    this.db = db;
  }

  @Override
  public Receipt receipt(
      long cableId, long userId, ReceiptKind kind, String client, Optional<Long> by, String actor) {
    return db.write(
        h -> {
          int inserted =
              h.createUpdate(
                      "INSERT INTO receipt (cable_id, user_id, kind, at, client, by_user_id)"
                          + " VALUES (:c, :u, :kind, :at, :client, :by) ON CONFLICT DO NOTHING")
                  .bind("c", cableId)
                  .bind("u", userId)
                  .bind("kind", kind.name())
                  .bind("at", db.now())
                  .bind("client", client)
                  .bind("by", by.orElse(null))
                  .execute();
          Receipt r =
              receiptRows(h, cableId).stream()
                  .filter(x -> x.kind() == kind && x.reader().equals(userName(h, userId)))
                  .findFirst()
                  .orElseThrow();
          if (inserted > 0 && kind == ReceiptKind.OPENED) {
            h.createUpdate(
                    "UPDATE delivery SET opened_at = :at WHERE cable_id = :c AND user_id = :u")
                .bind("at", r.at().toEpochMilli())
                .bind("c", cableId)
                .bind("u", userId)
                .execute();
          }
          if (inserted > 0) {
            Long exchangeId = exchangeOf(h, cableId);
            db.event(
                h,
                new Event.ReceiptRecorded(r.reader(), kind.name(), client),
                actor,
                exchangeId,
                cableId);
          }
          return r;
        });
  }

  static long exchangeOf(Handle h, long cableId) {
    return h.createQuery("SELECT exchange_id FROM cable WHERE id = :id")
        .bind("id", cableId)
        .mapTo(Long.class)
        .one();
  }

  private static String userName(Handle h, long userId) {
    return h.createQuery("SELECT name FROM user_account WHERE id = :id")
        .bind("id", userId)
        .mapTo(String.class)
        .one();
  }

  private static List<Receipt> receiptRows(Handle h, long cableId) {
    return h.createQuery(receiptsOf("= :c")).bind("c", cableId).mapTo(Receipt.class).list();
  }

  /**
   * The receipts of the cables {@code cables} selects (an SQL condition on their id): this
   * station's readers', and those a peer's readers gave (issue 25), named {@code reader@PEER} as no
   * user here is; oldest first.
   */
  private static String receiptsOf(String cables) {
    return "SELECT * FROM (SELECT "
        + Rows.RECEIPT_COLUMNS
        + " FROM receipt r JOIN user_account u ON u.id = r.user_id LEFT JOIN user_account b ON b.id"
        + " = r.by_user_id WHERE r.cable_id "
        + cables
        + " UNION ALL SELECT r.cable_id AS receipt_cable, r.reader || '@' || p.name AS"
        + " receipt_reader, r.kind AS receipt_kind, r.at AS receipt_at, r.client AS receipt_client,"
        + " CASE WHEN r.by_reader IS NULL THEN NULL ELSE r.by_reader || '@' || p.name END AS"
        + " receipt_by FROM remote_receipt r JOIN peer p ON p.id = r.peer_id WHERE r.cable_id "
        + cables
        + ") x ORDER BY receipt_at, receipt_reader, receipt_kind";
  }

  @Override
  public boolean pass(long cableId, long byUserId, long toUserId, String actor) {
    return db.write(
        h -> {
          String to =
              h.createQuery("SELECT addressed_as FROM user_account WHERE id = :id")
                  .bind("id", toUserId)
                  .mapTo(String.class)
                  .one();
          long at = db.now();
          int passed =
              h.createUpdate(
                      "INSERT INTO receipt (cable_id, user_id, kind, at, client, by_user_id)"
                          + " VALUES (:c, :u, 'PASSED', :at, 'station', :by) ON CONFLICT DO"
                          + " NOTHING")
                  .bind("c", cableId)
                  .bind("u", toUserId)
                  .bind("at", at)
                  .bind("by", byUserId)
                  .execute();
          if (passed == 0) {
            return false;
          }
          h.createUpdate(
                  "INSERT INTO cable_reader (cable_id, name) VALUES (:c, :n) ON CONFLICT DO"
                      + " NOTHING")
              .bind("c", cableId)
              .bind("n", to)
              .execute();
          // he may have opened it before it was passed to him (as a member of its end)
          h.createUpdate(
                  "INSERT INTO delivery (cable_id, user_id, queued_at, delivered_at, opened_at)"
                      + " VALUES (:c, :u, :at, :at, (SELECT at FROM receipt WHERE cable_id = :c AND"
                      + " user_id = :u AND kind = 'OPENED')) ON CONFLICT (cable_id, user_id) DO"
                      + " UPDATE SET delivered_at = COALESCE(delivery.delivered_at, excluded.delivered_at)")
              .bind("c", cableId)
              .bind("u", toUserId)
              .bind("at", at)
              .execute();
          h.createUpdate(
                  "INSERT INTO receipt (cable_id, user_id, kind, at, client) VALUES (:c, :u,"
                      + " 'DELIVERED', :at, 'station') ON CONFLICT DO NOTHING")
              .bind("c", cableId)
              .bind("u", toUserId)
              .bind("at", at)
              .execute();
          long exchangeId = exchangeOf(h, cableId);
          db.event(
              h,
              new Event.Passed(userName(h, toUserId), userName(h, byUserId)),
              actor,
              exchangeId,
              cableId);
          return true;
        });
  }

  @Override
  public List<Receipt> receipts(long cableId) {
    return db.read(h -> receiptRows(h, cableId));
  }

  @Override
  public Map<Long, List<Receipt>> receipts(Collection<Long> cableIds) {
    if (cableIds.isEmpty()) {
      return Map.of();
    }
    Map<Long, List<Receipt>> out = new HashMap<>();
    db.read(
            h ->
                h.createQuery(receiptsOf("IN (<ids>)"))
                    .bindList("ids", List.copyOf(cableIds))
                    .mapTo(Receipt.class)
                    .list())
        .forEach(r -> out.computeIfAbsent(r.cableId(), k -> new ArrayList<>()).add(r));
    out.replaceAll((k, v) -> List.copyOf(v));
    return Map.copyOf(out);
  }
}
