package dev.backchannel.store;

import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.CaveatRegistry;
import java.util.List;
import java.util.Optional;

/**
 * Channels, their ends and members, the caveat registry and exchanges. Part of the {@link Store};
 * every change appends its events in the same transaction (DESIGN 6).
 */
public interface ChannelRepository {
  /**
   * Creates a channel with its two ends.
   *
   * @throws StoreException CONFLICT if a channel's name is or looks like it; INVALID if the ends
   *     share a name or look alike
   */
  ChannelInfo createChannel(String name, String endA, String endB, String actor);

  /** The channel of that name (case-insensitive). */
  Optional<ChannelInfo> channel(String name);

  /** Every channel, by name. */
  List<ChannelInfo> channels();

  /**
   * The two ends of a channel with their members.
   *
   * @throws StoreException NOT_FOUND if there is no such channel
   */
  List<EndInfo> ends(String channel);

  /**
   * Makes a user a member of an end, or changes his release authority there.
   *
   * @throws StoreException NOT_FOUND if the channel, end or user does not exist; CONFLICT if he is
   *     a member of the channel's other end
   */
  EndInfo putMember(
      String channel, String end, String user, boolean releaseAuthority, String actor);

  /**
   * Removes a user from an end.
   *
   * @throws StoreException NOT_FOUND if the channel or end does not exist or he is not a member
   */
  EndInfo removeMember(String channel, String end, String user, String actor);

  /**
   * Sets whether releases from an end need a second person's approval.
   *
   * @throws StoreException NOT_FOUND if the channel or end does not exist
   */
  EndInfo setSecondApproval(String channel, String end, boolean required, String actor);

  /** The ends a user is a member of. */
  List<Membership> memberships(long userId);

  /** The station's caveat registry. */
  CaveatRegistry caveats();

  /**
   * Adds a caveat to the registry.
   *
   * @throws StoreException CONFLICT if it, or one that looks like it, is registered already;
   *     INVALID if the registry would no longer split labels one way only
   */
  CaveatRegistry addCaveat(Caveat caveat, String actor);

  /**
   * Creates an exchange of a channel with its two series, each sent by one end of the channel.
   *
   * @throws StoreException NOT_FOUND if the channel or an end does not exist; CONFLICT if an
   *     exchange's name is or looks like it; INVALID if both series are the same, look alike or are
   *     sent by the same end
   */
  ExchangeInfo createExchange(NewExchange exchange, String actor);

  /** The exchange of that name (case-insensitive). */
  Optional<ExchangeInfo> exchange(String name);

  /** Every exchange, in the order they were created. */
  List<ExchangeInfo> exchanges();
}
