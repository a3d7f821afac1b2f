package dev.backchannel.traffic;

import dev.backchannel.access.Access;
import dev.backchannel.access.AccessPolicy;
import dev.backchannel.access.Reader;
import dev.backchannel.service.Refused;
import dev.backchannel.store.EndInfo;
import dev.backchannel.store.Role;
import dev.backchannel.store.Store;
import java.util.List;
import java.util.Objects;

/**
 * End holds (DESIGN 5.2), whoever asks: an end's duty officer or an administrator holds all
 * incoming delivery to it, and resuming delivers what was held by precedence then release time,
 * each transaction's cables durable as it goes; the live feed tells their readers from the events
 * those transactions record. Knows nothing of HTTP.
 */
public final class Holds {
  private final Store store;
  private final AccessPolicy policy;

  public Holds(Store store, AccessPolicy policy) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * Holds an end.
   *
   * @throws Refused FORBIDDEN for anyone but its duty officer or an administrator, alike whatever
   *     the channel
   */
  public EndInfo hold(Reader reader, String channel, String end) {
    requireHolder(reader, channel, end);
    return store.holdEnd(channel, end, reader.user().name());
  }

  /**
   * Resumes an end; answers the designators delivered that the reader may know of (G3): an
   * administrator resuming sees no other.
   *
   * @throws Refused FORBIDDEN as {@link #hold}
   */
  public List<String> resume(Reader reader, String channel, String end) {
    requireHolder(reader, channel, end);
    return store.resumeEnd(channel, end, reader.user().name(), batch -> {}).stream()
        .filter(c -> policy.decide(reader, c) != Access.NONE)
        .map(c -> c.designatorText())
        .toList();
  }

  /**
   * The ends the reader may hold and resume, with whether each is held: every end for an
   * administrator, his own ends for a duty officer, none for anyone else.
   */
  public List<EndInfo> holdable(Reader reader) {
    boolean admin = reader.has(Role.ADMINISTRATOR);
    boolean duty = reader.has(Role.DUTY_OFFICER);
    if (!admin && !duty) {
      return List.of();
    }
    return store.channels().stream()
        .flatMap(c -> store.ends(c.name()).stream())
        .filter(
            e ->
                admin
                    || reader.memberships().stream()
                        .anyMatch(
                            m ->
                                m.channel().equalsIgnoreCase(e.channel())
                                    && m.end().equalsIgnoreCase(e.name())))
        .toList();
  }

  /**
   * Holding and resuming are for the end's duty officer or an administrator; anyone else is refused
   * the same way whatever the channel, so the answer tells nothing of channels he is not in.
   */
  private static void requireHolder(Reader reader, String channel, String end) {
    boolean dutyOfficer =
        reader.has(Role.DUTY_OFFICER)
            && reader.memberships().stream()
                .anyMatch(
                    m -> m.channel().equalsIgnoreCase(channel) && m.end().equalsIgnoreCase(end));
    if (!dutyOfficer && !reader.has(Role.ADMINISTRATOR)) {
      throw Refused.forbidden(
          "holding or resuming an end needs its duty officer or an administrator");
    }
  }
}
