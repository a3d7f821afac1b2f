package dev.backchannel.web;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cable page: banners, header and numbered paragraphs when the reader may read it, else the
 * envelope alone; warnings in plain words, and the reader's own receipts.
 *
 * @param content whether the text is shown (G3)
 * @param passTargets the PASS TO readers the reader may pass it to: an addressee it reached
 * @param receiptsUrl where the page reports READ_IN_FULL, when the reader may report it
 */
public record CableView(
    Chrome chrome,
    String exchange,
    String exchangeHref,
    String designator,
    String href,
    boolean content,
    String banner,
    String bannerClass,
    String precedence,
    String precedenceClass,
    String dtg,
    String from,
    String to,
    String info,
    String passTo,
    List<String> handling,
    Optional<String> subject,
    List<Link> references,
    List<Para> paragraphs,
    List<String> warnings,
    String sha256,
    String state,
    boolean mayAcknowledge,
    List<String> passTargets,
    Optional<String> receiptsUrl,
    TimelineView timeline) {
  public CableView {
    Objects.requireNonNull(chrome, "chrome");
    handling = List.copyOf(handling);
    references = List.copyOf(references);
    paragraphs = List.copyOf(paragraphs);
    warnings = List.copyOf(warnings);
    passTargets = List.copyOf(passTargets);
    Objects.requireNonNull(timeline, "timeline");
  }

  /** A reference: a link when the reader may know of the cable, else its plain designator. */
  public record Link(String text, Optional<String> href) {}

  /** A paragraph with its anchor ({@code p3}), number (blank when unnumbered) and blocks. */
  public record Para(String anchor, String number, List<String> blocks) {}
}
