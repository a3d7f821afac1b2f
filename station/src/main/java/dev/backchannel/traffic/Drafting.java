package dev.backchannel.traffic;

import dev.backchannel.access.Access;
import dev.backchannel.access.AccessPolicy;
import dev.backchannel.access.Reader;
import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Limits;
import dev.backchannel.cable.Person;
import dev.backchannel.cable.Reference;
import dev.backchannel.cable.canonical.CableSyntaxException;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.names.Names;
import dev.backchannel.service.Refused;
import dev.backchannel.store.CableLookup;
import dev.backchannel.store.Draft;
import dev.backchannel.store.EndInfo;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.Membership;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoredCable;
import dev.backchannel.store.UserInfo;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules of a draft (G1, G3, G9): who may write one for which end, and what it may say. A draft
 * that breaks one is refused naming the field, and nothing is stored.
 */
public final class Drafting {
  private final Store store;
  private final AccessPolicy policy;

  public Drafting(Store store, AccessPolicy policy) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** Where a draft goes: its exchange, the drafter's end and the series that end sends. */
  public record Place(ExchangeInfo exchange, ExchangeInfo.SeriesInfo series, String end) {}

  /**
   * The drafter's place in an exchange: the end he belongs to and the series it sends.
   *
   * @throws Refused NOT_FOUND, alike for an exchange that does not exist and one of a channel he is
   *     no member of
   */
  public Place place(Reader drafter, String exchangeName) {
    Optional<ExchangeInfo> x = store.exchange(exchangeName);
    Optional<Membership> m =
        x.flatMap(
            e ->
                drafter.memberships().stream()
                    .filter(ms -> ms.channel().equals(e.channel()))
                    .findFirst());
    if (x.isEmpty() || m.isEmpty()) {
      throw Refused.notFound(
          "exchange", "there is no exchange " + exchangeName + " with an end of yours");
    }
    ExchangeInfo.SeriesInfo series =
        x.get().series().stream()
            .filter(s -> s.sendingEnd().equalsIgnoreCase(m.get().end()))
            .findFirst()
            .orElseThrow();
    return new Place(x.get(), series, m.get().end());
  }

  /**
   * Reads and checks a draft text for a place.
   *
   * @throws Refused INVALID naming the field: the text (with line and column), the label, from, to,
   *     info, pass to or references; a TO, INFO or PASS TO name that is not exactly the name cables
   *     address one user by, or only looks like one, so that each resolves to one user
   */
  public Cable check(Reader drafter, Place place, String text) {
    Cable draft;
    try {
      draft = new CanonicalText(store.caveats(), Limits.DEFAULT).parse(text);
    } catch (CableSyntaxException e) {
      throw Refused.invalid("text", e.getMessage());
    }
    if (!draft.isDraft()) {
      throw Refused.invalid(
          "text", "a draft has no DTG and no designator: they are assigned at release");
    }
    if (!drafter.user().clearance().dominates(draft.label())) {
      throw Refused.invalid(
          "label",
          "you may assign labels your clearance dominates; "
              + draft.label().banner()
              + " is beyond it");
    }
    List<EndInfo> ends = store.ends(place.exchange().channel());
    List<UserInfo> everyone = store.users();
    Set<String> sending = addressed(everyone, ends, place.end(), true);
    Set<String> receiving = addressed(everyone, ends, place.end(), false);
    if (!sending.contains(draft.from().name())) {
      throw Refused.invalid(
          "from",
          Names.escaped(draft.from().name())
              + " is not a member of the "
              + place.end()
              + " end this draft is sent from");
    }
    // an end at a peer station (issue 25) has its members there: that station, which delivers to
    // them, knows who they are; this one knows only the names the cable addresses
    boolean relayed =
        ends.stream()
            .anyMatch(e -> !e.name().equalsIgnoreCase(place.end()) && e.station().isPresent());
    for (Person p : draft.to()) {
      requireNoLookalike("to", p.name(), everyone);
      if (!relayed && !receiving.contains(p.name())) {
        throw Refused.invalid(
            "to",
            Names.escaped(p.name())
                + " is not a member of the receiving end of "
                + place.exchange().channel());
      }
    }
    for (Person p : draft.info()) {
      if (relayed) {
        requireNoLookalike("info", p.name(), everyone);
      } else {
        requireUser("info", p.name(), everyone);
      }
    }
    for (Person p : draft.passTo()) {
      if (relayed) {
        requireNoLookalike("passTo", p.name(), everyone);
      } else {
        requireUser("passTo", p.name(), everyone);
      }
    }
    for (Reference r : draft.references()) {
      ExchangeInfo target =
          r.exchange()
              .flatMap(store::exchange)
              .orElse(r.exchange().isPresent() ? null : place.exchange());
      Optional<StoredCable> referenced =
          target == null
              ? Optional.empty()
              : CableLookup.find(store, target, r.series().name() + " " + r.serial());
      if (referenced.isEmpty() || policy.decide(drafter, referenced.get()) == Access.NONE) {
        throw Refused.invalid(
            "references",
            "REF "
                + r.text()
                + " names no cable in "
                + r.exchange().orElse(place.exchange().name()));
      }
      // only a cable he may read: its paragraphs counted for him would tell its length (G3)
      if (policy.decide(drafter, referenced.get()) == Access.CONTENT
          && !r.foundIn(referenced.get().cable())) {
        throw Refused.invalid("references", noParagraph(r, referenced.get()));
      }
    }
    return draft;
  }

