package dev.backchannel.cable;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's office hours in his own time zone (DESIGN 5.2, 5.4): a start and end time on each of
 * some days of the week, written {@code 08:00-18:00 MON-FRI} or {@code 09:00-17:00 MON,WED,FRI}.
 */
public record OfficeHours(LocalTime start, LocalTime end, Set<DayOfWeek> days) {
  /** 08:00-18:00, Monday to Friday. */
  public static final OfficeHours DEFAULT =
      new OfficeHours(
          LocalTime.of(8, 0),
          LocalTime.of(18, 0),
          EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

  private static final Pattern TEXT =
      Pattern.compile("([0-9]{2}:[0-9]{2})-([0-9]{2}:[0-9]{2}) ([A-Z]{3}(?:[-,][A-Z]{3})*)");

  public OfficeHours {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!start.isBefore(end)) {
      throw new InvalidValueException(
          "officeHours", "the start " + start + " must be before the end " + end);
    }
    if (days.isEmpty()) {
      throw new InvalidValueException("officeHours", "at least one day is needed");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
  }

  /**
   * Reads office hours as {@link #text()} writes them.
   *
   * @throws InvalidValueException naming {@code officeHours} and the bad text
   */
  public static OfficeHours parse(String text) {
    Matcher m = TEXT.matcher(text.strip().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new InvalidValueException(
          "officeHours",
          "\"" + text + "\" is not office hours like 08:00-18:00 MON-FRI or 09:00-17:00 MON,WED");
    }
    try {
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      for (String part : m.group(3).split(",")) {
        String[] range = part.split("-");
        if (range.length > 2) {
          throw new InvalidValueException(
              "officeHours",
              "\"" + part + "\" in \"" + text + "\" is not a day or a range of days");
        }
        DayOfWeek from = day(range[0], text);
        DayOfWeek to = range.length == 2 ? day(range[1], text) : from;
        if (to.compareTo(from) < 0) {
          throw new InvalidValueException(
              "officeHours", "the days " + part + " in \"" + text + "\" run backwards");
        }
        days.addAll(EnumSet.range(from, to));
      }
      return new OfficeHours(LocalTime.parse(m.group(1)), LocalTime.parse(m.group(2)), days);
    } catch (DateTimeParseException e) {
      throw new InvalidValueException(
          "officeHours", "\"" + text + "\" holds a time that does not exist: " + e.getMessage());
    }
  }

  private static DayOfWeek day(String abbreviation, String text) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().startsWith(abbreviation)) {
        return d;
      }
    }
    throw new InvalidValueException(
        "officeHours", "\"" + abbreviation + "\" in \"" + text + "\" is not a day (MON … SUN)");
  }

  /**
   * When a reader in this zone is next at his desk: {@code now} itself during his office hours,
   * else the next start of them.
   */
  public Instant nextOpening(Instant now, ZoneId zone) {
    ZonedDateTime local = now.atZone(zone);
    if (days.contains(local.getDayOfWeek())
        && !local.toLocalTime().isBefore(start)
        && local.toLocalTime().isBefore(end)) {
      return now;
    }
    for (int ahead = 0; ahead <= 7; ahead++) {
      ZonedDateTime day = local.toLocalDate().plusDays(ahead).atTime(start).atZone(zone);
      if (days.contains(day.getDayOfWeek()) && day.toInstant().isAfter(now)) {
        return day.toInstant();
      }
    }
    throw new IllegalStateException("office hours " + text() + " have no day in a week");
  }

  /**
   * The office hours as {@link #parse} reads them: runs of three or more days as a range ({@code
   * MON-FRI}), others listed ({@code MON,WED}).
   */
  public String text() {
    List<String> parts = new ArrayList<>();
    DayOfWeek[] week = DayOfWeek.values();
    int i = 0;
    while (i < week.length) {
      if (!days.contains(week[i])) {
        i++;
        continue;
      }
      int j = i;
      while (j + 1 < week.length && days.contains(week[j + 1])) {
        j++;
      }
      if (j - i >= 2) {
        parts.add(abbreviation(week[i]) + "-" + abbreviation(week[j]));
      } else {
        for (int k = i; k <= j; k++) {
          parts.add(abbreviation(week[k]));
        }
      }
      i = j + 1;
    }
    return start + "-" + end + " " + String.join(",", parts);
  }

  private static String abbreviation(DayOfWeek day) {
    return day.name().substring(0, 3);
  }
}
