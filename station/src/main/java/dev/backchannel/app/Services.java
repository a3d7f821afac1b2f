package dev.backchannel.app;

import dev.backchannel.accounts.Accounts;
import dev.backchannel.audit.AuditLog;
import dev.backchannel.cables.Facts;
import dev.backchannel.cables.Reading;
import dev.backchannel.channels.Channels;
import dev.backchannel.receipts.Receipts;
import dev.backchannel.relay.Relay;
import dev.backchannel.traffic.Holds;
import dev.backchannel.traffic.Traffic;
import java.util.Objects;

/**
 * The feature services of a station, built together by {@link Station} on one store, one access
 * policy and one live feed: what the routes of a running station and the direct-mode commands on
 * the station file both call, so both apply the same rules.
 */
public record Services(
    Accounts accounts,
    Channels channels,
    Traffic traffic,
    Holds holds,
    Receipts receipts,
    Facts facts,
    Reading reading,
    AuditLog audit,
    Relay relay) {
  public Services {
    Objects.requireNonNull(accounts, "accounts");
    Objects.requireNonNull(channels, "channels");
    Objects.requireNonNull(traffic, "traffic");
    Objects.requireNonNull(holds, "holds");
    Objects.requireNonNull(receipts, "receipts");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(reading, "reading");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(relay, "relay");
  }
}
