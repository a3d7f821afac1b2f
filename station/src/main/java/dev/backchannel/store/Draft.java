package dev.backchannel.store;

import dev.backchannel.cable.Series;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A draft of an end, not yet released: its canonical draft text and who approved it, when its end
 * needs a second person.
 *
 * @param id the store's id
 * @param exchange the exchange it will be released into
 * @param series the series its end sends there
 * @param channel the channel of the exchange
 * @param end the end it belongs to
 * @param author who wrote it first
 * @param text the canonical draft text
 * @param savedAt when it was last saved (G5: cables delivered since then make a release warning)
 * @param approvedBy who approved this version, if anyone
 */
public record Draft(
    long id,
    String exchange,
    Series series,
    String channel,
    String end,
    String author,
    String text,
    Instant savedAt,
    Optional<String> approvedBy) {
  public Draft {
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(savedAt, "savedAt");
    Objects.requireNonNull(approvedBy, "approvedBy");
  }
}
