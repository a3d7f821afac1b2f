package dev.backchannel.store.jdbc;

import dev.backchannel.cable.Series;
import dev.backchannel.event.Event;
import dev.backchannel.store.ChannelInfo;
import dev.backchannel.store.Draft;
import dev.backchannel.store.DraftRepository;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.ExchangeInfo.SeriesInfo;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoreException.Problem;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Drafts an end saves, approves and discards before release, over the JDBC layer. */
final class JdbcDrafts implements DraftRepository {
  private final Database db;
  private final JdbcChannels channels;

  JdbcDrafts(Database db, JdbcChannels channels) {
    this.db = db;
    this.channels = channels;
  }

  private static Optional<Draft> draftRow(Handle h, long id) {
    return h.createQuery("SELECT " + Rows.DRAFT_COLUMNS + Rows.DRAFT_FROM + " WHERE d.id = :id")
        .bind("id", id)
        .mapTo(Draft.class)
        .findOne();
  }

  private static Draft requireDraft(Handle h, long id) {
    return draftRow(h, id)
        .orElseThrow(
            () -> new StoreException(Problem.NOT_FOUND, "draft", "there is no draft " + id));
  }

  @Override
  public Draft createDraft(String exchange, Series series, String end, long authorId, String text) {
    return db.write(
        h -> {
          ExchangeInfo x = channels.kept(h, exchange);
          SeriesInfo s = JdbcChannels.requireSeries(x, series);
          ChannelInfo c = JdbcChannels.requireChannel(h, x.channel());
          long endId = JdbcChannels.requireEnd(h, c, end);
          long at = db.now();
          long id =
              h.createUpdate(
                      "INSERT INTO draft (exchange_id, series_id, end_id, author_id, text,"
                          + " created_at, saved_at) VALUES (:x, :s, :e, :a, :text, :at, :at)")
                  .bind("x", x.id())
                  .bind("s", s.id())
                  .bind("e", endId)
                  .bind("a", authorId)
                  .bind("text", text)
                  .bind("at", at)
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
          Draft d = requireDraft(h, id);
          db.event(
              h,
              new Event.DraftSaved(id, Optional.of(s.series().name())),
              d.author(),
              x.id(),
              null);
          return d;
        });
  }

  @Override
  public Draft updateDraft(long id, String text, String actor) {
    return db.write(
        h -> {
          requireDraft(h, id);
          h.createUpdate(
                  "UPDATE draft SET text = :text, saved_at = :at, approved_by = NULL, approved_at"
                      + " = NULL WHERE id = :id")
              .bind("text", text)
              .bind("at", db.now())
              .bind("id", id)
              .execute();
          db.event(h, new Event.DraftSaved(id, Optional.empty()), actor, null, null);
          return requireDraft(h, id);
        });
  }

  @Override
  public Optional<Draft> draft(long id) {
    return db.read(h -> draftRow(h, id));
  }

  @Override
  public List<Draft> drafts(long userId) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT "
                        + Rows.DRAFT_COLUMNS
                        + Rows.DRAFT_FROM
                        + " WHERE d.end_id IN (SELECT end_id FROM end_member WHERE user_id = :u)"
                        + " ORDER BY d.saved_at DESC, d.id DESC")
                .bind("u", userId)
                .mapTo(Draft.class)
                .list());
  }

  @Override
  public Draft approveDraft(long id, long approverId, String actor) {
    return db.write(
        h -> {
          requireDraft(h, id);
          h.createUpdate("UPDATE draft SET approved_by = :u, approved_at = :at WHERE id = :id")
              .bind("u", approverId)
              .bind("at", db.now())
              .bind("id", id)
              .execute();
          db.event(h, new Event.DraftApproved(id), actor, null, null);
          return requireDraft(h, id);
        });
  }

  @Override
  public void discardDraft(long id, String actor) {
    db.write(
        h -> {
          requireDraft(h, id);
          h.createUpdate("DELETE FROM draft WHERE id = :id").bind("id", id).execute();
          db.event(h, new Event.DraftDiscarded(id), actor, null, null);
          return null;
        });
  }
}
