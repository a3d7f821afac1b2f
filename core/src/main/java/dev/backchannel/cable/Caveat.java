package dev.backchannel.cable;

import java.util.regex.Pattern;

/**
 * A caveat of a security label ({@code SENSITIVE}, {@code NODIS} …): upper-case words of letters
 * and digits separated by single spaces. Whether a station knows it is for its {@link
 * CaveatRegistry} to say.
 */
public record Caveat(String name) implements Comparable<Caveat> {
  private static final Pattern NAME = Pattern.compile("[A-Z0-9]+(?: [A-Z0-9]+)*");

  /**
   * @throws InvalidValueException if the name is not upper-case words of letters and digits
   */
  public Caveat {
    name = Text.header("caveat", name);
    if (!NAME.matcher(name).matches()) {
      throw new InvalidValueException(
          "caveat",
          "must be words of letters A-Z and digits separated by single spaces: "
              + Text.quote(name));
    }
  }

  @Override
  public int compareTo(Caveat other) {
    return name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
