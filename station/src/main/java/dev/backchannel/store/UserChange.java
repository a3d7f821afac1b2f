package dev.backchannel.store;

import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.OfficeHours;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The settings of a user to change; what is empty stays as it is. */
public record UserChange(
    Optional<String> addressedAs,
    Optional<Clearance> clearance,
    Optional<ZoneId> timeZone,
    Optional<OfficeHours> officeHours,
    Optional<Set<Role>> roles,
    Optional<Boolean> disabled) {
  public UserChange {
    Objects.requireNonNull(addressedAs, "addressedAs");
    Objects.requireNonNull(clearance, "clearance");
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(officeHours, "officeHours");
    roles = roles.map(Set::copyOf);
    Objects.requireNonNull(disabled, "disabled");
  }

  /** Whether nothing would change. */
  public boolean isEmpty() {
    return addressedAs.isEmpty()
        && clearance.isEmpty()
        && timeZone.isEmpty()
        && officeHours.isEmpty()
        && roles.isEmpty()
        && disabled.isEmpty();
  }
}
