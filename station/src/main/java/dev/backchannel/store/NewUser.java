package dev.backchannel.store;

import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.OfficeHours;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A user to create.
 *
 * @param name login name
 * @param addressedAs the name cables address him by; upper-cased
 * @param clearance highest classification and caveat authorisations
 * @param timeZone the user's time zone
 * @param officeHours his office hours in that time zone
 * @param roles the user's roles
 * @param passwordHash an encoded password hash, or empty when a set-up token is used
 * @param setupTokenHash the hash of a one-time set-up token, or empty
 */
public record NewUser(
    String name,
    String addressedAs,
    Clearance clearance,
    ZoneId timeZone,
    OfficeHours officeHours,
    Set<Role> roles,
    Optional<String> passwordHash,
    Optional<String> setupTokenHash) {
  public NewUser {
    Objects.requireNonNull(name, "name");
    addressedAs = addressedAs.strip().toUpperCase(Locale.ROOT);
    Objects.requireNonNull(clearance, "clearance");
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(officeHours, "officeHours");
    roles = Set.copyOf(roles);
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(setupTokenHash, "setupTokenHash");
  }

  /** A user addressed by his login name, with the default office hours. */
  public static NewUser of(
      String name,
      Clearance clearance,
      ZoneId timeZone,
      Set<Role> roles,
      Optional<String> passwordHash,
      Optional<String> setupTokenHash) {
    return new NewUser(
        name, name, clearance, timeZone, OfficeHours.DEFAULT, roles, passwordHash, setupTokenHash);
  }
}
