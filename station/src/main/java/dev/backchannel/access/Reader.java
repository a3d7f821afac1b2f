package dev.backchannel.access;

import dev.backchannel.cable.Classification;
import dev.backchannel.store.Membership;
import dev.backchannel.store.Role;
import dev.backchannel.store.UserInfo;
import dev.backchannel.store.Visibility;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A user as the access policy sees him: who he is and which ends he belongs to.
 *
 * @param user the user as stored now
 * @param memberships the ends he is a member of
 */
public record Reader(UserInfo user, List<Membership> memberships) implements Actor {
  public Reader {
    Objects.requireNonNull(user, "user");
    memberships = List.copyOf(memberships);
  }

  /** His login name, as events record the actor. */
  @Override
  public String name() {
    return user.name();
  }

  /** The names of the channels he is a member of. */
  public Set<String> channels() {
    return memberships.stream().map(Membership::channel).collect(Collectors.toUnmodifiableSet());
  }

  /** Whether he is a member of an end of the channel. */
  public boolean isMemberOf(String channel) {
    return memberships.stream().anyMatch(m -> m.channel().equals(channel));
  }

  /** Whether he holds the role. */
  public boolean has(Role role) {
    return user.has(role);
  }

  /** The cables a list may consider for him before the policy decides on each. */
  public Visibility visibility() {
    Classification level = user.clearance().level();
    return new Visibility(
        channels(),
        user.addressedAs(),
        Arrays.stream(Classification.values())
            .filter(level::atLeast)
            .collect(Collectors.toUnmodifiableSet()));
  }
}
