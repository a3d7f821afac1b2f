package dev.backchannel.store;

import dev.backchannel.cable.Clearance;
import java.time.ZoneId;
import java.util.Set;

/** A user as stored, without secrets. */
public record UserInfo(
    long id, String name, Clearance clearance, ZoneId timeZone, Set<Role> roles) {}
