package dev.backchannel.web;

import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Precedence;
import dev.backchannel.cable.SecurityLabel;
import java.util.Locale;

/**
 * How labels and precedences are marked on a page: the customary banner colours (green
 * UNCLASSIFIED, blue CONFIDENTIAL, red SECRET, orange TOP SECRET), always beside their words, so
 * that colour is never the only signal.
 */
public final class Marking {
  private Marking() {}

  /** The CSS class of a classification's banner. */
  public static String bannerClass(Classification c) {
    return "banner banner-" + c.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The banner's words: classification, caveats and eyes-only marking. */
  public static String banner(SecurityLabel label) {
    return label.banner();
  }

  /** The CSS class of a precedence's badge. */
  public static String precedenceClass(Precedence p) {
    return "prec prec-" + p.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
