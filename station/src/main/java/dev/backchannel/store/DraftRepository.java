package dev.backchannel.store;

import dev.backchannel.cable.Series;
import java.util.List;
import java.util.Optional;

/**
 * Drafts an end saves, approves and discards before release. Part of the {@link Store}; every
 * change appends its events in the same transaction (DESIGN 6).
 */
public interface DraftRepository {
  /**
   * Stores a new draft of an end for a series of an exchange.
   *
   * @throws StoreException NOT_FOUND if the exchange, series, end or author does not exist
   */
  Draft createDraft(String exchange, Series series, String end, long authorId, String text);

  /**
   * Saves a new text of a draft; an approval of the old text no longer counts.
   *
   * @throws StoreException NOT_FOUND if there is no such draft
   */
  Draft updateDraft(long id, String text, String actor);

  /** A draft by id. */
  Optional<Draft> draft(long id);

  /** The drafts of the ends a user is a member of, most recently saved first. */
  List<Draft> drafts(long userId);

  /**
   * Records a second person's approval of a draft's current text.
   *
   * @throws StoreException NOT_FOUND if there is no such draft
   */
  Draft approveDraft(long id, long approverId, String actor);

  /**
   * Discards a draft.
   *
   * @throws StoreException NOT_FOUND if there is no such draft
   */
  void discardDraft(long id, String actor);
}
