package dev.backchannel.store;

import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.OfficeHours;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * A user as stored, without secrets.
 *
 * @param id the store's id
 * @param name login name
 * @param addressedAs the upper-case name cables address him by (FROM, TO, INFO, PASS TO)
 * @param clearance highest classification and caveat authorisations
 * @param timeZone his time zone
 * @param officeHours his office hours in that time zone
 * @param roles his roles
 * @param disabled whether he may no longer log in
 */
public record UserInfo(
    long id,
    String name,
    String addressedAs,
    Clearance clearance,
    ZoneId timeZone,
    OfficeHours officeHours,
    Set<Role> roles,
    boolean disabled) {
  public UserInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(addressedAs, "addressedAs");
    Objects.requireNonNull(clearance, "clearance");
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(officeHours, "officeHours");
    roles = Set.copyOf(roles);
  }

  /** Whether he holds the role. */
  public boolean has(Role role) {
    return roles.contains(role);
  }
}
