package dev.backchannel.web;

import java.util.List;
import java.util.Objects;

/** The inbox page: the reader's envelopes, by precedence then time. */
public record InboxView(Chrome chrome, List<InboxView.Envelope> envelopes) {
  public InboxView {
    Objects.requireNonNull(chrome, "chrome");
    envelopes = List.copyOf(envelopes);
  }

  /**
   * One cable as an envelope (G3: never its text).
   *
   * @param state unread, opened, read in full or acknowledged: the reader's furthest receipt
   * @param awaiting a FLASH or IMMEDIATE the reader has not acknowledged
   */
  public record Envelope(
      String href,
      String designator,
      String exchange,
      String exchangeHref,
      String precedence,
      String precedenceClass,
      String dtg,
      String from,
      String banner,
      String bannerClass,
      String state,
      boolean awaiting) {}
}
