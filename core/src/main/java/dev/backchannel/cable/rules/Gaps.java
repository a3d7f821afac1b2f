package dev.backchannel.cable.rules;

import dev.backchannel.cable.InvalidValueException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Gaps of a series as held at one station (G6). */
public final class Gaps {
  private Gaps() {}

  /**
   * The serials missing from 1 to the highest held serial, as ranges in ascending order; empty when
   * none is held or none is missing. Duplicates among {@code held} are ignored.
   *
   * @throws InvalidValueException if a serial is not positive
   */
  public static List<SerialRange> of(Collection<Integer> held) {
    int[] sorted = held.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    if (sorted.length > 0 && sorted[0] < 1) {
      throw new InvalidValueException("serials", "must be positive: " + sorted[0]);
    }
    List<SerialRange> gaps = new ArrayList<>();
    int expected = 1;
    for (int serial : sorted) {
      if (serial > expected) {
        gaps.add(new SerialRange(expected, serial - 1));
      }
      expected = serial + 1;
    }
    return List.copyOf(gaps);
  }

  /** As {@link #of(Collection)}. */
  public static List<SerialRange> of(int... held) {
    return of(Arrays.stream(held).boxed().toList());
  }
}
