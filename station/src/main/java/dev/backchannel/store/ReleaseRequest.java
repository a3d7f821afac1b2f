package dev.backchannel.store;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Series;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to release a draft into a series of an exchange.
 *
 * @param exchange the exchange's name
 * @param series the series to number the cable in
 * @param draft the cable, without DTG and designator
 * @param actor who releases, as recorded in the event and as the cable's releaser
 * @param releaser the releasing user, for the released-unread list of G5; empty for the operator
 * @param draftId the stored draft released, removed in the same transaction; empty for a file
 * @param confirmed whether the releaser confirmed past a release warning (G5)
 */
public record ReleaseRequest(
    String exchange,
    Series series,
    Cable draft,
    String actor,
    Optional<Long> releaser,
    Optional<Long> draftId,
    boolean confirmed) {
  public ReleaseRequest {
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(draft, "draft");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(releaser, "releaser");
    Objects.requireNonNull(draftId, "draftId");
  }

  /** The operator's release of a canonical file in direct mode: no user, no stored draft. */
  public ReleaseRequest(String exchange, Series series, Cable draft, String actor) {
    this(exchange, series, draft, actor, Optional.empty(), Optional.empty(), true);
  }
}
