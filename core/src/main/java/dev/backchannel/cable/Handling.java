package dev.backchannel.cable;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One handling instruction in its original words, upper case. The kind and the person or deadline
 * it names are read from the words, so that an instruction and its words can never disagree: {@code
 * DELIVER IMMEDIATELY}, {@code TO BE DELIVERED IMMEDIATELY UPON OPENING OF BUSINESS} (one
 * instruction: opening of business), {@code DELIVER IN SEALED ENVELOPE MARKED EYES ONLY TO GENERAL
 * HAIG}, {@code CALL COL. KENNEDY ON RECEIPT}, {@code FOR HIS 1500 MEETING}.
 */
public record Handling(String words) {
  private static final Pattern SEALED = Pattern.compile(".*\\bSEALED\\b.*?\\bTO (.+?)\\.?");
  private static final Pattern SEALED_AFTER =
      Pattern.compile(".*?\\bTO (.+?) IN (?:A |AN )?SEALED\\b.*");
  private static final Pattern PASS =
      Pattern.compile(
          "(?:PLEASE )?PASS(?: IMMEDIATELY| AT ONCE| URGENTLY)?(?: THE FOLLOWING)? TO (.+?)\\.?");
  private static final Pattern NOTIFY =
      Pattern.compile(
          "(?:PLEASE )?(?:CALL|NOTIFY|ALERT|PHONE|TELEPHONE|INFORM) (.+?) (?:ON|UPON) RECEIPT\\.?");
  private static final Pattern OPENING = Pattern.compile(".*\\bOPENING OF BUSINESS\\b.*");
  private static final Pattern BY =
      Pattern.compile(
          "(?:.*\\b)?(?:DELIVER(?:ED)? (?:BY|BEFORE|NOT LATER THAN|NLT) (.*[0-9].*?)|FOR"
              + " (?:HIS|HER|THE)"
              + " ([0-9]{4}(?:Z| HOURS)?) MEETING)\\.?");
  private static final Pattern IMMEDIATE =
      Pattern.compile(
          "(?<!\\bNOT )\\b(?:IMMEDIATELY|REGARDLESS OF (?:THE )?HOUR|URGENT|AT ONCE|WITHOUT"
              + " DELAY)\\b");

  /**
   * @throws InvalidValueException if the words are not a valid header value
   */
  public Handling {
    words = Text.header("handling", words);
  }

  /** The kind these words ask for; {@link HandlingKind#FREE_TEXT} when they match none. */
  public HandlingKind kind() {
    // each test first looks for a word its pattern needs, so most wordings cost no regex at all
    if (words.contains("SEALED")
        && (SEALED_AFTER.matcher(words).matches() || SEALED.matcher(words).matches())) {
      return HandlingKind.SEALED;
    }
    if (words.contains("PASS") && PASS.matcher(words).matches()) {
      return HandlingKind.PASS_TO;
    }
    if (words.contains("RECEIPT") && NOTIFY.matcher(words).matches()) {
      return HandlingKind.NOTIFY_ON_RECEIPT;
    }
    if (words.contains("OPENING OF BUSINESS") && OPENING.matcher(words).matches()) {
      return HandlingKind.OPENING_OF_BUSINESS;
    }
    if ((words.contains("DELIVER") || words.contains("MEETING")) && BY.matcher(words).matches()) {
      return HandlingKind.DELIVER_BY;
    }
    if (IMMEDIATE.matcher(words).find()) {
      return HandlingKind.DELIVER_IMMEDIATELY;
    }
    return HandlingKind.FREE_TEXT;
  }

  /**
   * The person named: the reader for PASS_TO and SEALED, the one to notify for NOTIFY_ON_RECEIPT.
   */
  public Optional<String> person() {
    return switch (kind()) {
      case SEALED -> group(SEALED_AFTER, 1).or(() -> group(SEALED, 1));
      case PASS_TO -> group(PASS, 1);
      case NOTIFY_ON_RECEIPT -> group(NOTIFY, 1);
      default -> Optional.empty();
    };
  }

  /** The deadline in its words, for DELIVER_BY: {@code 1500 HOURS}, {@code 221500Z OCT 72}. */
  public Optional<String> deadline() {
    if (kind() != HandlingKind.DELIVER_BY) {
      return Optional.empty();
    }
    Matcher m = BY.matcher(words);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.ofNullable(m.group(1) != null ? m.group(1) : m.group(2));
  }

  private static final Pattern TIME_OF_DAY =
      Pattern.compile("([01][0-9]|2[0-3])([0-5][0-9])(Z)?(?: HOURS)?");

  /**
   * The instant a DELIVER_BY deadline names, for a cable released at {@code released}: a DTG as
   * written ({@code 221500Z OCT 72}), or a time of day ({@code 1500Z} in UTC, {@code 1500 HOURS} in
   * the reader's zone), the first such time after the release. Empty when the words name no time
   * this can read; they are kept as words all the same.
   */
  public Optional<Instant> deadlineAfter(Instant released, ZoneId readerZone) {
    Optional<String> text = deadline();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String t = text.get().strip();
    try {
      return Optional.of(Dtg.parse(t).instant());
    } catch (IllegalArgumentException e) {
      // not a DTG: a time of day, perhaps
    }
    Matcher m = TIME_OF_DAY.matcher(t);
    if (!m.matches()) {
      return Optional.empty();
    }
    ZoneId zone = m.group(3) != null ? ZoneOffset.UTC : readerZone;
    LocalTime time = LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    ZonedDateTime local = released.atZone(zone);
    ZonedDateTime at = local.toLocalDate().atTime(time).atZone(zone);
    if (!at.toInstant().isAfter(released)) {
      at = at.plusDays(1);
    }
    return Optional.of(at.toInstant());
  }

  private Optional<String> group(Pattern p, int g) {
    Matcher m = p.matcher(words);
    return m.matches() ? Optional.ofNullable(m.group(g)) : Optional.empty();
  }

  @Override
  public String toString() {
    return words;
  }
}
