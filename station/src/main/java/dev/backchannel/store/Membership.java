package dev.backchannel.store;

import java.util.Objects;

/** That a user is a member of one end of a channel. */
public record Membership(String channel, String end, boolean releaseAuthority) {
  public Membership {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(end, "end");
  }
}
