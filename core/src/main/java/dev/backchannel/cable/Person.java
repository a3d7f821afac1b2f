package dev.backchannel.cable;

import java.util.Objects;
import java.util.Optional;

/**
 * A person named in a cable's header, upper case, with an optional place: {@code KISSINGER
 * (SAIGON)}. Neither part may hold {@code ;}, {@code (} or {@code )}.
 */
public record Person(String name, Optional<String> place) {

  /**
   * @throws InvalidValueException if the name or place is not a valid header entry
   */
  public Person {
    name = Text.headerEntry("name", name);
    place = Objects.requireNonNull(place, "place").map(p -> Text.headerEntry("place", p));
  }

  /** A person without a place. */
  public static Person named(String name) {
    return new Person(name, Optional.empty());
  }

  /** A person at a place. */
  public static Person at(String name, String place) {
    return new Person(name, Optional.of(place));
  }

  /** As written in a header: {@code NAME} or {@code NAME (PLACE)}. */
  public String text() {
    return place.map(p -> name + " (" + p + ")").orElse(name);
  }

  @Override
  public String toString() {
    return text();
  }
}
