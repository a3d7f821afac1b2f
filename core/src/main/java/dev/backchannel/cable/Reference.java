package dev.backchannel.cable;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A link to an earlier cable or one of its paragraphs, resolved within the cable's own exchange
 * unless another is named: {@code TOHAK 84}, {@code HAKTO 44 PARA 2}, {@code TOHAK 12 IN PARIS
 * 1973}.
 */
public record Reference(
    Series series, int serial, OptionalInt paragraph, Optional<String> exchange) {

  /**
   * @throws InvalidValueException if the serial or paragraph is not positive or the exchange name
   *     is not a valid header entry
   */
  public Reference {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(paragraph, "paragraph");
    if (serial < 1) {
      throw new InvalidValueException("reference.serial", "must be positive: " + serial);
    }
    if (paragraph.isPresent() && paragraph.getAsInt() < 1) {
      throw new InvalidValueException(
          "reference.paragraph", "must be positive: " + paragraph.getAsInt());
    }
    exchange =
        Objects.requireNonNull(exchange, "exchange")
            .map(e -> Text.headerEntry("reference.exchange", e));
  }

  /** A reference to a whole cable in the same exchange. */
  public static Reference to(Series series, int serial) {
    return new Reference(series, serial, OptionalInt.empty(), Optional.empty());
  }

  /**
   * Whether {@code referenced}, the cable this names, holds what it names: the whole cable always
   * does; a paragraph only if the cable has a paragraph of that number, so that a reference never
   * points past the end of the text it cites.
   */
  public boolean foundIn(Cable referenced) {
    return paragraph.isEmpty()
        || referenced.paragraphs().stream()
            .anyMatch(p -> p.number().equals(OptionalInt.of(paragraph.getAsInt())));
  }

  /** As written in a REF line. */
  public String text() {
    StringBuilder b = new StringBuilder(series.name()).append(' ').append(serial);
    paragraph.ifPresent(p -> b.append(" PARA ").append(p));
    exchange.ifPresent(e -> b.append(" IN ").append(e));
    return b.toString();
  }

  @Override
  public String toString() {
    return text();
  }
}
