package dev.backchannel.traffic;

import dev.backchannel.access.Access;
import dev.backchannel.access.AccessPolicy;
import dev.backchannel.access.Operator;
import dev.backchannel.access.Reader;
import dev.backchannel.cable.Cable;
import dev.backchannel.cable.Reference;
import dev.backchannel.cable.Series;
import dev.backchannel.service.Refused;
import dev.backchannel.store.CableLookup;
import dev.backchannel.store.Draft;
import dev.backchannel.store.EndInfo;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.Receipt;
import dev.backchannel.store.ReceiptKind;
import dev.backchannel.store.ReleaseRequest;
import dev.backchannel.store.ReleaseWarning;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoredCable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A reader's traffic, whoever asks: the drafts of his ends, their approval and release (G1, G5),
 * and his inbox. Drafts are seen only by members of their end cleared for their label ({@link
 * Drafting}). Knows nothing of HTTP: it refuses with {@link Refused}.
 */
public final class Traffic {
  private final Store store;
  private final AccessPolicy policy;
  private final Drafting drafting;

  public Traffic(Store store, AccessPolicy policy, Drafting drafting) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.drafting = Objects.requireNonNull(drafting, "drafting");
  }

  /**
   * A released cable, and the designators it was released unread with that the releaser may know of
   * (G3, G5).
   */
  public record Released(StoredCable cable, List<String> releasedUnread) {
    public Released {
      Objects.requireNonNull(cable, "cable");
      releasedUnread = List.copyOf(releasedUnread);
    }
  }

  /** A cable in a reader's inbox, with his own receipts of it. */
  public record InboxEntry(StoredCable cable, List<ReceiptKind> receipts) {
    public InboxEntry {
      Objects.requireNonNull(cable, "cable");
      receipts = List.copyOf(receipts);
    }
  }

  /** The drafts of the reader's ends that he may read. */
  public List<Draft> drafts(Reader reader) {
    return store.drafts(reader.user().id()).stream()
        .filter(d -> drafting.readable(reader, d))
        .toList();
  }

  /**
   * One draft the reader may see.
   *
   * @throws Refused NOT_FOUND alike for a draft that does not exist and one he may not see
   */
  public Draft draft(Reader reader, long id) {
    return drafting.visible(reader, id);
  }

  /**
   * Saves a new draft for an exchange, checked (G9).
   *
   * @throws Refused NOT_FOUND for an exchange with no end of his; INVALID naming the field
   */
  public Draft create(Reader reader, String exchange, String text) {
    Drafting.Place place = drafting.place(reader, exchange);
    drafting.check(reader, place, text);
    return store.createDraft(
        place.exchange().name(), place.series().series(), place.end(), reader.user().id(), text);
  }

  /**
   * Saves a new text of a draft, which loses its approval.
   *
   * @throws Refused NOT_FOUND as {@link #draft}; INVALID naming the field
   */
  public Draft update(Reader reader, long id, String text) {
    Draft d = drafting.visible(reader, id);
    drafting.check(reader, drafting.place(reader, d.exchange()), text);
    return store.updateDraft(d.id(), text, reader.user().name());
  }

  /**
   * Discards a draft.
   *
   * @throws Refused NOT_FOUND as {@link #draft}
   */
  public void discard(Reader reader, long id) {
    Draft d = drafting.visible(reader, id);
    store.discardDraft(d.id(), reader.user().name());
  }

  /**
   * Approves a draft as the second person its end requires.
   *
   * @throws Refused NOT_FOUND as {@link #draft}; FORBIDDEN without release authority at its end
   */
  public Draft approve(Reader reader, long id) {
    Draft d = drafting.visible(reader, id);
    if (!Drafting.mayRelease(reader, d.channel(), d.end())) {
      throw Refused.forbidden(
          "approving a release needs release authority at the " + d.end() + " end");
    }
    return store.approveDraft(d.id(), reader.user().id(), reader.user().name());
  }

  /**
   * Releases a saved draft.
   *
   * @param confirm releases past a release warning (G5)
   * @throws Refused NOT_FOUND as {@link #draft}; FORBIDDEN without release authority; CONFLICT
   *     NEEDS_APPROVAL when its end needs a second person's approval of this version;
   *     RELEASE_WARNING, naming the cables, unless confirmed; INVALID naming the field
   */
  public Released releaseDraft(Reader reader, long id, boolean confirm) {
    Draft d = drafting.visible(reader, id);
    requireReleaseAuthority(reader, d.channel(), d.end());
    if (end(d.channel(), d.end()).secondApproval()
        && (d.approvedBy().isEmpty() || d.approvedBy().get().equals(reader.user().name()))) {
      throw Refused.conflict(
          "NEEDS_APPROVAL",
          "draft",
          "the "
              + d.end()
              + " end needs a second person to approve this draft before "
              + reader.user().name()
              + " releases it");
    }
    Drafting.Place place = drafting.place(reader, d.exchange());
    Cable cable = drafting.check(reader, place, d.text());
    return release(reader, place, cable, Optional.of(d.id()), confirm);
  }

  /**
   * Releases a text without a saved draft: the same rules as a draft's release, checked in the same
   * order, except that an end needing a second approval takes drafts only (the approver needs a
   * saved text to approve).
   *
   * @throws Refused as {@link #releaseDraft}, NEEDS_APPROVAL naming the text
   */
  public Released releaseText(Reader reader, String exchange, String text, boolean confirm) {
    Drafting.Place place = drafting.place(reader, exchange);
    requireReleaseAuthority(reader, place.exchange().channel(), place.end());
    if (end(place.exchange().channel(), place.end()).secondApproval()) {
      throw Refused.conflict(
          "NEEDS_APPROVAL",
          "text",
          "the "
              + place.end()
              + " end needs a second person to approve each release: save the text as a draft for"
              + " him to approve");
    }
    Cable cable = drafting.check(reader, place, text);
    return release(reader, place, cable, Optional.empty(), confirm);
  }

  /**
   * The operator releases a canonical file into a named series of an exchange (DESIGN 5.1). Only he
   * may, hence the parameter's type: a user releases from his own end's series, with release
   * authority, through {@link #releaseText} or {@link #releaseDraft}. There is no release warning
   * for him (G5): he reads no cables, so none is unread by him. The cable is numbered, delivered
   * and (by the live feed, from its events) announced to connected readers as any release is.
   *
   * @throws dev.backchannel.store.StoreException NOT_FOUND naming the exchange or the series
   * @throws Refused INVALID naming the references when one names a paragraph its cable lacks
   */
  public StoredCable releaseFile(Operator operator, String exchange, Series series, Cable cable) {
    // the store refuses a REF to no cable in its transaction; the paragraph is checked here, once,
    // since a released cable's paragraphs never change
    for (Reference r : cable.references()) {
      Optional<StoredCable> referenced =
          store
              .exchange(r.exchange().orElse(exchange))
              .flatMap(x -> CableLookup.find(store, x, r.series().name() + " " + r.serial()));
      if (referenced.isPresent() && !r.foundIn(referenced.get().cable())) {
        throw Refused.invalid("references", Drafting.noParagraph(r, referenced.get()));
      }
    }
    StoredCable released =
        store.release(new ReleaseRequest(exchange, series, cable, operator.name()));
    return released;
  }

  /**
   * Where the reader drafts in an exchange, and whom a draft there may name.
   *
   * @throws Refused NOT_FOUND as {@link Drafting#place}
   */
  public Drafting.AddressBook addressBook(Reader reader, String exchange) {
    return drafting.addressBook(drafting.place(reader, exchange));
  }

  /**
   * Checks a text as a draft of the reader's in an exchange, storing nothing: what saving or
   * releasing it would refuse first.
   *
   * @throws Refused as {@link Drafting#check}, and NOT_FOUND as {@link Drafting#place}
   */
  public Cable check(Reader reader, String exchange, String text) {
    return drafting.check(reader, drafting.place(reader, exchange), text);
  }

  /** The cables delivered to the reader that he may know of, with his receipts, at most limit. */
  public List<InboxEntry> inbox(Reader reader, int limit) {
    List<StoredCable> known =
        store.inbox(reader.user().id(), limit).stream()
            .filter(c -> policy.decide(reader, c) != Access.NONE)
            .toList();
    Map<Long, List<Receipt>> receipts =
        store.receipts(known.stream().map(StoredCable::id).toList());
    return known.stream()
        .map(
            c ->
                new InboxEntry(
                    c,
                    receipts.getOrDefault(c.id(), List.of()).stream()
                        .filter(r -> r.reader().equals(reader.user().name()))
                        .map(Receipt::kind)
                        .toList()))
        .toList();
  }

  private static void requireReleaseAuthority(Reader reader, String channel, String end) {
    if (!Drafting.mayRelease(reader, channel, end)) {
      throw Refused.forbidden("releasing needs release authority at the " + end + " end");
    }
  }

  private EndInfo end(String channel, String end) {
    return store.ends(channel).stream().filter(e -> e.name().equals(end)).findFirst().orElseThrow();
  }

  /** Releases a checked cable, or refuses with RELEASE_WARNING (G5). */
  private Released release(
      Reader reader, Drafting.Place place, Cable cable, Optional<Long> draftId, boolean confirm) {
    String exchange = place.exchange().name();
    StoredCable released;
    try {
      released = store.release(request(place, cable, reader, draftId, confirm));
    } catch (ReleaseWarning w) {
      // G3: the warning names only cables the releaser may know of; one about nothing he may
      // know of is no warning to him
      // a cable he may not open (sealed to another) cannot be read before replying: no warning
      List<String> unread = readable(reader, exchange, w.unread());
      List<String> since = knowable(reader, exchange, w.deliveredSinceSaved());
      if (!unread.isEmpty() || !since.isEmpty()) {
        throw new Refused(
            Refused.Kind.CONFLICT,
            "RELEASE_WARNING",
            "confirm",
            new ReleaseWarning(unread, since).getMessage(),
            Map.of("unread", unread, "deliveredSinceSaved", since));
      }
      released = store.release(request(place, cable, reader, draftId, true));
    }
    return new Released(
        released, knowable(reader, released.exchange(), store.releasedUnread(released.id())));
  }

  private static ReleaseRequest request(
      Drafting.Place place, Cable cable, Reader reader, Optional<Long> draftId, boolean confirm) {
    return new ReleaseRequest(
        place.exchange().name(),
        place.series().series(),
        cable,
        reader.user().name(),
        Optional.of(reader.user().id()),
        draftId,
        confirm);
  }

  /** The designators among these whose text the reader may read (G3). */
  private List<String> readable(Reader reader, String exchange, List<String> designators) {
    Optional<ExchangeInfo> x = store.exchange(exchange);
    return knowable(reader, exchange, designators).stream()
        .filter(
            text ->
                x.flatMap(e -> CableLookup.find(store, e, text))
                    .map(c -> policy.decide(reader, c) == Access.CONTENT)
                    .orElse(false))
        .toList();
  }

  /** The designators among these that the reader may know of (G3). */
  private List<String> knowable(Reader reader, String exchange, List<String> designators) {
    Optional<ExchangeInfo> x = store.exchange(exchange);
    return designators.stream()
        .filter(
            text ->
                x.flatMap(e -> CableLookup.find(store, e, text))
                    .map(c -> policy.decide(reader, c) != Access.NONE)
                    .orElse(false))
        .toList();
  }
}
