package dev.backchannel.cable;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One direction of an exchange, e.g. {@code HAKTO} (from HAK) or {@code TOHAK} (to HAK): 1 to 20
 * letters A-Z, held upper case.
 */
public record Series(String name) {
  private static final Pattern NAME = Pattern.compile("[A-Z]{1,20}");

  /**
   * @throws InvalidValueException if the name is not 1 to 20 letters A-Z
   */
  public Series {
    name = Text.header("series", name);
    if (!NAME.matcher(name).matches()) {
      throw new InvalidValueException("series", "must be 1 to 20 letters A-Z: " + Text.quote(name));
    }
  }

  /** The name as printed in running text: {@code Hakto}. */
  public String displayName() {
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return name;
  }
}