  /**
   * Whom a draft at a place may name, as cables address them: FROM, a member of the sending end;
   * TO, a member of the receiving end; INFO and PASS TO, any user of the station. What a compose
   * form offers; the check of {@link #check} still decides.
   */
  public record AddressBook(List<String> from, List<String> to, List<String> anyone) {
    public AddressBook {
      from = List.copyOf(from);
      to = List.copyOf(to);
      anyone = List.copyOf(anyone);
    }
  }

  /** The address book of a place, each list in name order. */
  public AddressBook addressBook(Place place) {
    List<EndInfo> ends = store.ends(place.exchange().channel());
    List<UserInfo> everyone = store.users().stream().filter(u -> !u.disabled()).toList();
    return new AddressBook(
        addressed(everyone, ends, place.end(), true).stream().sorted().toList(),
        addressed(everyone, ends, place.end(), false).stream().sorted().toList(),
        everyone.stream().map(UserInfo::addressedAs).sorted().toList());
  }

  /**
   * Refuses a name that only looks like the name cables address a user by ({@link Names#skeleton
   * skeletons} equal, names not): content addressed so must not reach a look-alike user, nor the
   * drafter believe it reaches the user it looks like (G3).
   */
  private static void requireNoLookalike(String field, String name, List<UserInfo> everyone) {
    String skeleton = Names.skeleton(name);
    Optional<UserInfo> like =
        everyone.stream()
            .filter(u -> !u.addressedAs().equals(name))
            .filter(u -> Names.skeleton(u.addressedAs()).equals(skeleton))
            .findFirst();
    if (like.isPresent()) {
      throw Refused.invalid(
          field,
          Names.quoted(name)
              + " only looks like "
              + Names.escaped(like.get().addressedAs())
              + "; a cable names a user exactly as cables address him");
    }
  }

  /** Refuses a name that is not exactly the name cables address one user by. */
  private static void requireUser(String field, String name, List<UserInfo> everyone) {
    requireNoLookalike(field, name, everyone);
    if (everyone.stream().noneMatch(u -> u.addressedAs().equals(name))) {
      throw Refused.invalid(field, Names.escaped(name) + " is not a user of this station");
    }
  }

  /** Why a reference to a paragraph is refused: the cited cable has no paragraph of its number. */
  static String noParagraph(Reference r, StoredCable referenced) {
    return "REF "
        + r.text()
        + " names paragraph "
        + r.paragraph().getAsInt()
        + " of "
        + referenced.designatorText()
        + ", which has no paragraph "
        + r.paragraph().getAsInt();
  }

  /** The names cables address the members of an end (or of the other end) by. */
  private static Set<String> addressed(
      List<UserInfo> everyone, List<EndInfo> ends, String end, boolean same) {
    Set<String> names =
        ends.stream()
            .filter(e -> e.name().equalsIgnoreCase(end) == same)
            .flatMap(e -> e.members().stream())
            .map(EndInfo.Member::user)
            .collect(Collectors.toSet());
    return everyone.stream()
        .filter(u -> names.contains(u.name()))
        .map(UserInfo::addressedAs)
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * A draft the caller may see: one of his end's, with a label his clearance dominates.
   *
   * @throws Refused NOT_FOUND alike for a draft that does not exist and one he may not see
   */
  public Draft visible(Reader caller, long id) {
    Optional<Draft> d = store.draft(id);
    boolean mine =
        d.isPresent()
            && caller.memberships().stream()
                .anyMatch(
                    m -> m.channel().equals(d.get().channel()) && m.end().equals(d.get().end()));
    if (!mine || !readable(caller, d.get())) {
      throw Refused.notFound("draft", "there is no draft " + id);
    }
    return d.get();
  }

  /**
   * Whether the caller's clearance dominates the draft's label (a stored draft was checked when
   * saved: its label is read alone).
   */
  public boolean readable(Reader caller, Draft d) {
    try {
      return caller
          .user()
          .clearance()
          .dominates(new CanonicalText(store.caveats(), Limits.DEFAULT).label(d.text()));
    } catch (CableSyntaxException e) {
      return false;
    }
  }

  /** Whether the caller may release from an end of a channel. */
  public static boolean mayRelease(Reader caller, String channel, String end) {
    return caller.memberships().stream()
        .anyMatch(m -> m.channel().equals(channel) && m.end().equals(end) && m.releaseAuthority());
  }
}
