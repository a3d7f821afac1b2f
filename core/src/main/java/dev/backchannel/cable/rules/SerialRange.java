package dev.backchannel.cable.rules;

import dev.backchannel.cable.InvalidValueException;

/** An inclusive range of serials, {@code first..last}, written {@code 7} or {@code 3-5}. */
public record SerialRange(int first, int last) {

  /**
   * @throws InvalidValueException if {@code first} is not positive or {@code last < first}
   */
  public SerialRange {
    if (first < 1 || last < first) {
      throw new InvalidValueException(
          "range", "must satisfy 1 <= first <= last: " + first + "-" + last);
    }
  }

  /** How many serials the range holds. */
  public int size() {
    return last - first + 1;
  }

  /** {@code 7} or {@code 3-5}. */
  public String text() {
    return first == last ? Integer.toString(first) : first + "-" + last;
  }

  @Override
  public String toString() {
    return text();
  }
}
