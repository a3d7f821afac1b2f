package dev.backchannel.store;

/** The roles of DESIGN 2. Release authority is a per-end right, not a role. */
public enum Role {
  PRINCIPAL,
  STAFF,
  DUTY_OFFICER,
  RECORDS_OFFICER,
  ADMINISTRATOR
}
