package dev.backchannel.store;

import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.Series;
import java.util.Objects;
import java.util.Optional;

/**
 * Filters of a list of cables, most recent first.
 *
 * @param exchange only this exchange
 * @param series only this series
 * @param precedence only this precedence
 * @param limit at most this many, 1 to 1,000
 */
public record CableQuery(
    Optional<String> exchange,
    Optional<Series> series,
    Optional<Precedence> precedence,
    int limit) {
  /** The most cables one list returns. */
  public static final int MAX_LIMIT = 1_000;

  public CableQuery {
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(precedence, "precedence");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new StoreException(
          StoreException.Problem.INVALID,
          "limit",
          "limit must be 1 to " + MAX_LIMIT + ": " + limit);
    }
  }
}
