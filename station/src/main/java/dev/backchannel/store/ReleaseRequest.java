package dev.backchannel.store;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Series;
import java.util.Objects;

/**
 * An operator's (or releaser's) request to release a draft into a series of an exchange.
 *
 * @param exchange the exchange's name
 * @param series the series to number the cable in
 * @param draft the cable, without DTG and designator
 * @param actor who releases, as recorded in the event
 */
public record ReleaseRequest(String exchange, Series series, Cable draft, String actor) {
  public ReleaseRequest {
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(draft, "draft");
    Objects.requireNonNull(actor, "actor");
  }
}
