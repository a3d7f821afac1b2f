package dev.backchannel.cable.rules;

import java.util.Collection;

/**
 * What a sending end had in hand when it released (G5). A released cable records as {@code seen}
 * the highest serial of the opposite series the sending end held: delivered to it, or imported as
 * the record shows it held. A release is warned, and stored only once confirmed, when the
 * originator or releaser has opposite-series cables delivered and not opened, or when cables of the
 * opposite series reached the sending end after the draft was last saved: the cables may cross.
 */
public final class Seen {
  private Seen() {}

  /**
   * Whether a release must be confirmed before it is stored.
   *
   * @param unread opposite-series cables delivered to the originator or releaser and not opened
   * @param deliveredSinceSaved opposite-series cables delivered to the sending end after the draft
   *     was last saved
   */
  public static boolean mustConfirm(Collection<?> unread, Collection<?> deliveredSinceSaved) {
    return !unread.isEmpty() || !deliveredSinceSaved.isEmpty();
  }
}
