package dev.backchannel.web;

import java.util.List;
import java.util.Objects;

/**
 * The exchange page: who has read what (for the caller's own traffic), the gaps and crossings, and
 * the ladder.
 *
 * @param panel one sentence per reader: "president has read Hakto 41 in full; ..."
 */
public record ExchangeView(
    Chrome chrome,
    String exchange,
    List<String> panel,
    List<String> gaps,
    List<String> crossings,
    LadderView ladder) {
  public ExchangeView {
    Objects.requireNonNull(chrome, "chrome");
    Objects.requireNonNull(exchange, "exchange");
    panel = List.copyOf(panel);
    gaps = List.copyOf(gaps);
    crossings = List.copyOf(crossings);
    Objects.requireNonNull(ladder, "ladder");
  }

  /** Where to write a cable in this exchange. */
  public String composeHref() {
    return Pages.exchangeHref(exchange) + "/compose";
  }
}
