package dev.backchannel.web;

import java.util.List;
import java.util.Objects;

/**
 * Who has read a cable: each reader's receipts in order, for who sees every reader's (its
 * originator and its sending end), with each receipt's proof to download (G8).
 *
 * @param url where the page fetches it again when a receipt arrives
 * @param shown whether the caller sees every reader's receipts; nothing is shown otherwise
 */
public record TimelineView(String url, boolean shown, List<TimelineView.Row> rows) {
  public TimelineView {
    Objects.requireNonNull(url, "url");
    rows = List.copyOf(rows);
  }

  /** One reader's receipts. */
  public record Row(String reader, List<Step> steps) {
    public Row {
      Objects.requireNonNull(reader, "reader");
      steps = List.copyOf(steps);
    }
  }

  /**
   * One receipt: its kind in words ({@code READ IN FULL}), its kind's name, when (UTC), and where
   * to download its proof.
   */
  public record Step(String words, String kind, String at, String by, String proof) {}
}
