package dev.backchannel.cable;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A station's running serial of a transmitted cable: an optional prefix of 1 to 10 letters and a
 * number, written {@code WHS 2282} or {@code 225}.
 */
public record StationSerial(Optional<String> prefix, int number) {
  private static final Pattern PREFIX = Pattern.compile("[A-Z]{1,10}");
  private static final Pattern TEXT = Pattern.compile("(?:([A-Z]{1,10}) )?([1-9][0-9]{0,8})");

  /**
   * @throws InvalidValueException if the prefix is not 1 to 10 letters A-Z or the number is not
   *     positive
   */
  public StationSerial {
    prefix =
        Objects.requireNonNull(prefix, "prefix").map(p -> Text.header("stationSerial.prefix", p));
    prefix.ifPresent(
        p -> {
          if (!PREFIX.matcher(p).matches()) {
            throw new InvalidValueException(
                "stationSerial.prefix", "must be 1 to 10 letters A-Z: " + Text.quote(p));
          }
        });
    if (number < 1) {
      throw new InvalidValueException("stationSerial.number", "must be positive: " + number);
    }
  }

  /** As written: {@code WHS 2282} or {@code 225}. */
  public String text() {
    return prefix.map(p -> p + " " + number).orElse(Integer.toString(number));
  }

  /**
   * Reads the written form {@code [PREFIX ]NUMBER}.
   *
   * @throws InvalidValueException if {@code text} is not of that form
   */
  public static StationSerial parse(String text) {
    Matcher m = TEXT.matcher(text);
    if (!m.matches()) {
      throw new InvalidValueException(
          "stationSerial", "must be [PREFIX ]NUMBER, e.g. WHS 2282: " + Text.quote(text));
    }
    return new StationSerial(Optional.ofNullable(m.group(1)), Integer.parseInt(m.group(2)));
  }

  @Override
  public String toString() {
    return text();
  }
}
