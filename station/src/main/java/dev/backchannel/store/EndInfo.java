package dev.backchannel.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One end of a channel with its members.
 *
 * @param channel the channel's name
 * @param name the end's name
 * @param secondApproval whether a release from this end needs a second person's approval
 * @param members its members, by user name
 * @param heldSince since when incoming delivery is held (DESIGN 5.2), if it is
 * @param station the peer station the end lives at (issue 25: its members are that station's users,
 *     and cables to it are relayed there); empty for an end of this station
 */
public record EndInfo(
    String channel,
    String name,
    boolean secondApproval,
    List<Member> members,
    Optional<Instant> heldSince,
    Optional<String> station) {
  public EndInfo {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(name, "name");
    members = List.copyOf(members);
    Objects.requireNonNull(heldSince, "heldSince");
    Objects.requireNonNull(station, "station");
  }

  /** An end of this station. */
  public EndInfo(
      String channel,
      String name,
      boolean secondApproval,
      List<Member> members,
      Optional<Instant> heldSince) {
    this(channel, name, secondApproval, members, heldSince, Optional.empty());
  }

  /** A member of an end and whether he may release from it. */
  public record Member(String user, boolean releaseAuthority) {
    public Member {
      Objects.requireNonNull(user, "user");
    }
  }
}
