package dev.backchannel.cable.rules;

import dev.backchannel.cable.InvalidValueException;
import dev.backchannel.cable.Series;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Crossed cables (G5). A cable {@code a} (series S, serial n) and a cable {@code b} of the opposite
 * series (serial m) crossed iff {@code m > seen(a)} and {@code n > seen(b)}: each was released
 * without its sender having the other.
 */
public final class Crossings {
  private Crossings() {}

  /**
   * A released cable as the crossing rule sees it.
   *
   * @param series its series
   * @param serial its serial in the series, positive
   * @param seen the highest serial of the opposite series delivered to its sending end when it was
   *     released; 0 when none
   */
  public record Released(Series series, int serial, int seen) {
    /**
     * @throws InvalidValueException if the serial is not positive or seen is negative
     */
    public Released {
      Objects.requireNonNull(series, "series");
      if (serial < 1) {
        throw new InvalidValueException("serial", "must be positive: " + serial);
      }
      if (seen < 0) {
        throw new InvalidValueException("seen", "must not be negative: " + seen);
      }
    }
  }

  /** Two cables of opposite series that crossed; {@code a} is of the first series asked for. */
  public record Crossing(Released a, Released b) {}

  /**
   * True if {@code a} and {@code b} crossed.
   *
   * @throws IllegalArgumentException if both are of the same series
   */
  public static boolean crossed(Released a, Released b) {
    if (a.series().equals(b.series())) {
      throw new IllegalArgumentException(
          "a crossing needs cables of opposite series; both are " + a.series());
    }
    return b.serial() > a.seen() && a.serial() > b.seen();
  }

  /**
   * Every crossing between the cables of series {@code s} and those of series {@code t} among
   * {@code cables} (others are ignored), ordered by the serial in {@code s}, then in {@code t}.
   *
   * @throws IllegalArgumentException if {@code s} and {@code t} are the same series
   */
  public static List<Crossing> among(List<Released> cables, Series s, Series t) {
    if (s.equals(t)) {
      throw new IllegalArgumentException("a crossing needs two series; both are " + s);
    }
    Comparator<Released> bySerial = Comparator.comparingInt(Released::serial);
    List<Released> ss = cables.stream().filter(c -> c.series().equals(s)).sorted(bySerial).toList();
    List<Released> ts = cables.stream().filter(c -> c.series().equals(t)).sorted(bySerial).toList();
    List<Crossing> result = new ArrayList<>();
    for (Released a : ss) {
      for (Released b : ts) {
        if (crossed(a, b)) {
          result.add(new Crossing(a, b));
        }
      }
    }
    return List.copyOf(result);
  }
}
