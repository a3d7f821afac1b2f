package dev.backchannel.cable;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date-time group, {@code DDHHMMZ MON YY}: the UTC minute of release. Two-digit years 00-49 are
 * 20YY and 50-99 are 19YY, so a DTG lies in 1950-2049.
 */
public record Dtg(LocalDateTime utc) implements Comparable<Dtg> {
  private static final String[] MONTHS = {
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
  };
  private static final Pattern TEXT =
      Pattern.compile("([0-9]{2})([0-9]{2})([0-9]{2})Z ([A-Z]{3}) ([0-9]{2})");

  /**
   * @throws InvalidValueException if the time has seconds or lies outside 1950-2049
   */
  public Dtg {
    Objects.requireNonNull(utc, "utc");
    if (utc.getSecond() != 0 || utc.getNano() != 0) {
      throw new InvalidValueException("dtg", "must be a whole minute: " + utc);
    }
    if (utc.getYear() < 1950 || utc.getYear() > 2049) {
      throw new InvalidValueException(
          "dtg", "year must lie in 1950-2049 (two-digit years): " + utc.getYear());
    }
  }

  /** The DTG of the minute in which {@code instant} falls. */
  public static Dtg of(Instant instant) {
    return new Dtg(
        LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC));
  }

  /**
   * Reads {@code DDHHMMZ MON YY}, e.g. {@code 221530Z OCT 72}.
   *
   * @throws InvalidValueException if the text is not of that form or names no real time
   */
  public static Dtg parse(String text) {
    Matcher m = TEXT.matcher(text);
    if (!m.matches()) {
      throw new InvalidValueException(
          "dtg", "must be DDHHMMZ MON YY, e.g. 221530Z OCT 72: " + Text.quote(text));
    }
    int month = monthOf(m.group(4));
    if (month == 0) {
      throw new InvalidValueException(
          "dtg", "month must be one of JAN … DEC: " + Text.quote(m.group(4)));
    }
    int yy = Integer.parseInt(m.group(5));
    int year = yy < 50 ? 2000 + yy : 1900 + yy;
    try {
      return new Dtg(
          LocalDateTime.of(
              year,
              month,
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3))));
    } catch (DateTimeException e) {
      throw new InvalidValueException("dtg", "names no real time: " + Text.quote(text));
    }
  }

  private static int monthOf(String mon) {
    for (int i = 0; i < MONTHS.length; i++) {
      if (MONTHS[i].equals(mon)) {
        return i + 1;
      }
    }
    return 0;
  }

  /** The instant at the start of this minute. */
  public Instant instant() {
    return utc.toInstant(ZoneOffset.UTC);
  }

  /** As written: {@code 221530Z OCT 72}. */
  public String text() {
    return String.format(
        "%02d%02d%02dZ %s %02d",
        utc.getDayOfMonth(),
        utc.getHour(),
        utc.getMinute(),
        MONTHS[utc.getMonthValue() - 1],
        utc.getYear() % 100);
  }

  @Override
  public int compareTo(Dtg other) {
    return utc.compareTo(other.utc);
  }

  @Override
  public String toString() {
    return text();
  }
}
