package dev.backchannel.store;

import java.util.List;

/**
 * A release that needs the releaser's confirmation (G5): opposite-series cables were delivered to
 * the originator or the releaser and not opened by him, or delivered to the end since the draft was
 * last saved. Nothing was released; releasing again with confirmation goes ahead.
 */
public final class ReleaseWarning extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> unread;
  private final List<String> deliveredSinceSaved;

  /**
   * @param unread designators delivered to the originator or releaser and not opened by him
   * @param deliveredSinceSaved designators delivered to the end since the draft was saved
   */
  public ReleaseWarning(List<String> unread, List<String> deliveredSinceSaved) {
    super(message(unread, deliveredSinceSaved));
    this.unread = List.copyOf(unread);
    this.deliveredSinceSaved = List.copyOf(deliveredSinceSaved);
  }

  private static String message(List<String> unread, List<String> since) {
    StringBuilder b = new StringBuilder("confirm the release: ");
    if (!unread.isEmpty()) {
      b.append("not yet opened here: ").append(String.join(", ", unread));
    }
    if (!since.isEmpty()) {
      if (!unread.isEmpty()) {
        b.append("; ");
      }
      b.append("delivered since the draft was saved: ").append(String.join(", ", since));
    }
    return b.toString();
  }

  public List<String> unread() {
    return unread;
  }

  public List<String> deliveredSinceSaved() {
    return deliveredSinceSaved;
  }
}
