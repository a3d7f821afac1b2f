package dev.backchannel.traffic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.access.Access;
import dev.backchannel.access.AccessPolicy;
import dev.backchannel.access.Reader;
import dev.backchannel.cable.Cable;
import dev.backchannel.json.CableJson;
import dev.backchannel.live.LiveFeed;
import dev.backchannel.server.ApiException;
import dev.backchannel.server.Call;
import dev.backchannel.server.Feature;
import dev.backchannel.server.Guard;
import dev.backchannel.server.JsonBody;
import dev.backchannel.server.Router;
import dev.backchannel.store.Draft;
import dev.backchannel.store.EndInfo;
import dev.backchannel.store.Receipt;
import dev.backchannel.store.ReleaseRequest;
import dev.backchannel.store.ReleaseWarning;
import dev.backchannel.store.Role;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoredCable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Traffic over HTTP: drafts of an end, approval and release (G1, G5), the caller's inbox, and end
 * holds (DESIGN 5.2). Drafts are seen only by members of their end cleared for their label.
 */
public final class TrafficApi implements Feature {
  private final Store store;
  private final AccessPolicy policy;
  private final Drafting drafting;
  private final LiveFeed live;

  public TrafficApi(Store store, AccessPolicy policy, Drafting drafting, LiveFeed live) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.drafting = Objects.requireNonNull(drafting, "drafting");
    this.live = Objects.requireNonNull(live, "live");
  }

  @Override
  public void routes(Router r) {
    r.get(
        "/api/drafts",
        Guard.USER,
        "The drafts of the caller's ends that he may read",
        this::drafts);
    r.post(
        "/api/drafts",
        Guard.USER,
        "Save a new draft (canonical draft text) for an exchange",
        this::create);
    r.get("/api/drafts/{id}", Guard.USER, "One draft", this::draft);
    r.put("/api/drafts/{id}", Guard.USER, "Save a new text of a draft", this::update);
    r.delete("/api/drafts/{id}", Guard.USER, "Discard a draft", this::discard);
    r.post(
        "/api/drafts/{id}/approve",
        Guard.USER,
        "Approve a draft as the second person its end requires",
        this::approve);
    r.post(
        "/api/drafts/{id}/release",
        Guard.USER,
        "Release a draft; answers 409 RELEASE_WARNING unless confirmed when G5 asks",
        this::release);
    r.post(
        "/api/exchanges/{exchange}/cables",
        Guard.USER,
        "Release a text without a saved draft: one request instead of two, the same rules",
        this::releaseText);
    r.get(
        "/api/inbox",
        Guard.USER,
        "Envelopes of the cables delivered to the caller, by precedence then most recent",
        this::inbox);
    r.put(
        "/api/channels/{channel}/ends/{end}/hold",
        Guard.USER,
        "Hold all incoming delivery to an end (its duty officer or an administrator)",
        this::hold);
    r.delete(
        "/api/channels/{channel}/ends/{end}/hold",
        Guard.USER,
        "Resume delivery to an end: held cables go out by precedence then release time",
        this::resume);
  }

  private static long id(Call call) {
    try {
      return Long.parseLong(call.path("id"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound("draft", "there is no draft " + call.path("id"));
    }
  }

  private void drafts(Call call) {
    Reader reader = call.caller().reader();
    ArrayNode a = call.json().createArrayNode();
    for (Draft d : store.drafts(reader.user().id())) {
      if (drafting.readable(reader, d)) {
        a.add(json(call, d));
      }
    }
    call.reply(a);
  }

  private void create(Call call) {
    JsonBody body = call.body().only(Set.of("exchange", "text"));
    Reader reader = call.caller().reader();
    Drafting.Place place = drafting.place(reader, body.text("exchange"));
    String text = body.text("text");
    drafting.check(reader, place, text);
    Draft d =
        store.createDraft(
            place.exchange().name(),
            place.series().series(),
            place.end(),
            reader.user().id(),
            text);
    call.reply(201, json(call, d));
  }

  private void draft(Call call) {
    call.reply(json(call, drafting.visible(call.caller().reader(), id(call))));
  }

  private void update(Call call) {
    Reader reader = call.caller().reader();
    Draft d = drafting.visible(reader, id(call));
    String text = call.body().only(Set.of("text")).text("text");
    drafting.check(reader, drafting.place(reader, d.exchange()), text);
    call.reply(json(call, store.updateDraft(d.id(), text, reader.user().name())));
  }

  private void discard(Call call) {
    Reader reader = call.caller().reader();
    Draft d = drafting.visible(reader, id(call));
    store.discardDraft(d.id(), reader.user().name());
    call.context().status(204);
  }

  private void approve(Call call) {
    Reader reader = call.caller().reader();
    Draft d = drafting.visible(reader, id(call));
    if (!Drafting.mayRelease(reader, d.channel(), d.end())) {
      throw ApiException.forbiddenHere(
          "approving a release needs release authority at the " + d.end() + " end");
    }
    call.reply(json(call, store.approveDraft(d.id(), reader.user().id(), reader.user().name())));
  }

  private void release(Call call) {
    Reader reader = call.caller().reader();
    Draft d = drafting.visible(reader, id(call));
    boolean confirm =
        call.context().body().isBlank()
            ? false
            : call.body().only(Set.of("confirm")).optionalBool("confirm").orElse(false);
    requireReleaseAuthority(reader, d.channel(), d.end());
    if (end(d.channel(), d.end()).secondApproval()
        && (d.approvedBy().isEmpty() || d.approvedBy().get().equals(reader.user().name()))) {
      throw new ApiException(
          409,
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
    release(call, reader, place, cable, Optional.of(d.id()), confirm);
  }

  /**
   * Releases a text in one request, without a saved draft: the same rules as a draft's release,
   * checked in the same order, except that an end needing a second approval takes drafts only (the
   * approver needs a saved text to approve).
   */
  private void releaseText(Call call) {
    Reader reader = call.caller().reader();
    JsonBody body = call.body().only(Set.of("text", "confirm"));
    Drafting.Place place = drafting.place(reader, call.path("exchange"));
    String text = body.text("text");
    boolean confirm = body.optionalBool("confirm").orElse(false);
    requireReleaseAuthority(reader, place.exchange().channel(), place.end());
    if (end(place.exchange().channel(), place.end()).secondApproval()) {
      throw new ApiException(
          409,
          "NEEDS_APPROVAL",
          "text",
          "the "
              + place.end()
              + " end needs a second person to approve each release: save the text as a draft for"
              + " him to approve");
    }
    Cable cable = drafting.check(reader, place, text);
    release(call, reader, place, cable, Optional.empty(), confirm);
  }

  private static void requireReleaseAuthority(Reader reader, String channel, String end) {
    if (!Drafting.mayRelease(reader, channel, end)) {
      throw ApiException.forbiddenHere("releasing needs release authority at the " + end + " end");
    }
  }

  private EndInfo end(String channel, String end) {
    return store.ends(channel).stream().filter(e -> e.name().equals(end)).findFirst().orElseThrow();
  }

  /** Releases a checked cable, answering 201 with it, or 409 RELEASE_WARNING (G5). */
  private void release(
      Call call,
      Reader reader,
      Drafting.Place place,
      Cable cable,
      Optional<Long> draftId,
      boolean confirm) {
    String exchange = place.exchange().name();
    StoredCable released;
    try {
      released = release(place, cable, reader, draftId, confirm);
    } catch (ReleaseWarning w) {
      // G3: the warning names only cables the releaser may know of; one about nothing he may
      // know of is no warning to him
      // a cable he may not open (sealed to another) cannot be read before replying: no warning
      List<String> unread = readable(reader, exchange, w.unread());
      List<String> since = knowable(reader, exchange, w.deliveredSinceSaved());
      if (unread.isEmpty() && since.isEmpty()) {
        released = release(place, cable, reader, draftId, true);
      } else {
        throw new ApiException(
            409,
            "RELEASE_WARNING",
            "confirm",
            new ReleaseWarning(unread, since).getMessage(),
            Map.of("unread", unread, "deliveredSinceSaved", since));
      }
    }
    live.delivered(List.of(released));
    ObjectNode o = CableJson.of(released.cable());
    o.put("exchange", released.exchange());
    o.put("releasedAt", released.releasedAt().orElseThrow().toString());
    o.put("seen", released.seen().orElseThrow());
    ArrayNode unread = o.putArray("releasedUnread");
    knowable(reader, released.exchange(), store.releasedUnread(released.id())).forEach(unread::add);
    o.put("canonical", released.canonical());
    call.reply(201, o);
  }

  private StoredCable release(
      Drafting.Place place, Cable cable, Reader reader, Optional<Long> draftId, boolean confirm) {
    return store.release(
        new ReleaseRequest(
            place.exchange().name(),
            place.series().series(),
            cable,
            reader.user().name(),
            Optional.of(reader.user().id()),
            draftId,
            confirm));
  }

  /** The designators among these whose text the reader may read (G3). */
  private List<String> readable(Reader reader, String exchange, List<String> designators) {
    return knowable(reader, exchange, designators).stream()
        .filter(
            text ->
                store
                    .exchange(exchange)
                    .flatMap(e -> dev.backchannel.store.CableLookup.find(store, e, text))
                    .map(c -> policy.decide(reader, c) == Access.CONTENT)
                    .orElse(false))
        .toList();
  }

  /** The designators among these that the reader may know of (G3). */
  private List<String> knowable(Reader reader, String exchange, List<String> designators) {
    Optional<dev.backchannel.store.ExchangeInfo> x = store.exchange(exchange);
    return designators.stream()
        .filter(
            text ->
                x.flatMap(e -> dev.backchannel.store.CableLookup.find(store, e, text))
                    .map(c -> policy.decide(reader, c) != Access.NONE)
                    .orElse(false))
        .toList();
  }

  private void inbox(Call call) {
    Reader reader = call.caller().reader();
    int limit = call.query("limit").map(TrafficApi::limit).orElse(100);
    ArrayNode a = call.json().createArrayNode();
    for (StoredCable c : store.inbox(reader.user().id(), limit)) {
      if (policy.decide(reader, c) == Access.NONE) {
        continue;
      }
      ObjectNode o = CableJson.envelope(c.cable());
      o.put("exchange", c.exchange());
      ArrayNode mine = o.putArray("receipts");
      for (Receipt r : store.receipts(c.id())) {
        if (r.reader().equals(reader.user().name())) {
          mine.add(r.kind().name());
        }
      }
      a.add(o);
    }
    call.reply(a);
  }

  private static int limit(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= 1_000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.invalid(
        "limit", "limit must be a number from 1 to 1000, not \"" + text + "\"");
  }

  /**
   * Holding and resuming are for the end's duty officer or an administrator; anyone else is refused
   * the same way whatever the channel, so the answer tells nothing of channels he is not in.
   */
  private void requireHolder(Call call) {
    Reader reader = call.caller().reader();
    boolean dutyOfficer =
        reader.has(Role.DUTY_OFFICER)
            && reader.memberships().stream()
                .anyMatch(
                    m ->
                        m.channel().equalsIgnoreCase(call.path("channel"))
                            && m.end().equalsIgnoreCase(call.path("end")));
    if (!dutyOfficer && !reader.has(Role.ADMINISTRATOR)) {
      throw ApiException.forbiddenHere(
          "holding or resuming an end needs its duty officer or an administrator");
    }
  }

  private void hold(Call call) {
    requireHolder(call);
    EndInfo e = store.holdEnd(call.path("channel"), call.path("end"), call.caller().name());
    ObjectNode o = call.json().createObjectNode();
    o.put("channel", e.channel());
    o.put("end", e.name());
    e.heldSince().ifPresent(t -> o.put("heldSince", t.toString()));
    call.reply(o);
  }

  private void resume(Call call) {
    requireHolder(call);
    List<StoredCable> delivered =
        store.resumeEnd(
            call.path("channel"), call.path("end"), call.caller().name(), live::delivered);
    ObjectNode o = call.json().createObjectNode();
    o.put("channel", call.path("channel"));
    o.put("end", call.path("end"));
    // only what the caller may know of (G3): an administrator resuming sees no other designators
    Reader reader = call.caller().reader();
    ArrayNode a = o.putArray("delivered");
    delivered.stream()
        .filter(c -> policy.decide(reader, c) != Access.NONE)
        .forEach(c -> a.add(c.designatorText()));
    call.reply(o);
  }

  private static ObjectNode json(Call call, Draft d) {
    ObjectNode o = call.json().createObjectNode();
    o.put("id", d.id());
    o.put("exchange", d.exchange());
    o.put("series", d.series().name());
    o.put("channel", d.channel());
    o.put("end", d.end());
    o.put("author", d.author());
    o.put("savedAt", d.savedAt().toString());
    d.approvedBy().ifPresent(a -> o.put("approvedBy", a));
    o.put("text", d.text());
    return o;
  }
}
