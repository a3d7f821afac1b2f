package dev.backchannel.channels;

import dev.backchannel.access.AccessPolicy;
import dev.backchannel.access.Actor;
import dev.backchannel.access.Reader;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.CaveatRegistry;
import dev.backchannel.names.Names;
import dev.backchannel.names.Names.Kind;
import dev.backchannel.service.Refused;
import dev.backchannel.store.CableQuery;
import dev.backchannel.store.ChannelInfo;
import dev.backchannel.store.EndInfo;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.NewExchange;
import dev.backchannel.store.Role;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoredCable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Channels, their ends and members, exchanges and the caveat registry, whoever asks. Administering
 * them is for those the access policy lets administer the station ({@link
 * AccessPolicy#administers}); exchanges are listed to those who may know of them ({@link
 * AccessPolicy#knowsExchange}); the registry to everyone, since drafting needs it. Knows nothing of
 * HTTP: it refuses with {@link Refused}.
 */
public final class Channels {
  private final Store store;
  private final AccessPolicy policy;

  public Channels(Store store, AccessPolicy policy) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** A channel with its two ends, as stored now. */
  public record ChannelEnds(ChannelInfo channel, List<EndInfo> ends) {
    public ChannelEnds {
      Objects.requireNonNull(channel, "channel");
      ends = List.copyOf(ends);
    }
  }

  /**
   * Every channel with its ends and their members.
   *
   * @throws Refused FORBIDDEN for an actor who may not administer the station
   */
  public List<ChannelEnds> channels(Actor by) {
    requireAdministrator(by);
    return store.channels().stream().map(this::withEnds).toList();
  }

  /**
   * Creates a channel with its two ends.
   *
   * @throws Refused FORBIDDEN as {@link #channels}; INVALID naming ends unless there are two;
   *     INVALID naming the field of a name the {@link Names name policy} refuses
   */
  public ChannelEnds createChannel(Actor by, String name, List<String> ends) {
    requireAdministrator(by);
    if (ends.size() != 2) {
      throw Refused.invalid("ends", "a channel has exactly two ends, not " + ends.size());
    }
    Names.require(Kind.CHANNEL, "name", name);
    ends.forEach(e -> Names.require(Kind.END, "ends", e));
    return withEnds(store.createChannel(name, ends.get(0), ends.get(1), by.name()));
  }

  /**
   * Sets whether releases from an end need a second person's approval.
   *
   * @throws Refused FORBIDDEN as {@link #channels}
   */
  public EndInfo setSecondApproval(Actor by, String channel, String end, boolean required) {
    requireAdministrator(by);
    return store.setSecondApproval(channel, end, required, by.name());
  }

  /**
   * Makes a user a member of an end, or changes his release authority there.
   *
   * @throws Refused FORBIDDEN as {@link #channels}
   */
  public EndInfo putMember(
      Actor by, String channel, String end, String user, boolean releaseAuthority) {
    requireAdministrator(by);
    return store.putMember(channel, end, user, releaseAuthority, by.name());
  }

  /**
   * Removes a user from an end.
   *
   * @throws Refused FORBIDDEN as {@link #channels}
   */
  public EndInfo removeMember(Actor by, String channel, String end, String user) {
    requireAdministrator(by);
    return store.removeMember(channel, end, user, by.name());
  }

  /**
   * The exchanges the reader may know of (G3): of his channels, of cables naming him that he may
   * know of, and all of them for an administrator.
   */
  public List<ExchangeInfo> exchanges(Reader reader) {
    return store.exchanges().stream()
        .filter(x -> policy.knowsExchange(reader, x, () -> cablesOf(reader, x)))
        .toList();
  }

  /**
   * Creates an exchange with its two series.
   *
   * @throws Refused FORBIDDEN as {@link #channels}; INVALID naming the field of a name the {@link
   *     Names name policy} refuses
   */
  public ExchangeInfo createExchange(Actor by, NewExchange exchange) {
    requireAdministrator(by);
    Names.require(Kind.EXCHANGE, "name", exchange.name());
    Names.require(Kind.SERIES, "series", exchange.first().series().name());
    Names.require(Kind.SERIES, "series", exchange.second().series().name());
    return store.createExchange(exchange, by.name());
  }

  /** The station's caveat registry: anyone drafting needs it. */
  public CaveatRegistry caveats() {
    return store.caveats();
  }

  /**
   * Adds a caveat to the registry, upper case.
   *
   * @throws Refused FORBIDDEN as {@link #channels}; INVALID naming the name the {@link Names name
   *     policy} refuses
   */
  public CaveatRegistry addCaveat(Actor by, String name) {
    requireAdministrator(by);
    String upper = Names.require(Kind.CAVEAT, "name", name.strip().toUpperCase(Locale.ROOT));
    return store.addCaveat(new Caveat(upper), by.name());
  }

  /** Refused alike whatever the request names, in the words of the HTTP guard before the routes. */
  private void requireAdministrator(Actor by) {
    if (!policy.administers(by)) {
      throw Refused.forbidden("this needs the role " + Role.ADMINISTRATOR.name());
    }
  }

  private ChannelEnds withEnds(ChannelInfo c) {
    return new ChannelEnds(c, store.ends(c.name()));
  }

  /** The cables of an exchange a list may consider for the reader, before the policy decides. */
  private List<StoredCable> cablesOf(Reader reader, ExchangeInfo x) {
    return store.cables(
        reader.visibility(),
        new CableQuery(
            Optional.of(x.name()), Optional.empty(), Optional.empty(), CableQuery.MAX_LIMIT));
  }
}
